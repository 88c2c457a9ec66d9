"""Contacts refused, and nothing written: who registers, whose resident, a closed contact (DESK-INTAKE-1, CORE-1)."""
import pytest

from core.errors import DomainError
from core.models import Resident
from desk.models import Contact, ContactStatus, Repair
from desk.services import intake, intake_convert
from desk.tests.test_repairs_factories import household


def call(project, user, **overrides):
    spec = {"channel": "call", "kind": "repair", "person_name": "业主1-201", "content": "卫生间漏水"}
    spec.update(overrides)
    return intake.register_contact(project=project, received_by=user, **spec)


@pytest.mark.req("DESK-INTAKE-1")
@pytest.mark.parametrize("who", ["gongcheng1", "baoan1", "cangguan"])
def test_staff_outside_the_desk_roles_register_no_contact(project, users, unchanged, who):
    with unchanged(), pytest.raises(DomainError) as refused:
        call(project, users[who])
    assert refused.value.code == "not_desk_staff" and refused.value.status == 403
    assert not Contact.objects.exists()


@pytest.mark.req("DESK-INTAKE-1")
def test_a_technician_cannot_close_the_desks_contact(project, users, unchanged):
    contact = call(project, users["kefu1"])
    with unchanged(contact), pytest.raises(DomainError) as refused:
        intake.close_contact(contact=contact, closed_by=users["gongcheng1"], outcome="修好了")
    assert refused.value.code == "not_desk_staff"
    assert Contact.objects.get().status == ContactStatus.OPEN


@pytest.mark.req("CORE-1")
def test_a_resident_of_another_project_is_refused(project, other_project, users, unchanged):
    theirs = Resident.objects.filter(project=other_project).first()
    with unchanged(), pytest.raises(DomainError) as refused:
        call(project, users["kefu1"], resident=theirs)
    assert refused.value.code == "resident_not_in_project" and refused.value.rule == "CORE-1"
    assert not Contact.objects.exists()


@pytest.mark.req("DESK-INTAKE-1")
def test_a_closed_contact_becomes_no_repair(project, users, unchanged):
    contact = intake.close_contact(contact=call(project, users["kefu1"]), closed_by=users["kefu1"], outcome="已解答")
    with unchanged(contact), pytest.raises(DomainError) as refused:
        intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电",
                                         location="1栋201")
    assert refused.value.code == "contact_closed"
    with unchanged(contact), pytest.raises(DomainError) as refused:
        household(project, users["kefu1"], contact=contact)
    assert refused.value.code == "contact_closed"
    assert not Repair.objects.exists() and Contact.objects.get().matter_ref == ""
