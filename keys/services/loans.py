"""Applying for a key and the approval chains (KEY-LOAN-1..4, KEY-LOAN-6, KEY-LEDGER-3)."""
from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import User
from core.notifications import resolve
from core.permissions import has_role, require_member
from keys.categories import FormKind, form_of
from keys.models import Decision, KeyLoan, KeySet, LoanApproval, PurposeKind
from keys.services.common import lock_loan, require_staff_member, require_text
from keys.services.repair_keys import require_developer_confirmation
from keys.states import LOAN_FLOW, KeyStatus, LoanStatus

EMERGENCY_RELEASE_STEP = approvals.RELEASE_STEP


def _check_form(form: str, fields: dict) -> None:
    """Each application form has its own required fields (KEY-LOAN-2)."""
    required = {
        FormKind.UNIT: [("address", _("address")), ("owner_name", _("owner name"))],
        FormKind.PUBLIC: [("key_name", _("key name"))],
        FormKind.OFFICE: [("room_number", _("room number"))],
    }[FormKind(form)]
    for name, label in required:
        require_text(fields.get(name, ""), field=str(label), rule="KEY-LOAN-2", fits=(KeyLoan, name))


@audit.atomic()
def apply_for_loan(*, key: KeySet, applicant: User, registered_by: User, purpose_kind: str, purpose: str,
                   period_start: dt.datetime, period_end: dt.datetime, is_important: bool = False,
                   is_emergency: bool = False, off_premises: bool = False, contractor_name: str = "", contractor_company: str = "",
                   address: str = "", owner_name: str = "", key_name: str = "", room_number: str = "") -> KeyLoan:
    """Register an application; it then walks the category's approval chain (KEY-LOAN-1..3)."""
    project = key.project
    require_member(registered_by, project)
    require_staff_member(applicant, project)
    if purpose_kind not in PurposeKind.values:
        raise DomainError(_("Keys are lent only for work; choose the kind of work."), code="purpose_required",
                          rule="KEY-LOAN-1")
    purpose = require_text(purpose, field=_("reason"), rule="KEY-LOAN-1", fits=(KeyLoan, "purpose"))
    if period_end <= period_start:
        raise DomainError(_("The loan period must end after it starts."), code="invalid_period", rule="KEY-LOAN-2")
    if contractor_name.strip():
        sponsors = policies.resolve("keys.contractor_sponsors", project)
        if applicant.department is None or applicant.department.code not in sponsors.value:
            raise NotAllowed(_("A contractor's key is borrowed and signed for by engineering or management staff."),
                             code="contractor_needs_sponsor", rule="KEY-LOAN-6", clause=sponsors.clause)
    # A repair-period key goes to a contractor only with the developer's confirmation (KEY-REPAIR-1).
    require_developer_confirmation(key=key, contractor_name=contractor_name, contractor_company=contractor_company)
    if key.status in {KeyStatus.LOST, KeyStatus.RETIRED, KeyStatus.DAMAGED}:
        raise Conflict(_("Key %(number)s is %(status)s and cannot be lent.")
                       % {"number": key.number, "status": key.get_status_display()}, code="key_not_available")
    if key.status == KeyStatus.SEALED:
        raise NotAllowed(_("A sealed key is opened only by the sealed-key procedure."), code="key_sealed",
                         rule="KEY-DEPOSIT-2")
    if key.is_emergency_spare and not is_emergency:
        raise NotAllowed(_("The emergency spare set is used only under the emergency procedure."),
                         code="spare_only_in_emergency", rule="KEY-LEDGER-3")
    fields = {"address": address, "owner_name": owner_name, "key_name": key_name, "room_number": room_number}
    form = form_of(key.category)
    _check_form(form, fields)
    # Keys leave the premises only with permission (001 篇13 b.5): one more step, a policy of its own.
    steps, clause = approvals.resolve(f"keys.approval.{key.category}", project, important=is_important,
                                      extra=["keys.off_premises"] if off_premises else ())
    now = clock.now()
    loan = KeyLoan.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], key=key, category=key.category, form_kind=form,
        applicant=applicant, holder=applicant, registered_by=registered_by,
        contractor_name=contractor_name.strip(), contractor_company=contractor_company.strip(),
        purpose_kind=purpose_kind, purpose=purpose, period_start=period_start, period_end=period_end,
        is_important=is_important, is_emergency=is_emergency, off_premises=off_premises, chain=steps,
        chain_clause=clause[:300],
        status=LoanStatus.PENDING if steps else LoanStatus.APPROVED, applied_at=now,
        approved_at=None if steps else now, retain_until=_retention(project, applied_at=now),
        **{k: v.strip() for k, v in fields.items()},
    )
    loan.serial = f"JY{clock.beijing(now):%Y%m%d}-{loan.pk:06d}"
    loan.save(update_fields=["serial"])
    audit.record(actor=registered_by, action="keys.loan.applied", target=loan, project=project,
                 data={"key": key.number, "applicant": applicant.pk, "purpose": purpose, "emergency": is_emergency,
                       "steps": [s["code"] for s in steps]})
    return loan


def _retention(project, *, applied_at: dt.datetime) -> dt.date:
    from core.retention import retain_until

    return retain_until(int(policies.value("core.retention.years", project)), clock.beijing(applied_at).date())


def next_step(loan: KeyLoan) -> tuple[int, dict] | None:
    return approvals.next_step(loan)


def may_decide(user: User, loan: KeyLoan, step: dict) -> bool:
    return approvals.may_decide(user, loan.project, step, applicant=loan.applicant)


