"""Decoration from application to refund (DECOR-1, DECOR-2; 002 篇3 §4.7; 003 篇9 三, 四).

The application is checked by engineering when it changes the structure (the drawings reviewed) and approved
through core.approvals — never by the clerk who took it, never two steps by one person. The fees and the deposit
are charged at the published prices through the fee service (receipts with their numbers); the permit then gets
its number; at the end engineering inspects, and only an accepted decoration's deposit is refunded."""
from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, numbering, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, Unit, User
from core.retention import retain_until
from siteoffice.models import Decoration, Price, Receipt, Violation
from siteoffice.permissions import DECOR_RULE, require_decoration_clerk, require_inspector
from siteoffice.selectors.fees import price_list
from siteoffice.services import receipts
from siteoffice.services.money import decimal_of
from siteoffice.states import DECORATION_FLOW, DecorationStatus, FeeKind, ViolationStatus


def lock(decoration: Decoration | int) -> Decoration:
    pk = getattr(decoration, "pk", decoration)
    found = Decoration.objects.select_for_update(of=("self",)).select_related("project", "unit").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _move(decoration: Decoration, target: str) -> None:
    DECORATION_FLOW.check(decoration.status, target)
    decoration.status = target


@audit.atomic()
def apply(*, project: Project, by: User, unit: Unit | None, owner_name: str, owner_phone: str, contractor: str,
          contractor_phone: str = "", starts: dt.date | None, ends: dt.date | None, works: str, area,
          structural: bool = False, structural_detail: str = "") -> Decoration:
    """Take a decoration application (装修申请表) at the desk."""
    require_decoration_clerk(by, project)
    if unit is None or unit.project_id != project.pk:
        raise DomainError(_("Choose a unit of this project."), code="invalid_choice", rule=DECOR_RULE,
                          details={"field": "unit"})
    fields = {name: limits.fit(Decoration, name, value, required=required, rule=DECOR_RULE) for name, value, required in (
        ("owner_name", owner_name, True), ("owner_phone", owner_phone, True), ("contractor", contractor, True),
        ("contractor_phone", contractor_phone, False), ("works", works, True),
        ("structural_detail", structural_detail, bool(structural)))}
    if starts is None or ends is None or ends < starts:
        raise DomainError(_("The decoration period is not valid."), code="invalid_period", rule=DECOR_RULE,
                          details={"field": "ends"})
    area = decimal_of(area, field="area", rule=DECOR_RULE)
    steps, clause = approvals.resolve("siteoffice.decoration.approval", project, important=bool(structural))
    years = int(policies.value("siteoffice.decoration.retention_years", project))
    decoration = Decoration.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], unit=unit, starts=starts, ends=ends, area=area,
        structural=bool(structural), chain=steps, chain_clause=clause[:300], applied_by=by, applied_at=clock.now(),
        status=DecorationStatus.PENDING if steps else DecorationStatus.APPROVED, retain_until=retain_until(years),
        **fields)
    decoration.serial = f"ZX{clock.beijing(decoration.applied_at):%Y%m%d}-{decoration.pk:05d}"
    decoration.save(update_fields=["serial"])
    audit.record(actor=by, action="siteoffice.decoration.applied", target=decoration, project=project,
                 data={"unit": str(unit), "structural": decoration.structural, "starts": starts.isoformat(),
                       "ends": ends.isoformat(), "area": str(area)})
    return decoration


@audit.atomic()
def decide(*, decoration: Decoration, approver: User, approve: bool, comment: str = "",
           drawings_checked: bool = False) -> Decoration:
    """One step: engineering's check of the structural change (the drawings reviewed), or the approval."""
    decoration = lock(decoration)
    if decoration.status != DecorationStatus.PENDING:
        raise Conflict(_("This application is not awaiting approval."), code="not_pending", rule=DECOR_RULE)
    index, step = approvals.pending_step(decoration)
    approvals.check_approver(decoration, approver, step, parties=[decoration.applied_by_id], rule=DECOR_RULE,
                             own_message=_("You took this application; someone else checks and approves it."))
    comment = limits.fit(decoration.approvals.model, "comment", comment, required=not approve, rule=DECOR_RULE)
    if approve and step["code"] == "engineering" and not drawings_checked:
        raise DomainError(_("Review the drawings of the structural change before passing it."),
                          code="drawings_not_reviewed", rule=DECOR_RULE, clause=decoration.chain_clause)
    approvals.record(decoration, index=index, step=step, approver=approver, approved=approve, comment=comment,
                     drawings_checked=bool(drawings_checked))
    if not approve:
        _move(decoration, DecorationStatus.REJECTED)
    elif approvals.next_step(decoration) is None:
        _move(decoration, DecorationStatus.APPROVED)
        decoration.approved_at = clock.now()
    decoration.save(update_fields=["status", "approved_at"])
    audit.record(actor=approver, target=decoration, project=decoration.project,
                 action="siteoffice.decoration.approved" if approve else "siteoffice.decoration.rejected",
                 approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment, "drawings_checked": bool(drawings_checked)})
    return decoration


