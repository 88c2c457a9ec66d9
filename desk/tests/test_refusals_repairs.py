"""Repairs refused, and nothing written: another project's resident, contact, unit or technician (CORE-1), staff
outside the register (REPAIR-5); the slip is signed by the right person with their own password, never by a
deactivated or unknown account, never by engineering signing its own work even with a second role (REPAIR-3,
CORE-6)."""
import pytest

from core.errors import DomainError
from core.models import Resident, Unit
from core.roles import Role
from core.testing.fixtures import PASSWORD
from desk.models import Closure, Contact, Repair, RepairStatus
from desk.services import intake, repairs_sign
from desk.tests.test_repairs_factories import SIGNATURE, completed, household, public

API = "/api/desk/repairs/"


@pytest.mark.req("REPAIR-1", "CORE-1")
def test_a_resident_of_another_project_is_refused(project, other_project, users, unchanged):
    theirs = Resident.objects.filter(project=other_project).first()
    with unchanged(), pytest.raises(DomainError) as refused:
        household(project, users["kefu1"], resident=theirs)
    assert refused.value.code == "resident_not_in_project"
    assert not Repair.objects.exists()


@pytest.mark.req("REPAIR-1", "CORE-1")
def test_a_contact_of_another_project_is_refused(project, other_project, users, unchanged):
    theirs = intake.register_contact(project=other_project, received_by=users["bj_kefu1"], channel="call",
                                     kind="repair", person_name="业主", content="漏水")
    with unchanged(theirs), pytest.raises(DomainError) as refused:
        household(project, users["kefu1"], contact=theirs)
    assert refused.value.code == "contact_not_in_project"
    assert not Repair.objects.exists() and Contact.objects.get().matter_ref == ""


@pytest.mark.req("REPAIR-5")
def test_staff_outside_the_repairs_register_are_refused_by_the_api(project, users, api_as, unchanged):
    api = api_as(users["dangan"])
    with unchanged():
        listed = api.get(API, {"project": project.pk})
        made = api.post(API, {"project": project.pk, "person_name": "何档案", "location": "档案室",
                              "content": "灯不亮", "category": "公共设施"}, format="json")
    assert (listed.status_code, listed.json()["code"]) == (403, "not_repairs_staff")
    assert (made.status_code, made.json()["code"]) == (403, "not_repairs_staff")
    assert not Repair.objects.exists()


@pytest.mark.req("REPAIR-1", "CORE-1")
def test_the_api_refuses_a_unit_or_technician_of_another_project(project, other_project, users, api_as, unchanged):
    api = api_as(users["kefu1"])
    theirs = Unit.objects.filter(project=other_project).first()
    with unchanged():
        response = api.post(API, {"project": project.pk, "person_name": "业主", "unit": theirs.pk,
                                  "content": "漏水", "category": "水电"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "not_in_project")
    repair = household(project, users["kefu1"])
    with unchanged(repair):
        response = api.post(f"{API}{repair.pk}/dispatch/", {"technician": users["bj_gongcheng1"].pk}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "not_in_project")
    assert Repair.objects.get().status == RepairStatus.REPORTED


@pytest.mark.req("REPAIR-3", "CORE-6")
def test_a_public_slip_is_not_signed_on_the_households_screen(project, users, unchanged):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    with unchanged(repair), pytest.raises(DomainError) as refused:
        repairs_sign.sign_by_household(repair=repair, witnessed_by=users["gongcheng1"], name="路人", image=SIGNATURE,
                                       is_adult=True)
    assert refused.value.code == "staff_signature_required" and refused.value.rule == "REPAIR-3"
    assert not Closure.objects.exists()


@pytest.mark.req("REPAIR-3", "CORE-6")
@pytest.mark.parametrize("username", ["nobody", "bj_baz"])
def test_a_signer_who_is_not_staff_of_this_project_is_unknown(project, users, api_as, unchanged, username):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    with unchanged(repair):
        response = api_as(users["kefu1"]).post(f"{API}{repair.pk}/sign-staff/",
                                               {"username": username, "password": PASSWORD}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "unknown_signer")
    assert Repair.objects.get().status == RepairStatus.COMPLETED


@pytest.mark.req("REPAIR-3", "CORE-6")
def test_a_deactivated_signer_signs_nothing(project, users, unchanged):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    users["baz"].is_active = False
    users["baz"].save(update_fields=["is_active"])
    with unchanged(repair), pytest.raises(DomainError) as refused:
        repairs_sign.staff_signer(project, "baz")
    assert refused.value.code == "unknown_signer"
    with unchanged(repair), pytest.raises(DomainError) as refused:
        repairs_sign.sign_by_staff(repair=repair, signer=users["baz"], password=PASSWORD, actor=users["kefu1"])
    assert refused.value.code == "signer_not_allowed"
    assert not Closure.objects.exists()


@pytest.mark.req("REPAIR-3")
def test_a_technician_given_a_desk_role_still_cannot_sign_off_engineerings_work(project, users, two_roles,
                                                                                 unchanged):
    both = two_roles(users["gongcheng1"], Role.CS_ASSISTANT)
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    with unchanged(repair), pytest.raises(DomainError) as refused:
        repairs_sign.sign_by_staff(repair=repair, signer=both, password=PASSWORD)
    assert refused.value.code == "signer_not_allowed" and refused.value.rule == "REPAIR-3"
    assert Repair.objects.get().signer_staff is None and not Closure.objects.exists()


@pytest.mark.req("REPAIR-3", "CORE-5")
def test_the_signature_that_closes_a_repair_is_on_the_record(project, users, audited):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    repair = repairs_sign.sign_by_staff(repair=repair, signer=users["baz"], password=PASSWORD, actor=users["kefu1"])
    event = audited("desk.repair.signed", repair)
    assert event.actor_id == users["kefu1"].pk
    assert event.data == {"method": "staff", "signer": users["baz"].display_name}