def awaiting_paperwork(loan: KeyLoan) -> bool:
    return loan.is_emergency and loan.paperwork_completed_at is None and loan.status not in {
        LoanStatus.PENDING, LoanStatus.REJECTED, LoanStatus.CANCELLED}


def _check_approver(loan: KeyLoan, approver: User, step: dict) -> None:
    approvals.check_approver(loan, approver, step, parties=[loan.applicant_id, loan.holder_id], rule="KEY-LOAN-3",
                             applicant=loan.applicant, own_message=_("You cannot approve your own key loan."))


@audit.atomic()
def approve_loan(*, loan: KeyLoan, approver: User, comment: str = "") -> KeyLoan:
    """Approve the next step of the chain; after an emergency release this completes the paperwork."""
    loan = lock_loan(loan)
    after_the_fact = awaiting_paperwork(loan)
    if loan.status != LoanStatus.PENDING and not after_the_fact:
        raise Conflict(_("This loan is not awaiting approval."), code="not_pending")
    index, step = approvals.pending_step(loan)
    _check_approver(loan, approver, step)
    comment = limits.fit(LoanApproval, "comment", comment, label=_("comment"))
    now = clock.now()
    approvals.record(loan, index=index, step=step, approver=approver, approved=True, comment=comment,
                     after_the_fact=after_the_fact)
    complete = next_step(loan) is None
    if complete and loan.status == LoanStatus.PENDING:
        LOAN_FLOW.check(loan.status, LoanStatus.APPROVED)
        loan.status = LoanStatus.APPROVED
        loan.approved_at = now
    if complete and loan.is_emergency:
        loan.paperwork_completed_at = now
        resolve(subject=f"keys.loan:{loan.pk}", kinds=["keys.paperwork"])
    loan.save()
    audit.record(actor=approver, action="keys.loan.approved", target=loan, project=loan.project,
                 approved_by=approver.display_name,
                 data={"step": step["code"], "after_the_fact": after_the_fact, "complete": complete})
    return loan


@audit.atomic()
def reject_loan(*, loan: KeyLoan, approver: User, comment: str) -> KeyLoan:
    loan = lock_loan(loan)
    LOAN_FLOW.check(loan.status, LoanStatus.REJECTED)
    index, step = approvals.pending_step(loan)
    _check_approver(loan, approver, step)
    comment = limits.fit(LoanApproval, "comment", comment, required=True, rule="KEY-LOAN-3",
                         label=_("reason for rejection"))
    approvals.record(loan, index=index, step=step, approver=approver, approved=False, comment=comment)
    loan.status = LoanStatus.REJECTED
    loan.save(update_fields=["status"])
    audit.record(actor=approver, action="keys.loan.rejected", target=loan, project=loan.project,
                 data={"step": step["code"], "comment": comment})
    return loan


@audit.atomic()
def release_emergency(*, loan: KeyLoan, approver: User, comment: str = "") -> KeyLoan:
    """Emergency: approve first, paperwork afterwards, tracked until complete (KEY-LOAN-4)."""
    loan = lock_loan(loan)
    if not loan.is_emergency:
        raise Conflict(_("Only an emergency application can be released before its approvals."),
                       code="not_emergency", rule="KEY-LOAN-4")
    LOAN_FLOW.check(loan.status, LoanStatus.APPROVED)
    policy = policies.resolve("keys.emergency", loan.project)
    require_member(approver, loan.project)
    if approver.pk in {loan.applicant_id, loan.holder_id}:
        raise NotAllowed(_("You cannot approve your own key loan."), code="self_approval", rule="KEY-LOAN-4",
                         clause=policy.clause)
    if not has_role(approver, loan.project, *policy.value["roles"]):
        raise NotAllowed(_("Your role may not release an emergency loan."), code="approver_not_allowed",
                         rule="KEY-LOAN-4", clause=policy.clause)
    comment = limits.fit(LoanApproval, "comment", comment, label=_("comment"))
    now = clock.now()
    LoanApproval.objects.create(loan=loan, step_index=EMERGENCY_RELEASE_STEP, step_code="emergency_release",
                                step_label=_("Emergency release"), decision=Decision.APPROVED, approver=approver,
                                decided_at=now, comment=comment, is_emergency_release=True)
    loan.status = LoanStatus.APPROVED
    loan.approved_at = now
    loan.paperwork_due_at = now + dt.timedelta(hours=int(policy.value["paperwork_hours"]))
    if next_step(loan) is None:
        loan.paperwork_completed_at = now
    loan.save()
    audit.record(actor=approver, action="keys.loan.emergency_released", target=loan, project=loan.project,
                 approved_by=approver.display_name, data={"paperwork_due_at": loan.paperwork_due_at})
    return loan


@audit.atomic()
def cancel_loan(*, loan: KeyLoan, actor: User, reason: str = "") -> KeyLoan:
    loan = lock_loan(loan)
    if actor.pk not in {loan.applicant_id, loan.registered_by_id}:
        raise NotAllowed(_("Only the applicant or the clerk who registered it may cancel."), code="forbidden")
    LOAN_FLOW.check(loan.status, LoanStatus.CANCELLED)
    reason = limits.fit(KeyLoan, "closing_note", reason, label=_("reason"))
    loan.status = LoanStatus.CANCELLED
    loan.closing_note = reason
    loan.save(update_fields=["status", "closing_note"])
    audit.record(actor=actor, action="keys.loan.cancelled", target=loan, project=loan.project, data={"reason": reason})
    return loan
