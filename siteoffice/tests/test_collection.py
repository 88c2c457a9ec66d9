"""The day's collection closed every day (日收日清), large fees reported the same day (日收日报), the monthly
statement, fees due and their reminders (FEE-1, FEE-2)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from core.signatures import signatures_of
from siteoffice.models import DailyClose, FeeReminder
from siteoffice.selectors import fees as selectors
from siteoffice.services import collection, receipts
from siteoffice.states import CloseStatus, FeeKind, PayMethod
from siteoffice.sweeps import fees as sweep
from siteoffice.tests.helpers import MORNING, at, issue, price, unit


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("FEE-1")
def test_closing_the_day_lists_the_clerks_receipts_with_totals_by_method_and_the_receiver_signs(project, users):
    p = price(project, users, unit_price="10.00")
    issue(project, users, p, quantity="3", method=PayMethod.CASH)
    issue(project, users, p, quantity="2", method=PayMethod.CARD)
    issue(project, users, p, quantity="5", method=PayMethod.CASH, clerk="kefu2")  # another clerk's day
    close = collection.close_day(project=project, clerk=users["kefu1"])
    assert (close.receipts, close.total, close.first_number, close.last_number) == (
        2, Decimal("50.00"), "SJ00000001", "SJ00000002")
    assert close.totals == {"cash": "30.00", "transfer": "0.00", "card": "20.00"}
    close = collection.sign_close(close=close, receiver=users["kfzg"])
    assert close.status == CloseStatus.SIGNED and close.received_by == users["kfzg"]
    assert {s.capacity: s.signer for s in signatures_of(close)} == {
        "siteoffice_close_handed_by": users["kefu1"], "siteoffice_close_received_by": users["kfzg"]}


@pytest.mark.req("FEE-1")
def test_no_receipt_is_issued_into_a_closed_day_and_a_day_is_closed_once(project, users, unchanged, travel):
    p = price(project, users)
    close = collection.close_day(project=project, clerk=users["kefu1"])
    with unchanged(close), pytest.raises(Conflict) as refused:
        issue(project, users, p)
    assert refused.value.code == "day_closed"
    with unchanged(close), pytest.raises(Conflict) as refused:
        collection.close_day(project=project, clerk=users["kefu1"])
    assert refused.value.code == "already_closed"
    assert issue(project, users, p, clerk="kefu2").seq == 1  # another clerk's day is open; no number was lost
    travel(at(MORNING.date() + dt.timedelta(days=1)))
    assert issue(project, users, p).day == MORNING.date() + dt.timedelta(days=1)


@pytest.mark.req("FEE-1")
def test_a_counter_entry_is_not_entered_into_a_closed_day(project, users, unchanged):
    receipt = issue(project, users, price(project, users))
    request = receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="录错")
    collection.close_day(project=project, clerk=users["kefu1"])
    with unchanged(request, receipt), pytest.raises(Conflict) as refused:
        receipts.decide_reversal(request=request, approver=users["kfzg"], approve=True)
    assert refused.value.code == "day_closed"


@pytest.mark.req("FEE-1")
def test_the_clerk_cannot_receive_their_own_day_even_as_supervisor_and_it_is_received_once(
        project, users, two_roles, unchanged):
    clerk = two_roles(users["kefu1"], "cs_supervisor")
    close = collection.close_day(project=project, clerk=clerk)
    with unchanged(close), pytest.raises(NotAllowed) as refused:
        collection.sign_close(close=close, receiver=clerk)
    assert refused.value.code == "same_person"
    with unchanged(close), pytest.raises(NotAllowed) as refused:
        collection.sign_close(close=close, receiver=users["kefu2"])
    assert refused.value.code == "role_not_allowed"
    collection.sign_close(close=close, receiver=users["kfzg"])
    with unchanged(close), pytest.raises(Conflict) as refused:
        collection.sign_close(close=close, receiver=users["jingli"])
    assert refused.value.code == "already_signed"


@pytest.mark.req("FEE-1")
def test_a_day_is_not_closed_ahead_and_a_day_left_open_is_reminded(project, users, travel, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        collection.close_day(project=project, clerk=users["kefu1"], day=MORNING.date() + dt.timedelta(days=1))
    assert refused.value.code == "invalid_date"
    issue(project, users, price(project, users))
    travel(at(MORNING.date() + dt.timedelta(days=1), 8, 0))
    assert sweep.remind_unclosed(project) >= 2  # the clerk and the receivers
    assert Notification.objects.filter(kind="siteoffice.day_unclosed", recipient=users["kefu1"]).exists()
    collection.close_day(project=project, clerk=users["kefu1"], day=MORNING.date())  # closed late
    assert selectors.unclosed_days(project=project) == []


@pytest.mark.req("FEE-2")
def test_large_fees_are_reported_to_the_manager_the_same_day_from_the_policys_hour(project, users, travel):
    p = price(project, users, unit_price="2.50")
    issue(project, users, p, quantity="100")  # 250.00: not large
    big = issue(project, users, p, quantity="2000", method=PayMethod.TRANSFER)  # 5000.00: large
    assert list(selectors.large_fees(project=project, day=MORNING.date())) == [big]
    assert sweep.report_large(project) == 0  # before 17:00
    travel(at(MORNING, 17, 5))
    assert sweep.report_large(project) == 1
    note = Notification.objects.get(kind="siteoffice.large_fees")
    assert note.recipient == users["jingli"] and "5000.00" in note.title
    assert sweep.report_large(project) == 0  # once
    issue(project, users, p, quantity="3000")  # a later large fee the same evening is reported again
    assert sweep.report_large(project) == 1


@pytest.mark.req("FEE-1")
def test_the_monthly_statement_sums_charges_reversals_and_refunds_by_item(project, users, travel):
    service = price(project, users, unit_price="2.50")
    deposit = price(project, users, kind=FeeKind.DECORATION_DEPOSIT, name="装修押金", unit_price="2000.00",
                    label="元/户")
    issue(project, users, service, quantity="100")
    wrong = issue(project, users, service, quantity="10")
    d = issue(project, users, deposit, method=PayMethod.CARD)
    receipts.decide_reversal(request=receipts.request_reversal(receipt=wrong, by=users["kefu1"], reason="错"),
                             approver=users["kfzg"], approve=True)
    receipts.refund_deposit(receipt=d, clerk=users["kefu1"], reason="验收合格", amount="1500")
    travel(at(dt.date(2026, 4, 1)))
    issue(project, users, service, quantity="1")  # April: not in March
    s = selectors.statement(project=project, year=2026, month=3)
    lines = {line["kind"]: line for line in s.lines}
    assert lines["service"]["charged"] == Decimal("275.00") and lines["service"]["reversed"] == Decimal("-25.00")
    assert lines["service"]["net"] == Decimal("250.00")
    assert lines["decoration_deposit"]["refunded"] == Decimal("-1500.00")
    assert s.total == Decimal("750.00") and s.receipts == 5


@pytest.mark.req("FEE-2")
def test_an_overdue_fee_is_a_query_reminded_by_the_sweep_and_paid_by_a_receipt(project, users, travel, unchanged):
    p = price(project, users)
    due = collection.record_due(project=project, by=users["kefu1"], unit=unit(project), price=p, quantity="100",
                                period="2026Q1", due_date=MORNING.date(), payer="王先生")
    assert due.amount == Decimal("250.00") and not selectors.overdue(project=project).exists()
    travel(at(MORNING.date() + dt.timedelta(days=1)))
    assert list(selectors.overdue(project=project)) == [due]
    assert sweep.remind_overdue(project) >= 1
    assert sweep.remind_overdue(project) == 0  # not again the same week
    collection.remind(due=due, by=users["kefu1"], channel="phone", note="月底前缴")
    assert FeeReminder.objects.filter(due=due).count() == 1
    paid = issue(project, users, p, quantity="100", due=due)
    assert paid.unit == due.unit and paid.period == "2026Q1"
    assert not selectors.overdue(project=project).exists()
    with unchanged(due), pytest.raises(Conflict) as refused:
        collection.remind(due=due, by=users["kefu1"], channel="phone")
    assert refused.value.code == "already_paid"
    with unchanged(due), pytest.raises(Conflict) as refused:
        issue(project, users, p, quantity="100", due=due)
    assert refused.value.code == "already_paid"


@pytest.mark.req("FEE-2")
def test_a_fee_due_is_recorded_once_per_unit_item_and_period_with_its_fields(project, users, unchanged):
    p = price(project, users)
    kw = dict(project=project, by=users["kefu1"], unit=unit(project), price=p, quantity="100", period="2026Q1",
              due_date=MORNING.date(), payer="王先生")
    due = collection.record_due(**kw)
    with unchanged(due), pytest.raises(Conflict) as refused:
        collection.record_due(**kw)
    assert refused.value.code == "duplicate_due"
    with unchanged(due), pytest.raises(DomainError) as refused:
        collection.record_due(**{**kw, "period": "2026Q2", "due_date": None})
    assert refused.value.code == "required"
    with unchanged(due), pytest.raises(DomainError) as refused:
        collection.remind(due=due, by=users["kefu1"], channel="pigeon")
    assert refused.value.code == "invalid_choice"
    assert DailyClose.objects.count() == 0
