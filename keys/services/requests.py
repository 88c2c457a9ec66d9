"""Extension and transfer requests on a lent key (KEY-LOAN-8, KEY-LOAN-9)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import User
from core.notifications import resolve
from core.permissions import has_role, in_department, require_member
from keys.models import KeyLoan, LoanExtension, LoanTransfer
from keys.services.common import custodian_of, lock_loan, require_staff_member, require_text
from keys.states import REQUEST_FLOW, LoanStatus, RequestStatus


def _check_decider(*, request, loan: KeyLoan, approver: User, approve: bool, policy_key: str, involved: set,
                   rule: str, refusal: str) -> None:
    """The decider is in the policy's department with one of its roles, and not party to the request."""
    REQUEST_FLOW.check(request.status, RequestStatus.APPROVED if approve else RequestStatus.REJECTED)
    require_member(approver, loan.project)
    policy = policies.resolve(policy_key, loan.project)
    department = policy.value["department"]
    if department == "custodian":
        department = custodian_of(loan.category, loan.project)
    if approver.pk in involved:
        raise NotAllowed(_("You cannot decide a request you are part of."), code="self_approval", rule=rule)
    if not (in_department(approver, department) and has_role(approver, loan.project, *policy.value["roles"])):
        raise NotAllowed(refusal, code="approver_not_allowed", rule=rule, clause=policy.clause)


def _record_decision(request, *, approver: User, approve: bool, comment: str) -> None:
    comment = limits.fit(type(request), "comment", comment, label=_("comment"))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by, request.decided_at, request.comment = approver, clock.now(), comment
    request.save()


def _require_holder(loan: KeyLoan, actor: User) -> None:
    if actor.pk != loan.holder_id:
        raise NotAllowed(_("Only the person holding the key may ask for this."), code="not_holder")


@audit.atomic()
def request_extension(*, loan: KeyLoan, requested_by: User, new_due_at: dt.datetime, reason: str) -> LoanExtension:
    """Asked before the deadline, never after (KEY-LOAN-8)."""
    loan = lock_loan(loan)
    _require_holder(loan, requested_by)
    if loan.status != LoanStatus.LENT:
        raise Conflict(_("Only a lent key can be extended."), code="not_lent")
    policy = policies.resolve("keys.extension", loan.project)
    if clock.now() >= loan.due_at:
        raise Conflict(_("The deadline has passed; an extension must be asked before it. Return the key."),
                       code="extension_too_late", rule="KEY-LOAN-8", clause=policy.clause)
    if new_due_at <= loan.due_at:
        raise DomainError(_("The new due time must be later than the current one."), code="invalid_period",
                          rule="KEY-LOAN-8")
    if loan.extensions.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("An extension request is already waiting for a decision."), code="already_requested")
    reason = require_text(reason, field=_("reason"), rule="KEY-LOAN-8", fits=(LoanExtension, "reason"))
    ext = LoanExtension.objects.create(loan=loan, requested_by=requested_by, requested_at=clock.now(),
                                       new_due_at=new_due_at, reason=reason)
    audit.record(actor=requested_by, action="keys.extension.requested", target=loan, project=loan.project,
                 data={"extension": ext.pk, "new_due_at": new_due_at, "reason": reason})
    return ext


@audit.atomic()
def decide_extension(*, extension: LoanExtension, approver: User, approve: bool, comment: str = "") -> LoanExtension:
    ext = LoanExtension.objects.select_for_update().get(pk=extension.pk)
    loan = lock_loan(ext.loan)
    _check_decider(request=ext, loan=loan, approver=approver, approve=approve, policy_key="keys.extension",
                   involved={ext.requested_by_id, loan.holder_id}, rule="KEY-LOAN-8",
                   refusal=_("Extensions are approved by the key's custodian department."))
    _record_decision(ext, approver=approver, approve=approve, comment=comment)
    old_due = loan.due_at
    if approve:
        loan.due_at = ext.new_due_at
        loan.save(update_fields=["due_at"])
    audit.record(actor=approver, action=f"keys.extension.{ext.status}", target=loan, project=loan.project,
                 approved_by=approver.display_name, data={"extension": ext.pk, "old_due_at": old_due,
                                                          "new_due_at": loan.due_at})
    if approve:
        resolve(subject=f"keys.loan:{loan.pk}", kinds=["keys.overdue"])
    return ext


@audit.atomic()
def request_transfer(*, loan: KeyLoan, requested_by: User, to_user: User, reason: str) -> LoanTransfer:
    """No onward lending: handing the key over needs 行政部's prior approval (KEY-LOAN-9)."""
    loan = lock_loan(loan)
    _require_holder(loan, requested_by)
    if loan.status != LoanStatus.LENT:
        raise Conflict(_("Only a lent key can be handed over."), code="not_lent")
    if to_user.pk == loan.holder_id:
        raise DomainError(_("Choose another person to hand the key to."), code="invalid_recipient")
    require_staff_member(to_user, loan.project, rule="KEY-LOAN-9")
    if loan.transfers.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("A transfer request is already waiting for a decision."), code="already_requested")
    reason = require_text(reason, field=_("reason"), rule="KEY-LOAN-9", fits=(LoanTransfer, "reason"))
    transfer = LoanTransfer.objects.create(loan=loan, requested_by=requested_by, requested_at=clock.now(),
                                           to_user=to_user, reason=reason)
    audit.record(actor=requested_by, action="keys.transfer.requested", target=loan, project=loan.project,
                 data={"transfer": transfer.pk, "to": to_user.pk, "reason": reason})
    return transfer


@audit.atomic()
def decide_transfer(*, transfer: LoanTransfer, approver: User, approve: bool, comment: str = "") -> LoanTransfer:
    transfer = LoanTransfer.objects.select_for_update().get(pk=transfer.pk)
    loan = lock_loan(transfer.loan)
    _check_decider(request=transfer, loan=loan, approver=approver, approve=approve, policy_key="keys.transfer",
                   involved={transfer.requested_by_id, transfer.to_user_id, loan.holder_id}, rule="KEY-LOAN-9",
                   refusal=_("Transfers are approved by the administration department."))
    if approve and loan.status != LoanStatus.LENT:
        raise Conflict(_("The key is no longer lent."), code="not_lent")
    _record_decision(transfer, approver=approver, approve=approve, comment=comment)
    previous = loan.holder_id
    if approve:
        loan.holder = transfer.to_user
        loan.save(update_fields=["holder"])
    audit.record(actor=approver, action=f"keys.transfer.{transfer.status}", target=loan, project=loan.project,
                 approved_by=approver.display_name,
                 data={"transfer": transfer.pk, "from": previous, "to": transfer.to_user_id})
    return transfer
