"""Settling a loss report: damage assessment and repair through 行政部, compensation and payment to
finance, and the security reassessment after a loss (KEY-LOSS-2, KEY-LOSS-3)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import User
from core.permissions import has_role, in_department, require_member
from keys.models import LOSS_FLOW, LossKind, LossReport, LossStatus
from keys.services.common import require_text
from keys.services.ledger import set_status
from keys.services.loss import close_now, lock_report, missing_for_close, require_handler
from keys.states import KeyStatus


def _open(report: LossReport, rule: str) -> None:
    if report.status == LossStatus.CLOSED:
        raise Conflict(_("This report is closed."), code="report_closed", rule=rule)


def _require_department(user: User, policy_key: str, report: LossReport, *, rule: str, message: str) -> None:
    require_member(user, report.project)
    resolved = policies.resolve(policy_key, report.project)
    departments = resolved.value if isinstance(resolved.value, list) else [resolved.value]
    if not (user.is_superuser or any(in_department(user, d) for d in departments)):
        raise NotAllowed(message, code="wrong_department", rule=rule, clause=resolved.clause,
                         details={"departments": departments})


@audit.atomic()
def assess_damage(*, report: LossReport, assessed_by: User, repairable: bool, note: str) -> LossReport:
    """Can the damaged key be repaired? (KEY-LOSS-2, 000 §5(一)2)"""
    report = lock_report(report)
    require_handler(assessed_by, report.project, rule="KEY-LOSS-2")
    _open(report, "KEY-LOSS-2")
    if report.kind != LossKind.DAMAGED:
        raise Conflict(_("Only a damaged key is assessed for repair."), code="not_damaged", rule="KEY-LOSS-2")
    if report.repairable is not None:
        raise Conflict(_("The damage has already been assessed."), code="already_assessed", rule="KEY-LOSS-2")
    report.repairable = bool(repairable)
    report.assessment_note = limits.fit(LossReport, "assessment_note", note, required=True, rule="KEY-LOSS-2",
                                        label=_("assessment"))
    report.assessed_by = assessed_by
    report.assessed_at = clock.now()
    report.save()
    audit.record(actor=assessed_by, action="keys.loss.assessed", target=report, project=report.project,
                 data={"repairable": report.repairable})
    return report


@audit.atomic()
def send_for_repair(*, report: LossReport, sent_by: User) -> LossReport:
    """行政部 takes the damaged key to be repaired (KEY-LOSS-2, 000 §5(一)3)."""
    report = lock_report(report)
    _require_department(sent_by, "keys.loss.repair_department", report, rule="KEY-LOSS-2",
                        message=_("Repairs are arranged by the administration department."))
    if not report.repairable:
        raise Conflict(_("The key has not been assessed as repairable."), code="not_repairable", rule="KEY-LOSS-2")
    if report.key.status == KeyStatus.LENT:
        raise Conflict(_("The damaged key is still out on loan; take it back at the desk first."),
                       code="key_still_lent", rule="KEY-LOSS-2")
    LOSS_FLOW.check(report.status, LossStatus.IN_REPAIR)
    report.status = LossStatus.IN_REPAIR
    report.repair_sent_by = sent_by
    report.repair_sent_at = clock.now()
    report.save()
    audit.record(actor=sent_by, action="keys.loss.sent_for_repair", target=report, project=report.project, data={})
    return report


@audit.atomic()
def complete_repair(*, report: LossReport, repaired_by: User, note: str) -> LossReport:
    """The repaired key is back: the ledger shows it in store and the report closes (KEY-LOSS-2)."""
    report = lock_report(report)
    _require_department(repaired_by, "keys.loss.repair_department", report, rule="KEY-LOSS-2",
                        message=_("Repairs are arranged by the administration department."))
    if report.status != LossStatus.IN_REPAIR:
        raise Conflict(_("The key has not been sent for repair."), code="not_in_repair", rule="KEY-LOSS-2")
    report.repair_note = limits.fit(LossReport, "repair_note", note, required=True, rule="KEY-LOSS-2",
                                    label=_("repair note"))
    report.repaired_by = repaired_by
    report.repaired_at = clock.now()
    report.save()
    set_status(key=report.key, status=KeyStatus.IN_STORE)
    audit.record(actor=repaired_by, action="keys.loss.repaired", target=report, project=report.project,
                 data={"key": report.key.number})
    return _close_if_complete(report, repaired_by)


def _close_if_complete(report: LossReport, actor: User) -> LossReport:
    """A damage report closes itself once settled — unless the borrower's statement is still owed."""
    return report if missing_for_close(report) else close_now(report, actor)


def suggest_compensation(report: LossReport) -> tuple[Decimal, str]:
    """Cost price for damage; cost × security-risk factor plus a lock change for a loss (policy)."""
    resolved = policies.resolve("keys.loss.compensation", report.project)
    rule, category = resolved.value, report.key.category

    def pick(table: str, fallback):
        values = rule.get(table, {})
        return Decimal(str(values.get(category, values.get("default", fallback))))

    cost = pick("cost_per_piece", 0) * report.pieces
    if report.kind == LossKind.DAMAGED:
        return cost.quantize(Decimal("0.01")), _("cost price %(cost)s") % {"cost": cost}
    factor = pick("risk_factor", 1)
    lock = pick("lock_change", 0)
    amount = (cost * factor + lock).quantize(Decimal("0.01"))
    return amount, (_("cost %(cost)s × risk factor %(factor)s + lock change %(lock)s")
                    % {"cost": cost, "factor": factor, "lock": lock})


