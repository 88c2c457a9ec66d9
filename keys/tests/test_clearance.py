"""A departing employee is cleared only when nothing is out (ARCH-7): a key still held blocks deactivation, in
the admin where accounts are kept and over the API; the refusal says what is out, and nothing changes."""
import pytest

from core import clearance
from core.admin import StaffChangeForm
from core.errors import Conflict
from core.models import AuditEvent, User
from core.testing.fixtures import PASSWORD, unchanged
from keys.services import desk
from keys.tests.helpers import issuer_for, lend

pytestmark = [pytest.mark.django_db, pytest.mark.req("ARCH-7")]


def give_back(loan, users):
    key = loan.key
    return desk.return_key(loan=loan, receiver=issuer_for(key, users), scanned=key.tag_token, pieces_returned=loan.pieces_out,
                           borrower_password=PASSWORD)


def test_a_key_still_held_blocks_deactivation_and_the_refusal_names_it(users, public_key):
    loan = lend(public_key, users)
    person = users["gongcheng1"]
    items = clearance.outstanding(person)
    assert [(i.document, i.project) for i in items] == [(loan.serial, loan.project.name)]
    with unchanged(User, AuditEvent), pytest.raises(Conflict) as err:
        clearance.deactivate(person=person, by=users["jingli"])
    assert err.value.code == "not_cleared" and err.value.rule == "ARCH-7"
    assert loan.serial in str(err.value) and public_key.number in str(err.value)
    assert User.objects.get(pk=person.pk).is_active

    give_back(loan, users)
    assert clearance.outstanding(person) == []
    clearance.deactivate(person=person, by=users["jingli"], reason="left the company")
    assert not User.objects.get(pk=person.pk).is_active
    assert AuditEvent.objects.filter(action="core.person.deactivated", target_id=str(person.pk)).count() == 1


def test_the_admin_form_refuses_to_switch_off_an_account_with_a_key_out(users, public_key):
    loan = lend(public_key, users)
    person = users["gongcheng1"]
    data = {"username": person.username, "is_active": False, "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00", "full_name": person.full_name}
    form = StaffChangeForm(data=data, instance=person)
    with unchanged(User):
        assert not form.is_valid()
    assert loan.serial in str(form.non_field_errors())
    assert User.objects.get(pk=person.pk).is_active


def test_over_the_api_409_with_the_items_then_200_once_returned(users, public_key, api_as):
    loan = lend(public_key, users)
    person = users["gongcheng1"]
    manager = api_as(users["jingli"])
    seen = manager.get(f"/api/people/{person.pk}/clearance/").json()
    assert seen["cleared"] is False and [i["document"] for i in seen["items"]] == [loan.serial]
    with unchanged(User, AuditEvent):
        refused = manager.post(f"/api/people/{person.pk}/deactivate/", {"reason": "left"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_cleared"
    give_back(loan, users)
    done = manager.post(f"/api/people/{person.pk}/deactivate/", {"reason": "left"}, format="json")
    assert done.status_code == 200 and done.json()["active"] is False


def test_only_the_site_manager_gm_or_it_may_clear_and_outsiders_are_not_told_the_person_exists(users, api_as):
    person = users["gongcheng1"]
    clerk_client, outsider = api_as(users["kefu2"]), api_as(users["bj_jingli"])
    with unchanged(User, AuditEvent):
        clerk = clerk_client.post(f"/api/people/{person.pk}/deactivate/", {}, format="json")
        other_project = outsider.post(f"/api/people/{person.pk}/deactivate/", {}, format="json")
    assert clerk.status_code == 403 and clerk.json()["code"] == "role_not_allowed"
    assert other_project.status_code == 404 and other_project.json()["code"] == "not_found"
    assert User.objects.get(pk=person.pk).is_active
