"""Reporting a lost or damaged key and the immediate measures (KEY-LOSS-1).

A report is made at once, by the borrower/holder or by key staff; the server stamps the time. The key's
ledger status becomes lost or damaged, the event is written to the duty log, the borrower writes
《钥匙丢失情况说明》 and signs it with their own credentials, and a measure must be recorded before the
end of the working day (003 篇8 §4.1(8)).
"""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.handoffs import LogNote
from core.models import Project, User
from core.notifications import resolve
from core.permissions import has_role, require_member
from keys.models import LOSS_FLOW, KeyLoan, KeySet, LossKind, LossMeasure, LossReport, LossStatus, MeasureKind
from keys.services.common import require_text
from keys.services.desk import end_of_working_day
from keys.services.ledger import set_status
from keys.states import LOAN_FLOW, KeyStatus, LoanStatus

RETENTION_YEARS = 2  # registers are kept two years (CORE-7)


def is_handler(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("keys.loss.handler_roles", project))


def require_handler(user: User, project: Project, *, rule: str) -> None:
    require_member(user, project)
    if not is_handler(user, project):
        resolved = policies.resolve("keys.loss.handler_roles", project)
        raise NotAllowed(_("Only key staff or their heads may do this."), code="not_loss_handler", rule=rule,
                         clause=resolved.clause)


def handle_deadline(project: Project, reported_at: dt.datetime) -> dt.datetime:
    """End of the working day of the report; a report made after it is due by the end of the next day."""
    day = clock.beijing(reported_at).date()
    deadline = end_of_working_day(project, day)
    if reported_at >= deadline:
        deadline = end_of_working_day(project, day + dt.timedelta(days=1))
    return deadline


def lock_report(report: LossReport) -> LossReport:
    return LossReport.objects.select_for_update().select_related("key", "project").get(pk=report.pk)


def _duty_log(report: LossReport, actor: User, what: str, handling: str = "", severity: str = "normal") -> int:
    return handoffs.log_key_custody(LogNote(
        project=report.project, recorded_by=actor, what_happened=what, severity=severity, handling=handling,
        unit=report.key.unit, location=report.place, people=report.reporter.display_name if report.reporter else "",
        source=f"keys.loss:{report.pk}"))


def _close_loan_of_lost_key(loan: KeyLoan, actor: User, report: LossReport) -> None:
    """A lost key never comes back to the desk: its open loan is closed as returned with 0 pieces."""
    loan = KeyLoan.objects.select_for_update().get(pk=loan.pk)
    LOAN_FLOW.check(loan.status, LoanStatus.RETURNED)
    loan.status = LoanStatus.RETURNED
    loan.returned_at = clock.now()
    loan.received_by = actor
    loan.pieces_in = max(0, (loan.pieces_out or 0) - report.pieces)
    loan.returned_intact = False
    loan.closing_note = (_("Closed by loss report %(pk)s") % {"pk": report.pk})[:300]
    loan.save()
    audit.record(actor=actor, action="keys.loan.closed_lost", target=loan, project=loan.project,
                 data={"loss_report": report.pk, "pieces_lost": report.pieces})