def _price(project: Project, kind: str) -> Price:
    found = next((p for p in price_list(project=project) if p.kind == kind), None)
    if found is None:
        raise Conflict(_("Publish the price of “%(item)s” first.") % {"item": FeeKind(kind).label},
                       code="no_price", rule="FEE-1")
    return found


@audit.atomic()
def charge(*, decoration: Decoration, clerk: User, method: str) -> Decoration:
    """The decoration management fee (per ㎡) and the deposit, at the published prices, as two receipts."""
    decoration = lock(decoration)
    project = decoration.project
    require_decoration_clerk(clerk, project)
    _move(decoration, DecorationStatus.CHARGED)
    common = {"project": project, "clerk": clerk, "payer": decoration.owner_name, "method": method,
              "unit": decoration.unit, "period": decoration.serial}
    decoration.fee_receipt = receipts.issue(price=_price(project, FeeKind.DECORATION), quantity=decoration.area,
                                            **common)
    decoration.deposit_receipt = receipts.issue(price=_price(project, FeeKind.DECORATION_DEPOSIT), quantity="1",
                                                **common)
    decoration.save(update_fields=["status", "fee_receipt", "deposit_receipt"])
    audit.record(actor=clerk, action="siteoffice.decoration.charged", target=decoration, project=project,
                 data={"fee": decoration.fee_receipt.number, "deposit": decoration.deposit_receipt.number})
    return decoration


@audit.atomic()
def issue_permit(*, decoration: Decoration, by: User) -> Decoration:
    """装修许可证, numbered per project and year (ZXXK-<year>-<seq>)."""
    decoration = lock(decoration)
    project = decoration.project
    require_decoration_clerk(by, project)
    _move(decoration, DecorationStatus.PERMITTED)
    year = clock.today().year
    stem = f"ZXXK-{year}-"

    def already() -> int:  # the year's permits numbered before the counters existed
        return Decoration.objects.filter(project=project, permit_number__startswith=stem).count()

    decoration.permit_number = f"{stem}{numbering.take(project, 'ZXXK', str(year), start=already):04d}"
    decoration.permit_issued_at, decoration.permit_issued_by = clock.now(), by
    decoration.save(update_fields=["status", "permit_number", "permit_issued_at", "permit_issued_by"])
    audit.record(actor=by, action="siteoffice.decoration.permitted", target=decoration, project=project,
                 data={"permit": decoration.permit_number})
    return decoration


@audit.atomic()
def accept(*, decoration: Decoration, inspector: User, passed: bool, note: str) -> Decoration:
    """The acceptance inspection by engineering (验收): passed only with every violation closed; failed, the
    decoration stays under way with the inspector's note."""
    decoration = lock(decoration)
    project = decoration.project
    require_inspector(inspector, project)
    if decoration.status != DecorationStatus.PERMITTED:
        raise Conflict(_("Only a decoration under way is inspected."), code="not_under_decoration", rule=DECOR_RULE)
    note = limits.fit(Decoration, "acceptance_note", note, required=not passed, rule=DECOR_RULE)
    if passed and Violation.objects.filter(decoration=decoration).exclude(status=ViolationStatus.CLOSED).exists():
        raise Conflict(_("Violations of this decoration are still open: close them before acceptance."),
                       code="violations_open", rule="DECOR-2")
    decoration.acceptance_note = note
    if passed:
        _move(decoration, DecorationStatus.ACCEPTED)
        decoration.accepted_at, decoration.accepted_by = clock.now(), inspector
    decoration.save(update_fields=["status", "accepted_at", "accepted_by", "acceptance_note"])
    audit.record(actor=inspector, target=decoration, project=project,
                 action="siteoffice.decoration.accepted" if passed else "siteoffice.decoration.acceptance_failed",
                 data={"note": note})
    return decoration


def check_refundable(receipt: Receipt) -> None:
    """A decoration's deposit is refunded only after its acceptance (FEE-2, DECOR-1); registered with the fees."""
    decoration = Decoration.objects.filter(deposit_receipt=receipt).first()
    if decoration is not None and decoration.status not in {DecorationStatus.ACCEPTED, DecorationStatus.CLOSED}:
        raise Conflict(_("The deposit is refunded after the decoration's acceptance."), code="not_accepted",
                       rule="FEE-2")


@audit.atomic()
def refund_deposit(*, decoration: Decoration, clerk: User, reason: str, amount=None) -> Decoration:
    """The deposit back after acceptance: a negative entry against its receipt; the decoration is closed."""
    decoration = lock(decoration)
    if decoration.status != DecorationStatus.ACCEPTED:
        raise Conflict(_("The deposit is refunded after the decoration's acceptance."), code="not_accepted",
                       rule="FEE-2")
    receipts.refund_deposit(receipt=decoration.deposit_receipt, clerk=clerk, reason=reason, amount=amount)
    _move(decoration, DecorationStatus.CLOSED)
    decoration.closed_at = clock.now()
    decoration.save(update_fields=["status", "closed_at"])
    audit.record(actor=clerk, action="siteoffice.decoration.closed", target=decoration, project=decoration.project,
                 data={"deposit": decoration.deposit_receipt.number})
    return decoration
