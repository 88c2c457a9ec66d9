"""Stocktakes and the reconciliation (STOCK-4, STOCK-11; 003 篇2 §1.4): counted against the books, every gain or
loss with its cause and reason, approved through core.approvals before the books change; the 15th's
reconciliation checks every balance against its journal."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits
from core.errors import Conflict, DomainError
from stores import permissions
from stores.models import Balance, Reconciliation, Stocktake, StocktakeLine, Warehouse
from stores.selectors.stock import check_balances
from stores.services import stock
from stores.services.numbers import take
from stores.states import COUNT_FLOW, Cause, CountKind, CountStatus, DocKind

RULE = "STOCK-11"


@audit.atomic()
def open_count(*, warehouse: Warehouse, by, kind: str = CountKind.MONTHLY) -> Stocktake:
    """A count sheet (盘点表) with the books' quantities at this moment."""
    project = warehouse.project
    permissions.require_keeper(by, project)
    if kind not in CountKind.values:
        raise DomainError(_("Unknown kind of stocktake."), code="bad_kind", rule="STOCK-4")
    chain, clause = approvals.resolve("stores.stocktake.approval", project)
    count = Stocktake.objects.create(project=project, number=take(project, "stocktake"), warehouse=warehouse,
                                     kind=kind, period=clock.today().strftime("%Y-%m"), chain=chain,
                                     chain_clause=clause, opened_by=by, opened_at=clock.now())
    StocktakeLine.objects.bulk_create([StocktakeLine(stocktake=count, item_id=b.item_id, grade=b.grade,
                                                     book=b.quantity)
                                       for b in Balance.objects.filter(warehouse=warehouse).order_by("item_id")])
    audit.record(actor=by, action="stores.stocktake.opened", target=count, project=project,
                 data={"number": count.number, "kind": kind})
    return count


@audit.atomic()
def submit(*, stocktake: Stocktake, by, counts: dict[int, dict]) -> Stocktake:
    """counts: line id → {"counted": n, "cause": surplus|shortage|damage|spoilage, "reason": "..."}. Every line
    that differs from the books names its cause and reason (reason_required)."""
    permissions.require_keeper(by, stocktake.project)
    count = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
    COUNT_FLOW.check(count.status, CountStatus.PENDING)
    lines = list(count.lines.all())
    for line in lines:
        entry = counts.get(line.pk, counts.get(str(line.pk)))
        if entry is None:
            raise DomainError(_("Count every line."), code="line_not_counted", rule="STOCK-4")
        try:
            line.counted = int(entry.get("counted"))
        except (TypeError, ValueError):
            line.counted = -1
        if line.counted < 0:
            raise DomainError(_("A count is a whole number."), code="bad_quantity", rule="STOCK-4")
        line.cause = entry.get("cause", "") if line.counted != line.book else ""
        line.reason = limits.fit(StocktakeLine, "reason", entry.get("reason", ""))
        if line.counted != line.book and (line.cause not in Cause.values or not line.reason):
            raise DomainError(_("Every gain or loss needs its cause and reason."), code="reason_required",
                              rule=RULE)
    StocktakeLine.objects.bulk_update(lines, ["counted", "cause", "reason"])
    count.status, count.submitted_at = CountStatus.PENDING, clock.now()
    count.save(update_fields=["status", "submitted_at"])
    audit.record(actor=by, action="stores.stocktake.submitted", target=count, project=count.project,
                 data={"number": count.number, "differences": sum(1 for ln in lines if ln.counted != ln.book)})
    if not count.chain:
        _adjust(count, by)
    return count


def _adjust(count: Stocktake, by) -> None:
    """The approved differences reach the books: one adjustment document per grade, audited at once."""
    for grade in sorted({ln.grade for ln in count.lines.all()}):
        for red in (False, True):
            lines = [{"item": ln.item, "quantity": abs(ln.difference)} for ln in count.lines.filter(grade=grade)
                     if ln.difference and (ln.difference < 0) == red]
            if not lines:
                continue
            doc = stock.create(project=count.project, by=by, kind=DocKind.STOCKTAKE, warehouse=count.warehouse,
                               lines=lines, grade=grade, red=red, reference=count.number, _system=True)
            stock.audit_document(document=doc, auditor=by, _system=True)
            count.adjustment = count.adjustment or doc
    count.status, count.approved_at = CountStatus.APPROVED, clock.now()
    count.save(update_fields=["status", "approved_at", "adjustment"])


def _decide(count: Stocktake, approver, approved: bool, comment: str) -> Stocktake:
    if count.status != CountStatus.PENDING:
        raise Conflict(_("The stocktake is not awaiting approval."), code="not_pending", rule=RULE)
    index, step = approvals.pending_step(count)
    approvals.check_approver(count, approver, step, parties={count.opened_by_id}, rule=RULE,
                             own_message=_("You cannot approve your own stocktake."))
    comment = limits.fit(count.approvals.model, "comment", comment, required=not approved, rule=RULE)
    approvals.record(count, index=index, step=step, approver=approver, approved=approved, comment=comment)
    if not approved:
        COUNT_FLOW.check(count.status, CountStatus.REJECTED)
        count.status = CountStatus.REJECTED
        count.save(update_fields=["status"])
        audit.record(actor=approver, action="stores.stocktake.rejected", target=count, project=count.project,
                     data={"comment": comment})
        return count
    audit.record(actor=approver, action="stores.stocktake.approved", target=count, project=count.project,
                 approved_by=approver.display_name, data={"step": step["code"]})
    if approvals.next_step(count) is None:
        _adjust(count, approver)
    return count


@audit.atomic()
def approve(*, stocktake: Stocktake, approver, comment: str = "") -> Stocktake:
    return _decide(Stocktake.objects.select_for_update().get(pk=stocktake.pk), approver, True, comment)


@audit.atomic()
def reject(*, stocktake: Stocktake, approver, comment: str) -> Stocktake:
    return _decide(Stocktake.objects.select_for_update().get(pk=stocktake.pk), approver, False, comment)


@audit.atomic()
def reconcile(*, warehouse: Warehouse, by) -> Reconciliation:
    """对账: once a month, every balance against its journal (账账相符); differences are recorded, not hidden."""
    permissions.require_keeper(by, warehouse.project)
    period = clock.today().strftime("%Y-%m")
    if Reconciliation.objects.filter(warehouse=warehouse, period=period).exists():
        raise Conflict(_("This month is already reconciled."), code="already_reconciled", rule="STOCK-4")
    diffs = check_balances(warehouse)
    rec = Reconciliation.objects.create(project=warehouse.project, warehouse=warehouse, period=period,
                                        reconciled_by=by, reconciled_at=clock.now(), matches=not diffs,
                                        differences=diffs)
    audit.record(actor=by, action="stores.reconciled", target=rec, project=warehouse.project,
                 data={"period": period, "matches": not diffs})
    return rec