@audit.atomic()
def report_loss(*, key: KeySet, reported_by: User, kind: str, place: str, occurred_when: str, circumstances: str,
                whereabouts: str = "", reporter: User | None = None, pieces: int | None = None) -> LossReport:
    """Report a lost or damaged key at once (KEY-LOSS-1): ledger status, open loan, duty log."""
    key = KeySet.objects.select_for_update(of=("self",)).select_related("project", "unit").get(pk=key.pk)
    project = key.project
    require_member(reported_by, project)
    if kind not in LossKind.values:
        raise DomainError(_("Say whether the key is lost or damaged."), code="invalid_kind", rule="KEY-LOSS-1")
    place = limits.fit(LossReport, "place", place, required=True, rule="KEY-LOSS-1", label=_("place"))
    occurred_when = limits.fit(LossReport, "occurred_when", occurred_when, required=True, rule="KEY-LOSS-1",
                               label=_("when it happened"))
    circumstances = require_text(circumstances, field=_("circumstances"), rule="KEY-LOSS-1")
    whereabouts = limits.fit(LossReport, "whereabouts", whereabouts)
    if key.status in {KeyStatus.LOST, KeyStatus.RETIRED}:
        raise Conflict(_("Key %(number)s is already %(status)s.") % {"number": key.number,
                                                                    "status": key.get_status_display()},
                       code="key_not_in_custody", rule="KEY-LOSS-1")
    loan = KeyLoan.objects.select_for_update().filter(key=key, status=LoanStatus.LENT).first()
    if reporter is None and loan is not None:
        reporter = loan.holder
    # The borrower reports their own key; anyone else reporting must be key staff (000 §5(一)1, §5(二)1).
    if not (loan is not None and loan.holder_id == reported_by.pk) and not is_handler(reported_by, project):
        raise NotAllowed(_("Only the borrower or key staff may report this key."), code="not_loss_handler",
                         rule="KEY-LOSS-1", clause=policies.resolve("keys.loss.handler_roles", project).clause)
    pieces = int(pieces or key.pieces)
    if pieces < 1 or pieces > key.pieces:
        raise DomainError(_("The pieces concerned must be between 1 and %(pieces)s.") % {"pieces": key.pieces},
                          code="invalid_pieces", rule="KEY-LOSS-1")
    now = clock.now()
    try:
        with transaction.atomic():
            report = LossReport.objects.create(
                project=project, key=key, kind=kind, loan=loan, pieces=pieces, reported_at=now,
                reported_by=reported_by, reporter=reporter, place=place, occurred_when=occurred_when,
                circumstances=circumstances, whereabouts=whereabouts,
                handle_by=handle_deadline(project, now), retain_until=_retain())
    except IntegrityError as exc:
        raise Conflict(_("Key %(number)s already has an open loss report.") % {"number": key.number},
                       code="open_report_exists", rule="KEY-LOSS-1") from exc
    if kind == LossKind.LOST:
        set_status(key=key, status=KeyStatus.LOST)
        if loan is not None:
            _close_loan_of_lost_key(loan, reported_by, report)
    elif key.status != KeyStatus.LENT:
        # A damaged key still out on loan stays "lent" until the borrower brings it back (desk.return_key).
        set_status(key=key, status=KeyStatus.DAMAGED)
    what = (_("Key %(number)s (%(name)s) reported %(kind)s at %(place)s, %(when)s: %(circumstances)s")
            % {"number": key.number, "name": key.name, "kind": report.get_kind_display(), "place": place,
               "when": occurred_when, "circumstances": circumstances})
    severity = policies.value("keys.loss.duty_severity", project).get(kind, "normal")
    report.duty_entry_id = _duty_log(report, reported_by, what, severity=severity)
    report.save(update_fields=["duty_entry_id"])
    audit.record(actor=reported_by, action="keys.loss.reported", target=report, project=project,
                 data={"key": key.number, "kind": kind, "pieces": pieces, "loan": loan.pk if loan else None,
                       "reporter": reporter.pk if reporter else None})
    return report


def _retain():
    from core.retention import retain_until

    return retain_until(RETENTION_YEARS)


@audit.atomic()
def write_statement(*, report: LossReport, author: User, text: str, password: str | None = None) -> LossReport:
    """《钥匙丢失情况说明》: the borrower writes what happened and signs with their own credentials (KEY-LOSS-1).

    `password=None` means the author is the logged-in user signing with their session."""
    report = lock_report(report)
    require_member(author, report.project)
    expected = report.reporter or report.reported_by
    if author.pk != expected.pk:
        raise NotAllowed(_("Only %(name)s may write and sign this statement.") % {"name": expected.display_name},
                         code="not_the_borrower", rule="KEY-LOSS-1", clause="000 §5(二)3 借用人员需填写《钥匙丢失情况说明》")
    if report.statement_at:
        raise Conflict(_("The statement has already been written and signed."), code="statement_exists",
                       rule="KEY-LOSS-1")
    text = require_text(text, field=_("statement"), rule="KEY-LOSS-1")
    if password is None:
        signatures.sign_as_session_user(target=report, project=report.project, capacity="loss_statement",
                                        person=author)
    else:
        signatures.sign_with_credentials(target=report, project=report.project, capacity="loss_statement",
                                         person=author, password=password)
    report.statement = text
    report.statement_by = author
    report.statement_at = clock.now()
    report.save(update_fields=["statement", "statement_by", "statement_at"])
    audit.record(actor=author, action="keys.loss.statement_signed", target=report, project=report.project,
                 data={"length": len(text)})
    resolve(subject=f"keys.loss:{report.pk}", kinds=["keys.loss.statement"])
    return report


