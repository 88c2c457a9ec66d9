"""Requisitions (内部联络单) through planning (within 24 h), the department's manager and production management, then
shipped or purchased and tracked until they arrive; an emergency ships first and its approvals are backfilled
(STOCK-5). The annual demand plan bounds central purchasing (STOCK-12). Deliveries are received against the
delivery note and the packing list; discrepancies are reported within 5 working days (STOCK-6)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils.translation import gettext as _

from core import approvals, attachments, audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotFound
from stores import permissions
from stores.models import (
    DemandLine,
    DemandPlan,
    Discrepancy,
    Item,
    Receiving,
    ReceivingLine,
    Requisition,
    RequisitionLine,
    Warehouse,
)
from stores.services import stock
from stores.services.numbers import take
from stores.states import REQ_FLOW, DocKind, Level, ReqStatus

RULE = "STOCK-5"


def _items(project, lines) -> list[tuple[Item, int]]:
    if not lines:
        raise DomainError(_("A requisition needs at least one line."), code="no_lines", rule=RULE)
    out = []
    for raw in lines:
        item = raw["item"] if isinstance(raw["item"], Item) else Item.objects.filter(pk=raw["item"]).first()
        if item is None or item.company_id != project.company_id:
            raise NotFound(_("No such item."), code="item_not_found")
        try:
            qty = int(raw["quantity"])
        except (TypeError, ValueError):
            qty = 0
        if qty <= 0:
            raise DomainError(_("Quantities are whole numbers above zero."), code="bad_quantity", rule=RULE)
        out.append((item, qty))
    return out


@audit.atomic()
def apply(*, warehouse: Warehouse, by, lines, purpose: str, emergency: bool = False) -> Requisition:
    project = warehouse.project
    permissions.require_keeper(by, project)
    if warehouse.level != Level.SITE:
        raise DomainError(_("A requisition is made by a site."), code="not_a_site", rule=RULE)
    items = _items(project, lines)
    chain, clause = approvals.resolve("stores.requisition.approval", project)
    now = clock.now()
    hours = policies.value("stores.requisition.planning_hours", project)
    req = Requisition.objects.create(project=project, number=take(project, "requisition"), warehouse=warehouse,
                                     emergency=bool(emergency), purpose=limits.fit(Requisition, "purpose", purpose,
                                                                                   required=True, rule=RULE),
                                     chain=chain, chain_clause=clause, applicant=by, applied_at=now,
                                     planning_due=now + dt.timedelta(hours=hours))
    RequisitionLine.objects.bulk_create([RequisitionLine(requisition=req, item=i, quantity=q) for i, q in items])
    audit.record(actor=by, action="stores.requisition.applied", target=req, project=project,
                 data={"number": req.number, "emergency": req.emergency})
    return req


def _locked(req: Requisition) -> Requisition:
    return Requisition.objects.select_for_update().get(pk=req.pk)


def _decide(req: Requisition, approver, approved: bool, comment: str) -> Requisition:
    if req.approved_at is not None or req.status == ReqStatus.REJECTED or (
            req.status != ReqStatus.PENDING and not req.emergency):
        raise Conflict(_("The requisition is not awaiting approval."), code="not_pending", rule=RULE)
    index, step = approvals.pending_step(req)
    approvals.check_approver(req, approver, step, parties={req.applicant_id}, rule=RULE, applicant=req.applicant,
                             own_message=_("You cannot approve your own requisition."))
    comment = limits.fit(req.approvals.model, "comment", comment, required=not approved, rule=RULE)
    approvals.record(req, index=index, step=step, approver=approver, approved=approved, comment=comment)
    fields = []
    if index == 0:
        req.planning_checked_at = clock.now()
        fields.append("planning_checked_at")
    if not approved:
        if req.status == ReqStatus.PENDING:  # an emergency already shipped keeps its state; the refusal is recorded
            req.status = ReqStatus.REJECTED
        req.save(update_fields=[*fields, "status"])
        audit.record(actor=approver, action="stores.requisition.rejected", target=req, project=req.project,
                     data={"step": step["code"], "comment": comment})
        return req
    if approvals.next_step(req) is None:
        req.approved_at = clock.now()
        fields.append("approved_at")
        if req.status == ReqStatus.PENDING:
            req.status = ReqStatus.APPROVED
            fields.append("status")
    req.save(update_fields=fields or ["status"])
    audit.record(actor=approver, action="stores.requisition.approved", target=req, project=req.project,
                 approved_by=approver.display_name, data={"step": step["code"],
                                                          "late": step["code"] == "planning" and clock.now() > req.planning_due})
    return req


@audit.atomic()
def approve(*, requisition: Requisition, approver, comment: str = "") -> Requisition:
    return _decide(_locked(requisition), approver, True, comment)


@audit.atomic()
def reject(*, requisition: Requisition, approver, comment: str) -> Requisition:
    return _decide(_locked(requisition), approver, False, comment)


def planned_remaining(project, year: int, item: Item) -> int | None:
    """What the year's demand plan still allows of an item (None: no plan for the year)."""
    plan = DemandPlan.objects.filter(project=project, year=year).first()
    if plan is None:
        return None
    planned = plan.lines.filter(item=item).aggregate(n=Sum("quantity"))["n"] or 0
    bought = RequisitionLine.objects.filter(
        requisition__project=project, requisition__status__in=[ReqStatus.PURCHASED, ReqStatus.ARRIVED],
        requisition__dispatched_at__year=year, item=item).aggregate(n=Sum("quantity"))["n"] or 0
    return planned - bought


