"""Receipts (收据) and their counter-entries (FEE-1, FEE-2; 002 篇3 §4.8.2–4.8.4).

Numbers come from one counter row per project, locked in the receipt's own transaction: two clerks at once
never get the same number, and a refused receipt rolls its number back with it, so none is skipped. A receipt is
never edited: a mistake is reversed by a counter-entry (a negative receipt with its own number) with a reason,
approved as policy; a deposit is given back by a refund entry against its receipt."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, Unit, User
from core.retention import retain_until
from siteoffice.models import CounterEntry, DailyClose, FeeDue, Price, Receipt, ReceiptCounter
from siteoffice.permissions import FEE_RULE, require_clerk
from siteoffice.services import prices
from siteoffice.services.money import decimal_of, times
from siteoffice.states import COUNTER_FLOW, CounterStatus, EntryKind, FeeKind, PayMethod

REFUND_RULE = "FEE-2"
# Where a deposit may be refunded only after something else (a decoration's acceptance, DECOR-1): checks that
# raise a DomainError when the deposit is not yet refundable. Filled by the site office's own decoration area.
refund_checks: list = []


def lock_counter(project: Project) -> ReceiptCounter:
    ReceiptCounter.objects.get_or_create(project=project)
    return ReceiptCounter.objects.select_for_update().get(project=project)


def _refuse_closed_day(project: Project, clerk: User) -> None:
    if DailyClose.objects.filter(project=project, clerk=clerk, day=clock.today()).exists():
        raise Conflict(_("Your day's collection is closed: no receipt can be issued into it."), code="day_closed",
                       rule=FEE_RULE, clause=policies.resolve("siteoffice.fees.receiver_roles", project).clause)


def _write(*, project: Project, clerk: User, counter: ReceiptCounter, **fields) -> Receipt:
    counter.last += 1
    counter.save(update_fields=["last"])
    now = clock.now()
    years = int(policies.value("siteoffice.fees.retention_years", project))
    return Receipt.objects.create(project=project, seq=counter.last, number=f"SJ{counter.last:08d}", clerk=clerk,
                                  issued_at=now, day=clock.today(), retain_until=retain_until(years), **fields)


def _lock_due(due: FeeDue | None, project: Project, price: Price) -> FeeDue | None:
    if due is None:
        return None
    due = FeeDue.objects.select_for_update().filter(pk=due.pk, project=project).first()
    if due is None:
        raise NotFound(_("No such record."), code="not_found")
    if due.paid_at is not None:
        raise Conflict(_("This fee is already paid."), code="already_paid", rule=FEE_RULE)
    if due.price.kind != price.kind or due.price.name != price.name:
        raise DomainError(_("The receipt's item is not the fee due."), code="invalid_choice", rule=FEE_RULE,
                          details={"field": "price"})
    return due


@audit.atomic()
def issue(*, project: Project, clerk: User, price: Price, quantity, payer: str, method: str,
          unit: Unit | None = None, period: str = "", due: FeeDue | None = None) -> Receipt:
    """Charge one item at its published price (amount = quantity × price, to the fen) with the next number."""
    require_clerk(clerk, project)
    prices.require_current(price, project)
    quantity = decimal_of(quantity, field="quantity", places=3)
    payer = limits.fit(Receipt, "payer", payer, required=True, rule=FEE_RULE)
    period = limits.fit(Receipt, "period", period)
    if method not in PayMethod.values:
        raise DomainError(_("Choose how it was paid."), code="invalid_choice", rule=FEE_RULE,
                          details={"field": "method"})
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("Choose a unit of this project."), code="invalid_choice", rule=FEE_RULE,
                          details={"field": "unit"})
    counter = lock_counter(project)  # held to the end: the close of the day waits for this receipt
    _refuse_closed_day(project, clerk)
    due = _lock_due(due, project, price)
    if due is not None:
        unit, period = due.unit, due.period
    receipt = _write(project=project, clerk=clerk, counter=counter, price=price, kind=price.kind,
                     item_name=price.name, unit_label=price.unit_label, unit_price=price.unit_price,
                     quantity=quantity, amount=times(quantity, price.unit_price), unit=unit, payer=payer,
                     period=period, method=method, due=due)
    if due is not None:
        due.paid_at = receipt.issued_at
        due.save(update_fields=["paid_at"])
    audit.record(actor=clerk, action="siteoffice.receipt.issued", target=receipt, project=project,
                 data={"number": receipt.number, "item": price.name, "quantity": str(quantity),
                       "unit_price": str(price.unit_price), "amount": str(receipt.amount), "method": method,
                       "payer": payer, "due": due.pk if due else None})
    return receipt


def _lock_receipt(receipt: Receipt) -> Receipt:
    return Receipt.objects.select_for_update().get(pk=receipt.pk)


def _refuse_countered(receipt: Receipt) -> None:
    if receipt.entry != EntryKind.CHARGE:
        raise Conflict(_("A counter-entry is not reversed in its turn."), code="not_a_charge", rule=FEE_RULE)
    if Receipt.objects.filter(original=receipt).exists():
        raise Conflict(_("This receipt is already reversed or refunded."), code="already_reversed", rule=FEE_RULE)


def _enter(*, original: Receipt, entry: str, amount: Decimal, clerk: User, reason: str) -> Receipt:
    """The counter-entry itself: a negative receipt with its own number, into the clerk's open day."""
    project = original.project
    counter = lock_counter(project)
    _refuse_closed_day(project, clerk)
    quantity = (amount / original.unit_price).quantize(Decimal("0.001")) if original.unit_price else Decimal("1")
    receipt = _write(project=project, clerk=clerk, counter=counter, entry=entry, original=original,
                     price=original.price, kind=original.kind, item_name=original.item_name,
                     unit_label=original.unit_label, unit_price=original.unit_price, quantity=-quantity,
                     amount=-amount, unit=original.unit, payer=original.payer, period=original.period,
                     method=original.method, reason=reason)
    if original.due_id and entry == EntryKind.REVERSAL:
        FeeDue.objects.filter(pk=original.due_id).update(paid_at=None)  # the fee is owed again
    return receipt