def _amount(value, field: str, rule: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("“%(field)s” must be an amount.") % {"field": field}, code="invalid_amount", rule=rule)
    if amount < 0:
        raise DomainError(_("“%(field)s” must be an amount.") % {"field": field}, code="invalid_amount", rule=rule)
    return amount


@audit.atomic()
def set_compensation(*, report: LossReport, set_by: User, amount=None, basis: str = "") -> LossReport:
    """Fix what the borrower pays: the policy's figure, or another amount with its reason (KEY-LOSS-2/-3)."""
    report = lock_report(report)
    rule = "KEY-LOSS-3" if report.kind == LossKind.LOST else "KEY-LOSS-2"
    require_member(set_by, report.project)
    roles = policies.resolve("keys.loss.compensation_roles", report.project)
    if not (set_by.is_superuser or has_role(set_by, report.project, *roles.value)):
        raise NotAllowed(_("Your role may not set a compensation."), code="role_not_allowed", rule=rule,
                         clause=roles.clause)
    _open(report, rule)
    if report.kind == LossKind.DAMAGED and report.repairable is not False:
        raise Conflict(_("A damaged key is paid for only when it cannot be repaired."), code="not_assessed_unrepairable",
                       rule="KEY-LOSS-2")
    if report.paid_at:
        raise Conflict(_("The compensation has already been paid."), code="already_paid", rule=rule)
    suggested, suggested_basis = suggest_compensation(report)
    final = suggested if amount in (None, "") else _amount(amount, _("compensation"), rule)
    basis = limits.fit(LossReport, "compensation_basis", basis)
    if final != suggested and not basis:
        raise DomainError(_("Give the reason for an amount other than the policy's %(amount)s.")
                          % {"amount": suggested}, code="basis_required", rule=rule,
                          clause=policies.resolve("keys.loss.compensation", report.project).clause)
    report.compensation = final
    report.compensation_basis = basis or suggested_basis[:300]
    report.compensation_set_by = set_by
    report.compensation_set_at = clock.now()
    report.save()
    audit.record(actor=set_by, action="keys.loss.compensation_set", target=report, project=report.project,
                 data={"amount": str(final), "suggested": str(suggested), "basis": report.compensation_basis})
    return report


@audit.atomic()
def record_payment(*, report: LossReport, received_by: User, amount, receipt_number: str) -> LossReport:
    """Finance receives the compensation; the ledger is updated and a damage report closes (KEY-LOSS-2)."""
    report = lock_report(report)
    rule = "KEY-LOSS-3" if report.kind == LossKind.LOST else "KEY-LOSS-2"
    _require_department(received_by, "keys.loss.finance_department", report, rule=rule,
                        message=_("A compensation is received by the finance department."))
    _open(report, rule)
    if report.compensation is None:
        raise Conflict(_("Set the compensation before recording a payment."), code="compensation_not_set", rule=rule)
    if report.paid_at:
        raise Conflict(_("The compensation has already been paid."), code="already_paid", rule=rule)
    paid = _amount(amount, _("amount paid"), rule)
    if paid != report.compensation:
        raise DomainError(_("The payment %(paid)s does not match the compensation %(due)s.")
                          % {"paid": paid, "due": report.compensation}, code="payment_mismatch", rule=rule)
    report.paid_amount = paid
    report.receipt_number = limits.fit(LossReport, "receipt_number", receipt_number, required=True, rule=rule,
                                       label=_("receipt number"))
    report.payment_received_by = received_by
    report.paid_at = clock.now()
    report.save()
    audit.record(actor=received_by, action="keys.loss.paid", target=report, project=report.project,
                 data={"amount": str(paid), "receipt": report.receipt_number})
    if report.kind == LossKind.DAMAGED:
        # Paid for and beyond repair: the key leaves the ledger's working stock (000 §5(一)4).
        set_status(key=report.key, status=KeyStatus.RETIRED)
        return _close_if_complete(report, received_by)
    return report


@audit.atomic()
def record_reassessment(*, report: LossReport, recorded_by: User, note: str, patrols_increased: bool,
                        lock_changed: bool) -> LossReport:
    """The affected area's security is reassessed and recorded after a loss (KEY-LOSS-3, 000 §5(二)4)."""
    report = lock_report(report)
    _require_department(recorded_by, "keys.loss.security_departments", report, rule="KEY-LOSS-3",
                        message=_("The security reassessment is recorded by the security or administration department."))
    _open(report, "KEY-LOSS-3")
    if report.kind != LossKind.LOST:
        raise Conflict(_("A security reassessment follows a loss."), code="not_lost", rule="KEY-LOSS-3")
    report.reassessment = require_text(note, field=_("security reassessment"), rule="KEY-LOSS-3")
    report.patrols_increased = bool(patrols_increased)
    report.lock_changed = bool(lock_changed)
    report.reassessed_by = recorded_by
    report.reassessed_at = clock.now()
    report.save()
    audit.record(actor=recorded_by, action="keys.loss.reassessed", target=report, project=report.project,
                 data={"patrols": report.patrols_increased, "lock_changed": report.lock_changed})
    return report