@audit.atomic()
def dispatch(*, requisition: Requisition, by, purchased: bool = False, note: str = "") -> Requisition:
    """Production management ships it (or it is purchased centrally); an emergency may go before its approvals."""
    permissions.require_dispatcher(by, requisition.project)
    req = _locked(requisition)
    target = ReqStatus.PURCHASED if purchased else ReqStatus.SHIPPED
    if req.status == ReqStatus.PENDING and not req.emergency:
        raise Conflict(_("The requisition is not approved yet."), code="not_approved", rule=RULE)
    REQ_FLOW.check(req.status, target)
    if purchased and not req.emergency:
        year = clock.today().year
        for line in req.lines.select_related("item"):
            left = planned_remaining(req.project, year, line.item)
            if left is None or line.quantity > left:
                raise Conflict(_("%(item)s is beyond this year's demand plan.") % {"item": line.item.name},
                               code="outside_plan", rule="STOCK-12")
    req.status, req.dispatched_at, req.dispatched_by = target, clock.now(), by
    req.tracking_note = note[:300]
    req.save(update_fields=["status", "dispatched_at", "dispatched_by", "tracking_note"])
    audit.record(actor=by, action="stores.requisition.dispatched", target=req, project=req.project,
                 data={"number": req.number, "purchased": purchased})
    return req


@audit.atomic()
def draw_up_plan(*, project, by, year: int, lines) -> DemandPlan:
    """年度物资需求计划 (STOCK-12): one per project and year, drawn up before the year begins."""
    permissions.require_dispatcher(by, project)
    if year < clock.today().year:
        raise DomainError(_("A demand plan is drawn up for a coming year."), code="past_year", rule="STOCK-12")
    if DemandPlan.objects.filter(project=project, year=year).exists():
        raise Conflict(_("This year's plan exists already."), code="plan_exists", rule="STOCK-12")
    items = _items(project, lines)
    plan = DemandPlan.objects.create(project=project, year=year, drawn_up_by=by, drawn_up_at=clock.now())
    DemandLine.objects.bulk_create([DemandLine(plan=plan, item=i, quantity=q) for i, q in items])
    audit.record(actor=by, action="stores.plan.drawn_up", target=plan, project=project, data={"year": year})
    return plan


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day`, from the duty desk's holiday calendar with 调休 (core.handoffs.is_workday)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if handoffs.is_workday(day):
            n -= 1
    return day


@audit.atomic()
def receive(*, warehouse: Warehouse, by, delivery_note: str, packing_list: str, lines,
            requisition: Requisition | None = None) -> Receiving:
    """Counted against the delivery note and packing list; the goods enter a saved purchase-in document (audited
    by a second person); the check of the delivery is due within 5 working days (STOCK-6)."""
    project = warehouse.project
    permissions.require_keeper(by, project)
    note, packing = delivery_note.strip(), packing_list.strip()
    if not note or not packing:
        raise DomainError(_("Receive against the delivery note and the packing list."), code="documents_required",
                          rule="STOCK-6")
    rows = []
    for raw in lines or []:
        item, listed = _items(project, [{"item": raw["item"], "quantity": raw["listed"]}])[0]
        received = int(raw.get("received", listed))
        if received < 0:
            raise DomainError(_("Quantities are whole numbers."), code="bad_quantity", rule="STOCK-6")
        rows.append((item, listed, received))
    if not rows:
        raise DomainError(_("A delivery needs at least one line."), code="no_lines", rule="STOCK-6")
    today = clock.today()
    days = policies.value("stores.receiving.check_working_days", project)
    rec = Receiving.objects.create(project=project, warehouse=warehouse, requisition=requisition,
                                   delivery_note=note[:40], packing_list=packing[:40], arrived_on=today,
                                   check_due=add_working_days(today, days), received_by=by, received_at=clock.now())
    ReceivingLine.objects.bulk_create([ReceivingLine(receiving=rec, item=i, listed=lq, received=rq)
                                       for i, lq, rq in rows])
    got = [{"item": i, "quantity": rq} for i, _lq, rq in rows if rq > 0]
    if got:
        rec.document = stock.create(project=project, by=by, kind=DocKind.PURCHASE, warehouse=warehouse, lines=got,
                                    reference=note[:60])
        rec.save(update_fields=["document"])
    if requisition is not None:
        req = _locked(requisition)
        REQ_FLOW.check(req.status, ReqStatus.ARRIVED)
        req.status, req.arrived_at = ReqStatus.ARRIVED, clock.now()
        req.save(update_fields=["status", "arrived_at"])
        audit.record(actor=by, action="stores.requisition.arrived", target=req, project=project,
                     data={"number": req.number})
    audit.record(actor=by, action="stores.receiving.recorded", target=rec, project=project,
                 data={"delivery_note": rec.delivery_note, "check_due": rec.check_due.isoformat()})
    return rec


@audit.atomic()
def report_discrepancy(*, receiving: Receiving, by, description: str, photos=()) -> Discrepancy:
    """单货不符 reported in writing with photos, by the check's deadline (5 working days from arrival)."""
    project = receiving.project
    permissions.require_keeper(by, project)
    if clock.today() > receiving.check_due:
        raise Conflict(_("Discrepancies are reported within the check period, by %(due)s.") % {
            "due": receiving.check_due.isoformat()}, code="report_late", rule="STOCK-6")
    if not photos:
        raise DomainError(_("Attach the photos of the discrepancy."), code="photos_required", rule="STOCK-6")
    found = Discrepancy.objects.create(receiving=receiving, description=limits.fit(
        Discrepancy, "description", description, required=True, rule="STOCK-6"), reported_by=by,
        reported_at=clock.now())
    for name, data in photos:
        attachments.attach(target=found, project=project, uploaded_by=by, name=name, data=data)
    audit.record(actor=by, action="stores.discrepancy.reported", target=found, project=project,
                 data={"receiving": receiving.pk})
    return found
