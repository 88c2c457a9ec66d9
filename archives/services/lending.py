"""Borrowing and reading archives (ARCH-5; 002 篇1 §1.1.5, §1.2.1–1.2.5, §2.5; 篇3 §4.4.4), through the house's
lending engine (core.lending) and approval chain (core.approvals).

A member of staff applies to borrow a volume (kept within the company, back by a date) or to read it in the
archive room (back the same day); the steps of the policy approve it (the site manager by default: 篇3 §4.4.4);
the archivist hands it over, both count its items face to face and both sign; it comes back the same way.
Documentary archives are read, never borrowed (只阅不借); confidential ones are never lent, and read only by a
person with the manager's permission (ARCH-11). An outsider is not a member of staff: refused here (ARCH-8)."""
from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from archives.models import ArchiveLoan, LoanKind, Volume
from archives.services import incidents
from archives.services.access import may_see_confidential, require_keeper
from archives.states import VolumeStatus
from core import approvals, audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.lending import counter, decisions
from core.lending.states import LOAN_FLOW, LoanStatus
from core.models import User
from core.notifications import resolve
from core.permissions import is_member, require_member

RULE = "ARCH-5"


def lock(loan: ArchiveLoan | int) -> ArchiveLoan:
    """Re-read and lock the loan and its volume for the rest of the transaction."""
    pk = getattr(loan, "pk", loan)
    found = (ArchiveLoan.objects.select_for_update(of=("self", "volume"))
             .select_related("volume__category", "project", "holder", "applicant").filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def require_may_go(volume: Volume, kind: str, holder: User) -> None:
    """Whether this volume may be lent this way to this person (refusals name the regulation)."""
    category = volume.category
    if volume.status == VolumeStatus.DESTROYED:
        raise Conflict(_("Volume %(number)s has been destroyed.") % {"number": volume.number},
                       code="volume_destroyed", rule="ARCH-10")
    if category.confidential and kind == LoanKind.BORROW:
        raise NotAllowed(_("Confidential archives are never lent; they are read in the archive room with the "
                           "manager's permission."), code="confidential_not_lent", rule=RULE)
    if category.confidential and not may_see_confidential(holder, volume.project):
        raise NotAllowed(_("Confidential archives are seen only with the manager's permission."),
                         code="confidential_not_allowed", rule="ARCH-11")
    if category.read_only and kind == LoanKind.BORROW:
        raise NotAllowed(_("Documentary archives are read in the archive room, never borrowed (只阅不借)."),
                         code="read_only_archive", rule=RULE)


def _period(project, kind: str, now: dt.datetime, days) -> dt.datetime:
    """When it must be back: the end of the working day for a reading, the end of the day `days` ahead for a loan."""
    today = clock.beijing(now).date()
    closes = clock.parse_hhmm(policies.value("archives.reading.closes", project))
    if kind == LoanKind.READING:
        end = clock.at_beijing(today, closes)
        if end <= now:
            raise DomainError(_("The archive room closes at %(time)s; apply to read it tomorrow.")
                              % {"time": closes.strftime("%H:%M")}, code="reading_room_closed", rule=RULE)
        return end
    longest = int(policies.value("archives.loan.max_days", project))
    days = int(policies.value("archives.loan.days", project)) if days in (None, "") else days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= longest:
        raise DomainError(_("A volume is borrowed for 1 to %(days)s days.") % {"days": longest},
                          code="invalid_period", rule=RULE, details={"field": "days", "limit": longest})
    return clock.at_beijing(today + dt.timedelta(days=days), closes)


@audit.atomic()
def apply(*, volume: Volume, applicant: User, registered_by: User, kind: str, purpose: str,
          days: int | None = None) -> ArchiveLoan:
    """Register an application to borrow or read a volume; it then walks the policy's approval steps."""
    project = volume.project
    require_member(registered_by, project)
    if kind not in LoanKind.values:
        raise DomainError(_("Say whether the volume is borrowed or read in the archive room."), code="invalid_kind",
                          rule=RULE, details={"field": "kind"})
    if not is_member(applicant, project) or not applicant.is_active:
        raise NotAllowed(_("Archives are lent to the company's own staff; an outsider reads them with an "
                           "introduction letter and a leader's approval."), code="outsider_needs_letter",
                         rule="ARCH-8")
    purpose = limits.fit(ArchiveLoan, "purpose", purpose, required=True, rule=RULE)
    require_may_go(volume, kind, applicant)
    now = clock.now()
    period_end = _period(project, kind, now, days)
    steps, clause = approvals.resolve(f"archives.approval.{kind}", project)
    loan = ArchiveLoan.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], volume=volume, kind=kind,
        applicant=applicant, holder=applicant, registered_by=registered_by, purpose=purpose, period_start=now,
        period_end=period_end, chain=steps, chain_clause=clause[:300],
        status=LoanStatus.PENDING if steps else LoanStatus.APPROVED, applied_at=now,
        approved_at=None if steps else now)
    loan.serial = f"DJ{clock.beijing(now):%Y%m%d}-{loan.pk:06d}"
    loan.save(update_fields=["serial"])
    audit.record(actor=registered_by, action="archives.loan.applied", target=loan, project=project,
                 data={"volume": volume.number, "kind": kind, "applicant": applicant.pk, "purpose": purpose,
                       "due": period_end.isoformat(), "steps": [s["code"] for s in steps]})
    return loan