@audit.atomic()
def request_reversal(*, receipt: Receipt, by: User, reason: str) -> CounterEntry:
    """Ask to reverse a receipt (冲红), with the reason; the supervisor approves as policy."""
    receipt = _lock_receipt(receipt)
    project = receipt.project
    require_clerk(by, project)
    reason = limits.fit(CounterEntry, "reason", reason, required=True, rule=FEE_RULE)
    _refuse_countered(receipt)
    if CounterEntry.objects.filter(receipt=receipt, status=CounterStatus.PENDING).exists():
        raise Conflict(_("A reversal of this receipt is already awaiting approval."), code="already_requested",
                       rule=FEE_RULE)
    steps, clause = approvals.resolve("siteoffice.fees.approval.reversal", project)
    request = CounterEntry.objects.create(project=project, receipt=receipt, entry=EntryKind.REVERSAL, reason=reason,
                                          chain=steps, chain_clause=clause[:300], requested_by=by,
                                          requested_at=clock.now())
    audit.record(actor=by, action="siteoffice.reversal.requested", target=request, project=project,
                 data={"receipt": receipt.number, "reason": reason})
    if not steps:
        _complete(request, by)
    return request


def _complete(request: CounterEntry, actor: User) -> None:
    original = request.receipt
    entered = _enter(original=original, entry=EntryKind.REVERSAL, amount=original.amount,
                     clerk=request.requested_by, reason=request.reason)
    COUNTER_FLOW.check(request.status, CounterStatus.DONE)
    request.status, request.entered = CounterStatus.DONE, entered
    request.save(update_fields=["status", "entered"])
    audit.record(actor=actor, action="siteoffice.receipt.reversed", target=entered, project=request.project,
                 data={"number": entered.number, "reverses": original.number, "amount": str(entered.amount),
                       "reason": request.reason})


@audit.atomic()
def decide_reversal(*, request: CounterEntry, approver: User, approve: bool, comment: str = "") -> CounterEntry:
    """A step of the reversal's approval: never by the clerk who asked or who issued the receipt."""
    request = CounterEntry.objects.select_for_update().select_related("receipt", "project").get(pk=request.pk)
    if request.status != CounterStatus.PENDING:
        raise Conflict(_("This reversal is not awaiting approval."), code="not_pending", rule=FEE_RULE)
    index, step = approvals.pending_step(request)
    approvals.check_approver(request, approver, step, rule=FEE_RULE,
                             parties=[request.requested_by_id, request.receipt.clerk_id],
                             own_message=_("You asked for or issued this receipt; the supervisor decides."))
    comment = limits.fit(request.approvals.model, "comment", comment, required=not approve, rule=FEE_RULE)
    approvals.record(request, index=index, step=step, approver=approver, approved=approve, comment=comment)
    audit.record(actor=approver, action="siteoffice.reversal.approved" if approve else "siteoffice.reversal.rejected",
                 target=request, project=request.project, approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment, "receipt": request.receipt.number})
    if not approve:
        COUNTER_FLOW.check(request.status, CounterStatus.REJECTED)
        request.status = CounterStatus.REJECTED
        request.save(update_fields=["status"])
    elif approvals.next_step(request) is None:
        _lock_receipt(request.receipt)
        _refuse_countered(request.receipt)
        _complete(request, approver)
    return request


@audit.atomic()
def refund_deposit(*, receipt: Receipt, clerk: User, reason: str, amount=None) -> Receipt:
    """Give a deposit back (退还押金): a negative entry against the deposit's receipt, for the whole deposit or,
    where part is kept (a deduction named in the reason), for less (FEE-2)."""
    receipt = _lock_receipt(receipt)
    project = receipt.project
    require_clerk(clerk, project)
    if receipt.kind not in FeeKind.deposits():
        raise DomainError(_("Only a deposit is refunded."), code="not_a_deposit", rule=REFUND_RULE)
    reason = limits.fit(Receipt, "reason", reason, required=True, rule=REFUND_RULE)
    _refuse_countered(receipt)
    amount = receipt.amount if amount in (None, "") else decimal_of(amount, field="amount", rule=REFUND_RULE)
    if amount > receipt.amount:
        raise DomainError(_("The refund is more than the deposit."), code="refund_too_large", rule=REFUND_RULE,
                          details={"field": "amount"})
    for check in refund_checks:
        check(receipt)
    entered = _enter(original=receipt, entry=EntryKind.REFUND, amount=amount, clerk=clerk, reason=reason)
    audit.record(actor=clerk, action="siteoffice.deposit.refunded", target=entered, project=project,
                 data={"number": entered.number, "deposit": receipt.number, "amount": str(amount),
                       "kept": str(receipt.amount - amount), "reason": reason})
    return entered
