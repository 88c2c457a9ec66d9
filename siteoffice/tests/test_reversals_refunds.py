"""A receipt is never edited: a reversal is a counter-entry with its own number and a reason, approved by the
supervisor (FEE-1); a deposit is refunded by a negative entry against its receipt (FEE-2)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from siteoffice.models import CounterEntry, FeeDue, Receipt
from siteoffice.services import collection, receipts
from siteoffice.states import CounterStatus, EntryKind, FeeKind
from siteoffice.tests.helpers import MORNING, at, issue, price, unit


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.fixture
def receipt(project, users):
    return issue(project, users, price(project, users, unit_price="4.20", name="代收水费", kind=FeeKind.ON_BEHALF),
                 quantity="12.5")


@pytest.mark.req("FEE-1")
def test_an_approved_reversal_is_a_negative_receipt_with_its_own_number_and_the_original_unchanged(
        project, users, receipt, audited):
    before = Receipt.objects.filter(pk=receipt.pk).values().get()
    request = receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="读数录错")
    assert request.status == CounterStatus.PENDING and not Receipt.objects.filter(original=receipt).exists()
    request = receipts.decide_reversal(request=request, approver=users["kfzg"], approve=True)
    counter = Receipt.objects.get(original=receipt)
    assert request.status == CounterStatus.DONE and request.entered == counter
    assert (counter.entry, counter.amount, counter.number, counter.reason) == (
        EntryKind.REVERSAL, Decimal("-52.50"), "SJ00000002", "读数录错")
    assert Receipt.objects.filter(pk=receipt.pk).values().get() == before
    assert audited("siteoffice.receipt.reversed", counter).data["reverses"] == receipt.number


@pytest.mark.req("FEE-1")
def test_a_rejected_reversal_enters_nothing_and_needs_a_reason(project, users, receipt, unchanged):
    request = receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="读数录错")
    with unchanged(request, receipt), pytest.raises(DomainError) as refused:
        receipts.decide_reversal(request=request, approver=users["kfzg"], approve=False, comment="")
    assert refused.value.code == "required"
    request = receipts.decide_reversal(request=request, approver=users["kfzg"], approve=False, comment="读数无误")
    assert request.status == CounterStatus.REJECTED
    assert Receipt.objects.filter(project=project).count() == 1
    # Rejected, it may be asked again with a better reason.
    assert receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="复核确认录错").status == "pending"


@pytest.mark.req("FEE-1")
def test_the_clerk_who_issued_the_receipt_cannot_approve_its_reversal_even_as_supervisor(
        project, users, receipt, two_roles, unchanged):
    clerk = two_roles(users["kefu1"], "cs_supervisor")
    request = receipts.request_reversal(receipt=receipt, by=users["kefu2"], reason="录错")
    with unchanged(request, receipt), pytest.raises(NotAllowed) as refused:
        receipts.decide_reversal(request=request, approver=clerk, approve=True)
    assert refused.value.code == "self_approval"


@pytest.mark.req("FEE-1")
def test_a_clerk_cannot_approve_a_reversal(project, users, receipt, unchanged):
    request = receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="录错")
    with unchanged(request), pytest.raises(NotAllowed) as refused:
        receipts.decide_reversal(request=request, approver=users["kefu2"], approve=True)
    assert refused.value.code == "approver_not_allowed"


@pytest.mark.req("FEE-1")
def test_a_receipt_is_reversed_once_and_a_counter_entry_is_not_reversed(project, users, receipt, unchanged):
    request = receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="录错")
    with unchanged(request), pytest.raises(Conflict) as refused:
        receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="再次")
    assert refused.value.code == "already_requested"
    receipts.decide_reversal(request=request, approver=users["kfzg"], approve=True)
    with unchanged(receipt), pytest.raises(Conflict) as refused:
        receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="再次")
    assert refused.value.code == "already_reversed"
    counter = Receipt.objects.get(original=receipt)
    with unchanged(counter), pytest.raises(Conflict) as refused:
        receipts.request_reversal(receipt=counter, by=users["kefu1"], reason="再次")
    assert refused.value.code == "not_a_charge"
    with unchanged(request), pytest.raises(Conflict) as refused:
        receipts.decide_reversal(request=request, approver=users["jingli"], approve=True)
    assert refused.value.code == "not_pending"


@pytest.mark.req("FEE-1")
def test_a_reversal_needs_a_reason(project, users, receipt, unchanged):
    with unchanged(receipt), pytest.raises(DomainError) as refused:
        receipts.request_reversal(receipt=receipt, by=users["kefu1"], reason="  ")
    assert refused.value.code == "required"
    assert not CounterEntry.objects.exists()


@pytest.mark.req("FEE-2")
def test_a_deposit_is_refunded_by_a_negative_entry_against_its_receipt(project, users, audited):
    deposit = issue(project, users, price(project, users, kind=FeeKind.DECORATION_DEPOSIT, name="装修押金",
                                          unit_price="2000.00", label="元/户"))
    refund = receipts.refund_deposit(receipt=deposit, clerk=users["kefu2"], reason="验收合格，扣除垃圾清运费200元",
                                     amount="1800.00")
    assert (refund.entry, refund.original, refund.amount) == (EntryKind.REFUND, deposit, Decimal("-1800.00"))
    assert audited("siteoffice.deposit.refunded", refund).data["kept"] == "200.00"


@pytest.mark.req("FEE-2")
def test_a_refund_is_only_of_a_deposit_once_and_never_more_than_it(project, users, receipt, unchanged):
    with unchanged(receipt), pytest.raises(DomainError) as refused:
        receipts.refund_deposit(receipt=receipt, clerk=users["kefu1"], reason="退")
    assert refused.value.code == "not_a_deposit"
    deposit = issue(project, users, price(project, users, kind=FeeKind.OTHER_DEPOSIT, name="出入证押金",
                                          unit_price="50.00", label="元/张"), quantity="2")
    with unchanged(deposit), pytest.raises(DomainError) as refused:
        receipts.refund_deposit(receipt=deposit, clerk=users["kefu1"], reason="退", amount="100.01")
    assert refused.value.code == "refund_too_large"
    with unchanged(deposit), pytest.raises(DomainError) as refused:
        receipts.refund_deposit(receipt=deposit, clerk=users["kefu1"], reason="")
    assert refused.value.code == "required"
    receipts.refund_deposit(receipt=deposit, clerk=users["kefu1"], reason="退还出入证")
    with unchanged(deposit), pytest.raises(Conflict) as refused:
        receipts.refund_deposit(receipt=deposit, clerk=users["kefu1"], reason="再退")
    assert refused.value.code == "already_reversed"


@pytest.mark.req("FEE-2")
def test_reversing_the_receipt_of_a_fee_due_makes_it_owed_again(project, users):
    p = price(project, users)
    due = collection.record_due(project=project, by=users["kefu1"], unit=unit(project), price=p, quantity="100",
                                period="2026Q1", due_date=MORNING.date(), payer="王先生")
    paid = issue(project, users, p, quantity="100", due=due)
    assert FeeDue.objects.get(pk=due.pk).paid_at is not None
    request = receipts.request_reversal(receipt=paid, by=users["kefu1"], reason="重复收费")
    receipts.decide_reversal(request=request, approver=users["kfzg"], approve=True)
    assert FeeDue.objects.get(pk=due.pk).paid_at is None
