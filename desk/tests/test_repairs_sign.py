"""Completion is signed by an adult of the household or, for public facilities, by staff of the reporting
department of the required rank; an unsigned slip is not done (REPAIR-3)."""
import pytest

from core.errors import DomainError, NotAllowed
from core.testing.fixtures import PASSWORD
from desk.models import Closure, Repair, RepairStatus
from desk.selectors.repairs import open_repairs
from desk.services import intake, repairs_sign
from desk.tests.test_repairs_factories import SIGNATURE, completed, public


@pytest.mark.req("REPAIR-3")
def test_a_completed_but_unsigned_slip_is_still_open(project, users):
    repair = completed(project, users)
    assert repair.status == RepairStatus.COMPLETED
    assert repair in open_repairs(project=project)
    assert not Closure.objects.exists()


@pytest.mark.req("REPAIR-3")
def test_a_household_slip_needs_an_adult_of_the_household(project, users):
    repair = completed(project, users)
    with pytest.raises(DomainError) as exc:
        repairs_sign.sign_by_household(repair=repair, witnessed_by=users["gongcheng1"], name="小明", image=SIGNATURE,
                                       is_adult=False)
    assert exc.value.code == "signer_not_adult" and exc.value.rule == "REPAIR-3"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED and not Closure.objects.exists()


@pytest.mark.req("REPAIR-3")
def test_a_household_slip_cannot_be_signed_by_staff_password(project, users):
    repair = completed(project, users)
    with pytest.raises(DomainError) as exc:
        repairs_sign.sign_by_staff(repair=repair, signer=users["kefu1"], password=PASSWORD)
    assert exc.value.code == "household_signature_required"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED


@pytest.mark.req("REPAIR-3")
def test_the_households_signature_closes_the_repair_and_hands_it_to_return_visits(project, users):
    repair = completed(project, users)
    repair = repairs_sign.sign_by_household(repair=repair, witnessed_by=users["gongcheng1"], name="业主1-201",
                                            image=SIGNATURE, is_adult=True)
    assert repair.status == RepairStatus.SIGNED and repair.signer_is_adult and repair.signed_at
    closure = Closure.objects.get(source_ref=f"repair:{repair.pk}")
    assert closure.kind == "repair" and closure.source_number == repair.slip_number
    assert repair not in open_repairs(project=project)


@pytest.mark.req("REPAIR-3")
@pytest.mark.parametrize("person", ["gongcheng1", "gczg", "baoan1"])
def test_a_public_slip_is_not_signed_by_engineering_or_a_guard(project, users, person):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    with pytest.raises(NotAllowed) as exc:
        repairs_sign.sign_by_staff(repair=repair, signer=users[person], password=PASSWORD)
    assert exc.value.code == "signer_not_allowed" and exc.value.rule == "REPAIR-3"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED and not Closure.objects.exists()


@pytest.mark.req("REPAIR-3")
def test_a_wrong_password_signs_nothing(project, users):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    with pytest.raises(NotAllowed) as exc:
        repairs_sign.sign_by_staff(repair=repair, signer=users["baz"], password="wrong", actor=users["kefu1"])
    assert exc.value.code == "bad_credentials"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED


@pytest.mark.req("REPAIR-3")
@pytest.mark.parametrize("person", ["baz", "kefu2", "xingzheng", "jingli"])
def test_staff_of_the_required_rank_sign_a_public_slip_with_their_own_password(project, users, person):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    repair = repairs_sign.sign_by_staff(repair=repair, signer=users[person], password=PASSWORD,
                                        actor=users["gongcheng1"])
    assert repair.status == RepairStatus.SIGNED and repair.signer_staff == users[person]
    assert Closure.objects.filter(source_ref=repair.ref).exists()


@pytest.mark.req("REPAIR-3", "DESK-INTAKE-1")
def test_closing_a_repair_closes_the_contact_it_came_from(project, users):
    from desk.tests.test_repairs_factories import household, unit_of

    contact = intake.register_contact(project=project, received_by=users["kefu1"], channel="call", kind="repair",
                                      person_name="业主1-201", content="水龙头漏水", unit=unit_of(project))
    repair = household(project, users["kefu1"], contact=contact)
    contact.refresh_from_db()
    assert contact.matter_ref == repair.ref and contact.status != "closed"
    completed(project, users, repair=repair)
    repairs_sign.sign_by_household(repair=repair, witnessed_by=users["kefu1"], name="业主1-201", image=SIGNATURE,
                                   is_adult=True)
    contact.refresh_from_db()
    assert contact.status == "closed" and repair.slip_number in contact.outcome
