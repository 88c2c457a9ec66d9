"""Counting and supervising the key room — ledger, daily review, inventory, shift key slips, custody checks,
vacant-key duplicates: the refusals no other test drove (KEY-LEDGER-1, KEY-DAILY-1/2, KEY-SHIFT-1, KEY-CHECK-1,
KEY-VACANT-1). Each asserts its code and that no table moved."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError
from core.models import Policy
from core.testing.fixtures import unchanged
from keys.categories import Category
from keys.models import (
    CheckFinding,
    CustodyCheck,
    DailyReview,
    DuplicationRequest,
    InventoryCount,
    InventoryLine,
    KeySet,
    ShiftKeyItem,
    ShiftKeySlip,
    SlipKind,
)
from keys.services import custody_checks, daily, inventory, ledger, loss_vacant, shift_keys
from keys.states import KeyStatus
from keys.tests.custody_checks_helpers import collect, listed_keys, monthly_check
from keys.tests.helpers import lend, make_key

pytestmark = pytest.mark.django_db

ALL_OK = {"ledger": {"ok": True}, "storage": {"ok": True}, "returns": {"ok": True}}


# ---------------------------------------------------------------- ledger (KEY-LEDGER-1/2)

@pytest.mark.req("KEY-LEDGER-1")
def test_a_lent_key_is_not_retired(users, public_key):
    lend(public_key, users)
    with unchanged(KeySet), pytest.raises(Conflict) as err:
        ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="报废")
    assert err.value.code == "key_lent"


@pytest.mark.req("KEY-LEDGER-2")
def test_a_numbering_rule_with_no_free_number_left_is_refused(project, users):
    Policy.objects.create(project=project, key="keys.numbering", clause="本项目: 消防箱钥匙统一编号",
                          value={"default": "{prefix}-FIRE"})
    first = make_key(project, users, Category.PUBLIC, name="消防箱")
    assert first.number == "PUB-FIRE"
    with unchanged(KeySet), pytest.raises(Conflict) as err:
        make_key(project, users, Category.PUBLIC, name="另一个消防箱")
    assert err.value.code == "numbering_exhausted"


# ---------------------------------------------------------------- daily review (KEY-DAILY-1)

@pytest.mark.req("KEY-DAILY-1")
def test_the_daily_review_is_recorded_once_a_day_and_never_with_a_negative_count(project, users, travel):
    travel(dt.datetime(2027, 3, 15, 17, 30, tzinfo=clock.BEIJING))
    with unchanged(DailyReview), pytest.raises(DomainError) as err:
        daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=-1, reasons={},
                                  note="点错")
    assert err.value.code == "invalid_count"
    daily.record_daily_review(project=project, reviewed_by=users["kefu1"], counted_on_hook=0, reasons={})
    with unchanged(DailyReview), pytest.raises(Conflict) as err:
        daily.record_daily_review(project=project, reviewed_by=users["kefu2"], counted_on_hook=0, reasons={})
    assert err.value.code == "already_reviewed"


# ---------------------------------------------------------------- inventory (KEY-DAILY-2)

@pytest.fixture
def weekly(project, users, unit_key):
    return inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu1"])


INVENTORY_TABLES = (InventoryCount, InventoryLine, KeySet)


@pytest.mark.req("KEY-DAILY-2")
def test_one_count_of_a_kind_at_a_time(project, users, weekly):
    with unchanged(*INVENTORY_TABLES), pytest.raises(Conflict) as err:
        inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu2"])
    assert err.value.code == "already_counting"


@pytest.mark.req("KEY-DAILY-2")
def test_a_count_is_submitted_once_and_never_negative(users, weekly):
    line = weekly.lines.get()
    with unchanged(*INVENTORY_TABLES), pytest.raises(DomainError) as err:
        inventory.submit_inventory(count=weekly, counted_by=users["kefu1"], counts={line.pk: -2})
    assert err.value.code == "invalid_count"
    inventory.submit_inventory(count=weekly, counted_by=users["kefu1"], counts={line.pk: line.expected_pieces})
    with unchanged(*INVENTORY_TABLES), pytest.raises(Conflict) as err:
        inventory.submit_inventory(count=weekly, counted_by=users["kefu1"], counts={line.pk: 0})
    assert err.value.code == "not_counting"


@pytest.mark.req("KEY-DAILY-2")
def test_a_discrepancy_is_resolved_once_to_a_real_status_and_never_on_a_lent_key(users, unit_key, weekly):
    line = weekly.lines.get()
    inventory.submit_inventory(count=weekly, counted_by=users["kefu1"], counts={line.pk: None})  # missing
    line.refresh_from_db()
    assert line.discrepancy
    with unchanged(*INVENTORY_TABLES), pytest.raises(DomainError) as err:
        inventory.resolve_discrepancy(line=line, resolved_by=users["kefu1"], resolution="找到", key_status="sealed")
    assert err.value.code == "invalid_status"
    lend(unit_key, users)  # found and lent out meanwhile
    with unchanged(*INVENTORY_TABLES), pytest.raises(Conflict) as err:
        inventory.resolve_discrepancy(line=line, resolved_by=users["kefu1"], resolution="找到",
                                      key_status=KeyStatus.IN_STORE)
    assert err.value.code == "key_lent"
    inventory.resolve_discrepancy(line=line, resolved_by=users["kefu1"], resolution="在抽屉里找到")
    with unchanged(*INVENTORY_TABLES), pytest.raises(Conflict) as err:
        inventory.resolve_discrepancy(line=line, resolved_by=users["kefu1"], resolution="再次")
    assert err.value.code == "not_open"


# ---------------------------------------------------------------- shift key slips (KEY-SHIFT-1)

SHIFT_TABLES = (ShiftKeyItem, ShiftKeySlip, KeySet)


@pytest.mark.req("KEY-SHIFT-1")
def test_a_retired_key_is_not_listed_and_an_unlisted_one_not_removed_again(project, users, public_key):
    ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="报废")
    public_key.refresh_from_db()
    with unchanged(*SHIFT_TABLES), pytest.raises(Conflict) as err:
        shift_keys.add_shift_key(project=project, key=public_key, actor=users["kfzg"])
    assert err.value.code == "key_retired"
    key = listed_keys(project, users, n=1)[0]
    item = shift_keys.remove_shift_key(item=ShiftKeyItem.objects.get(key=key), actor=users["kfzg"])
    with unchanged(*SHIFT_TABLES), pytest.raises(Conflict) as err:
        shift_keys.remove_shift_key(item=item, actor=users["kfzg"])
    assert err.value.code == "not_listed"


@pytest.mark.req("KEY-SHIFT-1")
def test_a_return_slip_names_its_collect_slip_and_counts_are_never_negative(project, users):
    keys = listed_keys(project, users)
    with unchanged(*SHIFT_TABLES):
        with pytest.raises(DomainError) as err:
            collect(project, users, keys, kind=SlipKind.RETURN)
        assert err.value.code == "collect_slip_required"
        with pytest.raises(DomainError) as err:
            collect(project, users, keys, counts={keys[0].pk: -1, keys[1].pk: 2}, explanation="少了")
        assert err.value.code == "invalid_count"


@pytest.mark.req("KEY-SHIFT-1")
def test_a_slip_without_an_open_follow_up_is_not_resolved(project, users):
    slip = collect(project, users, listed_keys(project, users))
    with unchanged(*SHIFT_TABLES), pytest.raises(Conflict) as err:
        shift_keys.resolve_slip_followup(slip=slip, resolved_by=users["kfzg"], resolution="无")
    assert err.value.code == "not_open"


# ---------------------------------------------------------------- custody checks (KEY-CHECK-1)

CHECK_TABLES = (CustodyCheck, CheckFinding)


@pytest.mark.req("KEY-CHECK-1")
def test_a_rectification_deadline_in_the_past_is_refused(project, users, travel):
    # Just after midnight in Beijing (still the 14th in UTC): "today" is the 15th and the 14th is past.
    travel(dt.datetime(2027, 3, 15, 0, 5, tzinfo=clock.BEIJING))
    check = monthly_check(project, users)
    with unchanged(*CHECK_TABLES), pytest.raises(DomainError) as err:
        custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="钥匙柜未上锁",
                                   owner=users["kefu1"], deadline=dt.date(2027, 3, 14), item="storage")
    assert err.value.code == "deadline_past" and err.value.rule == "KEY-CHECK-1"
    finding = custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="钥匙柜未上锁",
                                         owner=users["kefu1"], deadline=dt.date(2027, 3, 15), item="storage")
    assert finding.deadline == dt.date(2027, 3, 15)  # today itself is still allowed


@pytest.mark.req("KEY-CHECK-1")
def test_a_check_is_not_made_for_a_future_period(project, users, travel):
    travel(dt.datetime(2027, 3, 31, 23, 55, tzinfo=clock.BEIJING))
    with unchanged(*CHECK_TABLES), pytest.raises(DomainError) as err:
        custody_checks.start_check(project=project, kind="monthly", started_by=users["xingzheng"],
                                   day=dt.date(2027, 4, 1))
    assert err.value.code == "future_period"


@pytest.mark.req("KEY-CHECK-1")
def test_a_done_check_takes_no_more_findings(project, users):
    check = monthly_check(project, users)
    custody_checks.complete_check(check=check, completed_by=users["xingzheng"], results=ALL_OK)
    with unchanged(*CHECK_TABLES), pytest.raises(Conflict) as err:
        custody_checks.add_finding(check=check, added_by=users["xingzheng"], description="补一条",
                                   owner=users["kefu1"])
    assert err.value.code == "check_done"


# ---------------------------------------------------------------- vacant-unit duplicates (KEY-VACANT-1)

@pytest.mark.req("KEY-VACANT-1")
@pytest.mark.parametrize("count", [0, 11, "two"])
def test_duplicates_are_cut_one_to_ten_at_a_time(project, users, count):
    key = make_key(project, users, Category.VACANT, name="1栋301空房钥匙")
    with unchanged(DuplicationRequest, KeySet), pytest.raises(DomainError) as err:
        loss_vacant.request_duplication(key=key, requested_by=users["kefu1"], reason="看房多", count=count)
    assert err.value.code == "invalid_count"

