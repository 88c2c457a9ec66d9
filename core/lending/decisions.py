"""A step of a loan's approval chain decided: the same for every room's loans (core.approvals underneath).

The room says who may not decide (the borrower, the one who registered it), in its own words, and under which
rule; the decision, the state change and the audit event are the same everywhere."""
from __future__ import annotations

from core import approvals, audit, clock, limits
from core.errors import Conflict
from core.lending.states import LOAN_FLOW, LoanStatus
from core.models import User


def approve_step(loan, *, approver: User, comment: str, parties, rule: str, own_message: str, action: str,
                 not_pending: str):
    """Approve the next step; the loan is approved once every step is. Answers the loan."""
    if loan.status != LoanStatus.PENDING:
        raise Conflict(not_pending, code="not_pending", rule=rule)
    index, step = approvals.pending_step(loan)
    approvals.check_approver(loan, approver, step, parties=parties, rule=rule, applicant=loan.applicant,
                             own_message=own_message)
    comment = limits.fit(loan.approvals.model, "comment", comment)
    approvals.record(loan, index=index, step=step, approver=approver, approved=True, comment=comment)
    complete = approvals.next_step(loan) is None
    if complete:
        LOAN_FLOW.check(loan.status, LoanStatus.APPROVED)
        loan.status, loan.approved_at = LoanStatus.APPROVED, clock.now()
        loan.save(update_fields=["status", "approved_at"])
    audit.record(actor=approver, action=action, target=loan, project=loan.project,
                 approved_by=approver.display_name, data={"step": step["code"], "complete": complete})
    return loan


def reject_step(loan, *, approver: User, comment: str, parties, rule: str, own_message: str, action: str):
    """Reject at the next step, with the reason (required). Answers the loan."""
    LOAN_FLOW.check(loan.status, LoanStatus.REJECTED)
    index, step = approvals.pending_step(loan)
    approvals.check_approver(loan, approver, step, parties=parties, rule=rule, applicant=loan.applicant,
                             own_message=own_message)
    comment = limits.fit(loan.approvals.model, "comment", comment, required=True, rule=rule)
    approvals.record(loan, index=index, step=step, approver=approver, approved=False, comment=comment)
    loan.status = LoanStatus.REJECTED
    loan.save(update_fields=["status"])
    audit.record(actor=approver, action=action, target=loan, project=loan.project,
                 data={"step": step["code"], "comment": comment})
    return loan
