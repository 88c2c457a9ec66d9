"""Paid services refused, and nothing written: another project's resident or contact (CORE-1); the resident's
on-screen signature is required (CORE-6); the waiver is a supervisor's decision, on the record (CORE-5)."""
import pytest

from core.errors import DomainError
from core.models import Resident
from desk.models import Contact, PaidService, PaidStatus
from desk.services import intake, paid
from desk.tests.test_repairs_factories import SIGNATURE, unit_of


def register(project, user, **overrides):
    spec = {"person_name": "业主1-201", "phone": "138", "unit": unit_of(project),
            "items": [{"code": "lamp", "quantity": 2}]}
    spec.update(overrides)
    return paid.register_service(project=project, registered_by=user, **spec)


def performed(project, users):
    return paid.perform_service(service=register(project, users["kefu1"]), performed_by=users["gongcheng1"])


@pytest.mark.req("SERVICE-1", "CORE-1")
def test_a_resident_of_another_project_is_refused(project, other_project, users, unchanged):
    theirs = Resident.objects.filter(project=other_project).first()
    with unchanged(), pytest.raises(DomainError) as refused:
        register(project, users["kefu1"], resident=theirs, unit=None)
    assert refused.value.code == "resident_not_in_project" and refused.value.rule == "CORE-1"
    assert not PaidService.objects.exists()


@pytest.mark.req("SERVICE-1", "CORE-1")
def test_a_contact_of_another_project_is_refused(project, other_project, users, unchanged):
    theirs = intake.register_contact(project=other_project, received_by=users["bj_kefu1"], channel="call",
                                     kind="service", person_name="业主", content="换灯")
    with unchanged(theirs), pytest.raises(DomainError) as refused:
        register(project, users["kefu1"], contact=theirs)
    assert refused.value.code == "contact_not_in_project"
    assert not PaidService.objects.exists() and Contact.objects.get().matter_ref == ""


@pytest.mark.req("SERVICE-1", "CORE-6")
@pytest.mark.parametrize("name, image", [("", SIGNATURE), ("业主1-201", ""), ("业主1-201", "data:image/png;base64,x")])
def test_the_slip_is_not_signed_without_a_drawn_signature_and_a_name(project, users, unchanged, name, image):
    service = performed(project, users)
    with unchanged(service), pytest.raises(DomainError) as refused:
        paid.sign_service(service=service, witnessed_by=users["kefu1"], name=name, image=image)
    assert refused.value.code == "signature_required" and refused.value.rule == "CORE-6"
    assert PaidService.objects.get().status == PaidStatus.PERFORMED


@pytest.mark.req("SERVICE-1", "CORE-5")
def test_the_waiver_is_the_supervisors_and_is_on_the_record(project, users, unchanged, audited):
    service = paid.sign_service(service=performed(project, users), witnessed_by=users["kefu1"], name="业主1-201",
                                image=SIGNATURE)
    with unchanged(service), pytest.raises(DomainError) as refused:
        paid.waive_charge(service=service, waived_by=users["kefu1"], reason="老住户")
    assert refused.value.code == "role_not_allowed"
    waived = paid.waive_charge(service=service, waived_by=users["kfzg"], reason="公司活动免单")
    assert waived.status == PaidStatus.CLOSED and waived.waived_by == users["kfzg"]
    event = audited("desk.paid.waived", waived)
    assert event.actor_id == users["kfzg"].pk and event.data["reason"] == "公司活动免单"