@audit.atomic()
def record_measure(*, report: LossReport, recorded_by: User, kind: str, description: str) -> LossMeasure:
    """An immediate measure (search, lock change, replacement …); the first one marks the report handled."""
    report = lock_report(report)
    require_handler(recorded_by, report.project, rule="KEY-LOSS-1")
    if report.status == LossStatus.CLOSED:
        raise Conflict(_("This report is closed."), code="report_closed", rule="KEY-LOSS-1")
    if kind not in MeasureKind.values:
        raise DomainError(_("Unknown measure."), code="invalid_measure", rule="KEY-LOSS-1")
    description = limits.fit(LossMeasure, "description", description, required=True, rule="KEY-LOSS-1",
                             label=_("description"))
    now = clock.now()
    measure = LossMeasure.objects.create(report=report, kind=kind, description=description,
                                         recorded_by=recorded_by, recorded_at=now)
    if kind == MeasureKind.LOCK_CHANGE:
        # A lock change is a security event the next shift must know about: write it to the duty log now.
        what = _("Lock change ordered for key %(number)s (%(name)s)") % {"number": report.key.number,
                                                                        "name": report.key.name}
        measure.duty_entry_id = _duty_log(report, recorded_by, what, handling=description)
        measure.save(update_fields=["duty_entry_id"])
    if report.handled_at is None:
        report.handled_at = now
        report.save(update_fields=["handled_at"])
    audit.record(actor=recorded_by, action="keys.loss.measure_recorded", target=report, project=report.project,
                 data={"measure": measure.pk, "kind": kind, "late": now > report.handle_by})
    resolve(subject=f"keys.loss:{report.pk}", kinds=["keys.loss.unhandled"])
    return measure


@audit.atomic()
def request_lock_change(*, report: LossReport, requested_by: User, description: str) -> LossMeasure:
    """Record a lock change and write it to the duty log (KEY-LOSS-1, KEY-LOSS-3).

    The front desk's repair for engineering (《工作任务单》) is opened here, in the same transaction,
    through the front desk's hand-off core.handoffs.open_lock_change_repair (REPAIR-1)."""
    measure = record_measure(report=report, recorded_by=requested_by, kind=MeasureKind.LOCK_CHANGE,
                             description=description)
    key = measure.report.key
    handoffs.open_lock_change_repair(
        project=measure.report.project, reported_by=requested_by,
        description=(_("Lock change for key %(number)s (%(name)s): %(description)s")
                     % {"number": key.number, "name": key.name, "description": measure.description}),
        unit=key.unit, source_ref=f"keys.loss:{measure.report.pk}:measure:{measure.pk}")
    return measure


def missing_for_close(report: LossReport) -> list[str]:
    """What a report still lacks before it may be closed (KEY-LOSS-2, KEY-LOSS-3)."""
    missing = []
    if report.statement_at is None and report.reporter_id is not None:
        missing.append("statement")
    if report.kind == LossKind.LOST:
        if not report.measures.exists():
            missing.append("measures")
        if report.compensation is None:
            missing.append("compensation")
        elif report.compensation > 0 and report.paid_at is None:
            missing.append("payment")
        if report.reassessed_at is None:
            missing.append("reassessment")
    else:
        if report.repairable is None:
            missing.append("assessment")
        elif report.repairable and report.repaired_at is None:
            missing.append("repair")
        elif not report.repairable and report.compensation is None:
            missing.append("compensation")
        elif not report.repairable and report.compensation > 0 and report.paid_at is None:
            missing.append("payment")
    return missing


def missing_text(missing: list[str]) -> str:
    labels = {
        "statement": _("the borrower's signed statement"), "measures": _("an immediate measure"),
        "compensation": _("the compensation"), "payment": _("the payment to finance"),
        "reassessment": _("the security reassessment"), "assessment": _("the damage assessment"),
        "repair": _("the repair"),
    }
    return "、".join(str(labels[m]) for m in missing)


def close_now(report: LossReport, actor: User) -> LossReport:
    """Internal: close a locked report whose requirements are complete (inside the caller's transaction)."""
    missing = missing_for_close(report)
    if missing:
        raise Conflict(_("The report cannot be closed yet: %(missing)s.") % {"missing": missing_text(missing)},
                       code="report_incomplete", rule="KEY-LOSS-3" if report.kind == LossKind.LOST else "KEY-LOSS-2",
                       details={"missing": missing})
    LOSS_FLOW.check(report.status, LossStatus.CLOSED)
    report.status = LossStatus.CLOSED
    report.closed_by = actor
    report.closed_at = clock.now()
    report.save(update_fields=["status", "closed_by", "closed_at"])
    audit.record(actor=actor, action="keys.loss.closed", target=report, project=report.project,
                 data={"kind": report.kind, "key_status": report.key.status})
    resolve(subject=f"keys.loss:{report.pk}")
    return report


@audit.atomic()
def close_report(*, report: LossReport, closed_by: User) -> LossReport:
    """Close a report once measures, compensation/payment and reassessment are recorded (KEY-LOSS-3)."""
    report = lock_report(report)
    require_handler(closed_by, report.project, rule="KEY-LOSS-3")
    return close_now(report, closed_by)