def _parties(loan) -> list:
    """Who may never decide this loan: the borrower, who applied for it, who registered it."""
    return [loan.applicant_id, loan.holder_id, loan.registered_by_id]


@audit.atomic()
def approve(*, loan: ArchiveLoan, approver: User, comment: str = "") -> ArchiveLoan:
    return decisions.approve_step(lock(loan), approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                  own_message=_("You cannot approve a loan you applied for or registered."),
                                  action="archives.loan.approved", not_pending=_("This loan is not awaiting approval."))


@audit.atomic()
def reject(*, loan: ArchiveLoan, approver: User, comment: str) -> ArchiveLoan:
    return decisions.reject_step(lock(loan), approver=approver, comment=comment, parties=_parties(loan), rule=RULE,
                                 own_message=_("You cannot approve a loan you applied for or registered."),
                                 action="archives.loan.rejected")


@audit.atomic()
def cancel(*, loan: ArchiveLoan, actor: User, reason: str = "") -> ArchiveLoan:
    loan = lock(loan)
    if actor.pk not in {loan.applicant_id, loan.registered_by_id}:
        raise NotAllowed(_("Only the applicant or the clerk who registered it may cancel."), code="forbidden",
                         rule=RULE)
    LOAN_FLOW.check(loan.status, LoanStatus.CANCELLED)
    loan.closing_note = limits.fit(ArchiveLoan, "closing_note", reason)
    loan.status = LoanStatus.CANCELLED
    loan.save(update_fields=["status", "closing_note"])
    audit.record(actor=actor, action="archives.loan.cancelled", target=loan, project=loan.project,
                 data={"reason": loan.closing_note})
    return loan


@audit.atomic()
def lend(*, loan: ArchiveLoan, issuer: User, counted, holder_password: str) -> ArchiveLoan:
    """The archivist hands the volume over: both count its items, the borrower signs with their password."""
    loan = lock(loan)
    volume = loan.volume
    require_keeper(issuer, loan.project)
    counter.require_lendable(loan, issuer, rule=RULE)
    require_may_go(volume, loan.kind, loan.holder)  # the category may have changed since the application
    counted = counter.require_count(expected=volume.item_count, counted=counted, rule=RULE)
    if loan.period_end <= clock.now():
        raise Conflict(_("The approved period has ended; apply again."), code="period_ended", rule=RULE)
    loan.items_out = counted
    counter.mark_lent(loan, issuer=issuer, due_at=loan.period_end, due_rule=loan.kind, extra_fields=["items_out"],
                      taken=Conflict(_("Volume %(number)s is already out.") % {"number": volume.number},
                                     code="volume_already_lent", rule=RULE))
    counter.sign_lent(loan, issuer=issuer, holder_password=holder_password)
    audit.record(actor=issuer, action="archives.loan.lent", target=loan, project=loan.project,
                 data={"volume": volume.number, "items": counted, "holder": loan.holder_id,
                       "due_at": loan.due_at.isoformat()})
    return loan


@audit.atomic()
def take_back(*, loan: ArchiveLoan, receiver: User, counted, holder_password: str,
              accept_discrepancy: bool = False, note: str = "") -> ArchiveLoan:
    """Back at the counter: counted face to face and signed by both; a short count is recorded only when the
    archivist confirms it (then a loss report follows, ARCH-6)."""
    loan = lock(loan)
    require_keeper(receiver, loan.project)
    counter.require_returnable(loan)
    note = limits.fit(ArchiveLoan, "closing_note", note)
    try:
        counted = int(counted)
    except (TypeError, ValueError):
        raise DomainError(_("Give the number of items counted."), code="invalid_count", rule=RULE) from None
    intact = counted == loan.items_out
    if not intact and not accept_discrepancy:
        raise Conflict(_("Lent with %(out)s item(s), %(back)s counted back. Count again together, or confirm to "
                         "record the return with the difference.") % {"out": loan.items_out, "back": counted},
                       code="return_mismatch", rule=RULE, details={"lent": loan.items_out, "returned": counted})
    if not intact and not note:
        raise DomainError(_("Say what is missing or damaged."), code="note_required", rule="ARCH-6")
    loan.items_in = counted
    returned_at = counter.mark_returned(loan, receiver=receiver, intact=intact, note=note, extra_fields=["items_in"])
    signatures.sign_with_credentials(target=loan, project=loan.project, capacity="archives_returned_by",
                                     person=loan.holder, password=holder_password)
    signatures.sign_as_session_user(target=loan, project=loan.project, capacity="archives_taken_back_by",
                                    person=receiver)
    if not intact:  # the written report follows at once, the borrower named as responsible (ARCH-6)
        incidents.report(volume=loan.volume, kind="lost", loan=loan, reported_by=receiver, responsible=loan.holder,
                         text=_("Returned with %(back)s of %(out)s item(s): %(note)s")
                         % {"back": counted, "out": loan.items_out, "note": note})
    late = counter.is_late(loan, returned_at)
    audit.record(actor=receiver, action="archives.loan.returned", target=loan, project=loan.project,
                 data={"volume": loan.volume.number, "items": counted, "intact": intact, "late": late})
    if late:
        resolve(subject=f"archives.loan:{loan.pk}", kinds=["archives.loan_overdue"])
    return loan
