"""Freight under the freight rules (STOCK-10; 003 篇3 运费管理): a hired vehicle within 10 % of the filed price needs
no approval, above it does; air freight always does; express up to 200 yuan is the site's call, above it needs a
written request and approval. The limits are policies."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from stores import permissions
from stores.models import FreightCharge
from stores.states import FreightMode, FreightStatus

RULE = "STOCK-10"


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        raise DomainError(_("Enter an amount in yuan."), code="bad_amount", rule=RULE, details={"field": field})
    return amount.quantize(Decimal("0.01"))


def needs_approval(project, mode: str, amount: Decimal, filed_price: Decimal | None) -> bool:
    if mode == FreightMode.AIR:
        return True
    if mode == FreightMode.EXPRESS:
        return amount > Decimal(policies.value("stores.freight.express_limit", project))
    tolerance = Decimal(policies.value("stores.freight.hired_tolerance_percent", project))
    return filed_price is None or amount > filed_price * (100 + tolerance) / 100


@audit.atomic()
def enter(*, project, by, mode: str, amount, filed_price=None, written_request: str = "") -> FreightCharge:
    permissions.require_keeper(by, project)
    if mode not in FreightMode.values:
        raise DomainError(_("Unknown freight mode."), code="bad_mode", rule=RULE)
    amount = _money(amount, "amount")
    filed = _money(filed_price, "filed_price") if filed_price not in (None, "") else None
    if mode == FreightMode.HIRED and filed is None:
        raise DomainError(_("A hired vehicle is judged against its filed price."), code="filed_price_required",
                          rule=RULE)
    needed = needs_approval(project, mode, amount, filed)
    request = written_request.strip()
    if needed and mode == FreightMode.EXPRESS and not request:
        raise DomainError(_("Express above the limit needs a written request."), code="written_request_required",
                          rule=RULE)
    clause = policies.resolve("stores.freight.approval", project).clause
    charge = FreightCharge.objects.create(
        project=project, mode=mode, amount=amount, filed_price=filed,
        written_request=limits.fit(FreightCharge, "written_request", request),
        status=FreightStatus.PENDING if needed else FreightStatus.NOT_NEEDED, rule_clause=clause[:300],
        entered_by=by, entered_at=clock.now())
    audit.record(actor=by, action="stores.freight.entered", target=charge, project=project,
                 data={"mode": mode, "amount": str(amount), "status": charge.status})
    return charge


@audit.atomic()
def decide(*, charge: FreightCharge, approver, approved: bool, comment: str = "") -> FreightCharge:
    charge = FreightCharge.objects.select_for_update().get(pk=charge.pk)
    if charge.status != FreightStatus.PENDING:
        raise Conflict(_("This freight is not awaiting approval."), code="not_pending", rule=RULE)
    if approver.pk == charge.entered_by_id:
        raise NotAllowed(_("You cannot approve your own freight."), code="self_approval", rule=RULE)
    step = policies.value("stores.freight.approval", charge.project)[0]
    if not approvals.may_decide(approver, charge.project, step):
        raise NotAllowed(_("This step (“%(step)s”) is not yours to decide.") % {"step": step["label"]},
                         code="approver_not_allowed", rule=RULE)
    if not approved and not comment.strip():
        raise DomainError(_("Give the reason for rejecting."), code="reason_required", rule=RULE)
    charge.status = FreightStatus.APPROVED if approved else FreightStatus.REJECTED
    charge.decided_by, charge.decided_at, charge.comment = approver, clock.now(), comment[:300]
    charge.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    audit.record(actor=approver, action="stores.freight.decided", target=charge, project=charge.project,
                 data={"approved": approved})
    return charge
