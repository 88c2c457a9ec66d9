"""Reading, copying and taking out documents (DOC-3; 002 篇4 §1.3, §1.4), on the house's lending engine.

Every use of a document is registered with its date, purpose, handler and return date (a DocumentLoan). A
secret document's use walks the policy's approval chain (the GM by default) before anything is shown, copied
or handed over; another document's use needs no approval by default. A document taken out of the office is
counted out and back by its pages at the clerk's counter, the borrower signing with their password."""
from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from archives.models import Document, DocumentLoan, DocumentUse
from archives.services.documents import CLERKS
from core import approvals, audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.lending import counter, decisions
from core.lending.states import LoanStatus
from core.models import User
from core.permissions import is_member, require_member, require_policy_role

RULE = "DOC-3"


def lock(loan: DocumentLoan | int) -> DocumentLoan:
    pk = getattr(loan, "pk", loan)
    found = (DocumentLoan.objects.select_for_update(of=("self",)).select_related("document", "project", "holder")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


@audit.atomic()
def apply(*, document: Document, applicant: User, registered_by: User, use: str, purpose: str,
          days=None) -> DocumentLoan:
    project = document.project
    require_member(registered_by, project)
    if use not in DocumentUse.values:
        raise DomainError(_("Say whether the document is read, copied or taken out."), code="invalid_use",
                          rule=RULE, details={"field": "use"})
    if not (applicant.is_active and is_member(applicant, project)):
        raise NotAllowed(_("Documents are lent to the company's own staff."), code="not_staff", rule=RULE)
    purpose = limits.fit(DocumentLoan, "purpose", purpose, required=True, rule=RULE)
    longest = int(policies.value("archives.documents.loan.days", project))
    days = longest if days in (None, "") else days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= longest:
        raise DomainError(_("A document is lent for 1 to %(days)s days.") % {"days": longest},
                          code="invalid_period", rule=RULE, details={"field": "days", "limit": longest})
    now = clock.now()
    period_end = clock.at_beijing(clock.beijing(now).date() + dt.timedelta(days=days), dt.time(18, 0))
    key = "archives.documents.approval.secret" if document.secret else "archives.documents.approval.loan"
    steps, clause = approvals.resolve(key, project)
    loan = DocumentLoan.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], document=document, use=use, applicant=applicant,
        holder=applicant, registered_by=registered_by, purpose=purpose, period_start=now, period_end=period_end,
        chain=steps, chain_clause=clause[:300], status=LoanStatus.PENDING if steps else LoanStatus.APPROVED,
        applied_at=now, approved_at=None if steps else now)
    loan.serial = f"WJ{clock.beijing(now):%Y%m%d}-{loan.pk:06d}"
    loan.save(update_fields=["serial"])
    audit.record(actor=registered_by, action="archives.document_loan.applied", target=loan, project=project,
                 data={"document": document.pk, "use": use, "applicant": applicant.pk, "purpose": purpose,
                       "until": period_end.isoformat(), "steps": [s["code"] for s in steps]})
    return loan


def _parties(loan) -> list:
    """Who may never decide this loan: the borrower, who applied for it, who registered it."""
    return [loan.applicant_id, loan.holder_id, loan.registered_by_id]


@audit.atomic()
def approve(*, loan: DocumentLoan, approver: User, comment: str = "") -> DocumentLoan:
    return decisions.approve_step(lock(loan), approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                  own_message=_("You cannot approve a request you made or registered."),
                                  action="archives.document_loan.approved",
                                  not_pending=_("This request is not awaiting approval."))


@audit.atomic()
def reject(*, loan: DocumentLoan, approver: User, comment: str) -> DocumentLoan:
    return decisions.reject_step(lock(loan), approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                 own_message=_("You cannot approve a request you made or registered."),
                                 action="archives.document_loan.rejected")


@audit.atomic()
def lend(*, loan: DocumentLoan, issuer: User, counted, holder_password: str) -> DocumentLoan:
    """The clerk hands the document over, counted by its pages; the borrower signs with their password."""
    loan = lock(loan)
    require_member(issuer, loan.project)
    require_policy_role(issuer, loan.project, CLERKS, rule=RULE)
    if loan.use != DocumentUse.TAKE_OUT:
        raise Conflict(_("Only a document taken out of the office is handed over."), code="not_taken_out",
                       rule=RULE)
    if loan.status == LoanStatus.PENDING and loan.document.secret:
        raise NotAllowed(_("A secret document is read, copied or taken out only with the GM's approval."),
                         code="secret_needs_approval", rule=RULE, clause=loan.chain_clause)
    counter.require_lendable(loan, issuer, rule=RULE)
    counted = counter.require_count(expected=loan.document.pages, counted=counted, rule=RULE)
    if loan.period_end <= clock.now():
        raise Conflict(_("The approved period has ended; apply again."), code="period_ended", rule=RULE)
    counter.mark_lent(loan, issuer=issuer, due_at=loan.period_end, due_rule="document",
                      taken=Conflict(_("This document is already out."), code="document_already_lent", rule=RULE))
    counter.sign_lent(loan, issuer=issuer, holder_password=holder_password)
    audit.record(actor=issuer, action="archives.document_loan.lent", target=loan, project=loan.project,
                 data={"document": loan.document_id, "pages": counted, "holder": loan.holder_id,
                       "due_at": loan.due_at.isoformat()})
    return loan


@audit.atomic()
def take_back(*, loan: DocumentLoan, receiver: User, counted, holder_password: str) -> DocumentLoan:
    loan = lock(loan)
    require_member(receiver, loan.project)
    require_policy_role(receiver, loan.project, CLERKS, rule=RULE)
    counter.require_returnable(loan)
    counted = counter.require_count(expected=loan.document.pages, counted=counted, rule=RULE)
    returned_at = counter.mark_returned(loan, receiver=receiver)
    from core import signatures

    signatures.sign_with_credentials(target=loan, project=loan.project, capacity="archives_returned_by",
                                     person=loan.holder, password=holder_password)
    signatures.sign_as_session_user(target=loan, project=loan.project, capacity="archives_taken_back_by",
                                    person=receiver)
    audit.record(actor=receiver, action="archives.document_loan.returned", target=loan, project=loan.project,
                 data={"document": loan.document_id, "pages": counted, "late": counter.is_late(loan, returned_at)})
    return loan
