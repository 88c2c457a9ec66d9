"""Repair-period keys and faults met in use: the refusals no other test drove (KEY-REPAIR-1, KEY-LOAN-11,
CORE-3). Each asserts its code and that no table moved."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from core.testing.fixtures import unchanged
from keys.models import DeveloperConfirmation, KeyFault, KeySet, RepairPickup
from keys.services import followups, repair_keys
from keys.tests.helpers import lend
from keys.tests.loss_helpers import *  # fixtures: repair_key

pytestmark = pytest.mark.django_db

REPAIR_TABLES = (RepairPickup, DeveloperConfirmation, KeySet)
ID = "110105198001011234"


def pickup(key, users, **overrides):
    args = {"key": key, "registered_by": users["kefu1"], "picker_name": "业主2-202", "relation": "owner",
            "id_kind": "id_card", "id_number": ID}
    args.update(overrides)
    return repair_keys.record_pickup(**args)


@pytest.mark.req("KEY-REPAIR-1")
def test_a_pickup_must_say_how_the_collector_relates_to_the_owner(users, repair_key):
    with unchanged(*REPAIR_TABLES), pytest.raises(DomainError) as err:
        pickup(repair_key, users, relation="neighbour")
    assert err.value.code == "invalid_relation"


@pytest.mark.req("KEY-REPAIR-1")
def test_only_a_repair_period_key_goes_through_the_repair_pickup(users, unit_key):
    with unchanged(*REPAIR_TABLES), pytest.raises(DomainError) as err:
        pickup(unit_key, users)
    assert err.value.code == "not_repair_key"


@pytest.mark.req("KEY-REPAIR-1")
def test_a_repair_key_out_on_loan_cannot_be_picked_up(users, repair_key):
    lend(repair_key, users)
    repair_key.refresh_from_db()
    with unchanged(*REPAIR_TABLES), pytest.raises(Conflict) as err:
        pickup(repair_key, users)
    assert err.value.code == "key_not_available"


@pytest.mark.req("KEY-REPAIR-1")
def test_an_already_expired_developer_confirmation_is_not_recorded(users, repair_key, travel):
    travel(dt.datetime(2027, 1, 1, 0, 5, tzinfo=clock.BEIJING))
    with unchanged(*REPAIR_TABLES), pytest.raises(DomainError) as err:
        repair_keys.record_developer_confirmation(
            key=repair_key, recorded_by=users["kefu1"], contractor_company="某装修公司", developer_company="开发商",
            developer_contact="李工", reference="函2026-12", valid_until=dt.date(2026, 12, 31))
    assert err.value.code == "confirmation_expired"


@pytest.mark.req("CORE-3", "KEY-REPAIR-1")
def test_a_pickups_id_number_is_revealed_only_to_roles_that_need_it(users, repair_key):
    done = pickup(repair_key, users)
    with unchanged(RepairPickup), pytest.raises(NotAllowed) as err:
        repair_keys.decrypt_id_number(user=users["kefu1"], pickup=done)
    assert err.value.code == "pii_not_allowed" and err.value.rule == "CORE-3"
    assert repair_keys.decrypt_id_number(user=users["kfzg"], pickup=done) == ID


@pytest.mark.req("KEY-LOAN-11")
def test_a_fault_report_must_say_what_is_wrong(users, public_key):
    with unchanged(KeyFault, KeySet), pytest.raises(DomainError) as err:
        followups.report_fault(key=public_key, reported_by=users["gongcheng1"], kind="haunted", description="打不开")
    assert err.value.code == "invalid_fault"


@pytest.mark.req("KEY-LOAN-7")
def test_only_an_unreturned_key_is_followed_up(users, public_key):
    from keys.models import LoanFollowUp
    from keys.services import desk
    from keys.tests.helpers import issuer_for

    loan = lend(public_key, users)
    desk.return_key(loan=loan, receiver=issuer_for(public_key, users), scanned=public_key.tag_token,
                    pieces_returned=loan.pieces_out)
    loan.refresh_from_db()
    with unchanged(LoanFollowUp), pytest.raises(DomainError) as err:
        followups.add_follow_up(loan=loan, written_by=users["kefu1"], note="催还")
    assert err.value.code == "not_lent"
