"""Attendance: the designated clerk, clocking in and out at server time, the monthly report to HR
(ATTEND-1). Leave of post lives in duty.services.attendance_post (ATTEND-2)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, notifications, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import is_member, require_member
from core.retention import retain_until
from duty.models.attendance import (
    PRESENCE_FLOW,
    REPORT_FLOW,
    AttendanceClerk,
    AttendanceReport,
    ClockEvent,
    ClockKind,
    ReportStatus,
)
from duty.selectors import attendance as sel

RETAIN_YEARS = 2


def require_supervisor(user: User, project: Project, *, rule: str) -> None:
    require_member(user, project)
    if not sel.is_supervisor(user, project):
        policy = policies.resolve("duty.attendance.supervisor_roles", project)
        raise NotAllowed(_("Only the customer-service supervisor may do this."), code="role_not_allowed",
                         rule=rule, clause=policy.clause)


def _lock_person(person: User) -> User:
    # Serialises one person's clock events: two taps at once cannot both clock in.
    return User.objects.select_for_update().get(pk=person.pk)


# ---------------------------------------------------------------- the designated clerk (ATTEND-1)

@audit.atomic()
def designate_clerk(*, project: Project, person: User, actor: User) -> AttendanceClerk:
    """The supervisor designates the project's attendance clerk; the previous one stops (ATTEND-1, 001 篇11 §1.1.1)."""
    require_supervisor(actor, project, rule="ATTEND-1")
    if not is_member(person, project) or not person.is_active:
        raise DomainError(_("The clerk must be a staff member of this project."), code="not_project_staff",
                          rule="ATTEND-1")
    now = clock.now()
    previous = list(AttendanceClerk.objects.select_for_update().filter(project=project, active=True))
    for row in previous:
        if row.person_id == person.pk:
            return row
        row.active, row.ended_at = False, now
        row.save(update_fields=["active", "ended_at"])
    clerk = AttendanceClerk.objects.create(project=project, person=person, designated_by=actor, designated_at=now)
    audit.record(actor=actor, action="duty.attendance.clerk_designated", target=clerk, project=project,
                 data={"person": person.username, "previous": [r.person_id for r in previous]})
    return clerk


# ---------------------------------------------------------------- clocking in and out (ATTEND-1)

@audit.atomic()
def record_clock(*, project: Project, person: User, kind: str) -> ClockEvent:
    """Clock in or out at server time (ATTEND-1, CORE-4): nobody types a time; in twice or out twice is refused."""
    require_member(person, project)
    if kind not in ClockKind.values:
        raise DomainError(_("Unknown clock action."), code="invalid_kind", rule="ATTEND-1")
    _lock_person(person)
    last = sel.last_event(project=project, person=person)
    state = last.kind if last else ClockKind.OUT
    if state == kind:
        message = (_("You are already clocked in.") if kind == ClockKind.IN
                   else _("You are not clocked in."))
        raise Conflict(message, code="already_clocked_in" if kind == ClockKind.IN else "not_clocked_in",
                       rule="ATTEND-1")
    PRESENCE_FLOW.check(state, kind)
    event = ClockEvent.objects.create(project=project, person=person, kind=kind, at=clock.now(),
                                      retain_until=retain_until(RETAIN_YEARS))
    audit.record(actor=person, action=f"duty.attendance.clock_{kind}", target=event, project=project,
                 data={"at": event.at.isoformat()})
    return event


def clock_toggle(*, project: Project, person: User) -> ClockEvent:
    """The one big button: clocks in when off duty, out when on duty."""
    last = sel.last_event(project=project, person=person)
    kind = ClockKind.OUT if last and last.kind == ClockKind.IN else ClockKind.IN
    return record_clock(project=project, person=person, kind=kind)


# ---------------------------------------------------------------- the monthly report (ATTEND-1)

def _require_preparer(actor: User, project: Project) -> None:
    require_member(actor, project)
    if not sel.may_prepare(actor, project):
        raise NotAllowed(_("Only the designated attendance clerk or the supervisor may prepare the report."),
                         code="not_attendance_clerk", rule="ATTEND-1",
                         clause=policies.resolve("duty.attendance.supervisor_roles", project).clause)


@audit.atomic()
def prepare_report(*, project: Project, month: dt.date, actor: User) -> AttendanceReport:
    """The clerk prepares (or refreshes) a month's report from the issued roster and the clock (ATTEND-1)."""
    _require_preparer(actor, project)
    month = month.replace(day=1)
    if month > clock.today():
        raise DomainError(_("A month that has not begun has no attendance yet."), code="future_month",
                          rule="ATTEND-1")
    now = clock.now()
    report = AttendanceReport.objects.select_for_update().filter(project=project, month=month).first()
    figures = sel.monthly_figures(project=project, month=month, now=now)
    if report is None:
        report = AttendanceReport.objects.create(
            project=project, month=month, due_on=sel.report_due_on(project=project, month=month), figures=figures,
            prepared_by=actor, prepared_at=now, retain_until=retain_until(RETAIN_YEARS))
        action = "duty.attendance.report_prepared"
    else:
        REPORT_FLOW.check(report.status, ReportStatus.DRAFT)
        report.figures, report.prepared_by, report.prepared_at = figures, actor, now
        report.save(update_fields=["figures", "prepared_by", "prepared_at"])
        action = "duty.attendance.report_refreshed"
    audit.record(actor=actor, action=action, target=report, project=project,
                 data={"month": f"{month:%Y-%m}", "people": len(figures)})
    return report


@audit.atomic()
def submit_report(*, report: AttendanceReport, actor: User, late_reason: str = "") -> AttendanceReport:
    """Submit the month's report to HR with a snapshot of the figures; after the policy day it is flagged late
    (ATTEND-1, 001 篇11 §1.1.3 每月25日报行政人事部)."""
    report = AttendanceReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    project = report.project
    _require_preparer(actor, project)
    REPORT_FLOW.check(report.status, ReportStatus.SUBMITTED)
    now = clock.now()
    report.figures = sel.monthly_figures(project=project, month=report.month, now=now)
    report.status, report.submitted_by, report.submitted_at = ReportStatus.SUBMITTED, actor, now
    report.submitted_late = clock.beijing(now).date() > report.due_on
    report.late_reason = limits.fit(AttendanceReport, "late_reason", late_reason) if report.submitted_late else ""
    report.save()
    audit.record(actor=actor, action="duty.attendance.report_submitted", target=report, project=project,
                 data={"month": f"{report.month:%Y-%m}", "late": report.submitted_late,
                       "due_on": report.due_on.isoformat(), "figures": report.figures})
    transaction.on_commit(lambda: _notify_hr(report))
    notifications.resolve(subject=f"duty.attendance_month:{report.project_id}:{report.month:%Y-%m}")
    return report


def _notify_hr(report: AttendanceReport) -> None:
    from django.urls import reverse

    code = policies.value("duty.attendance.hr_department", report.project)
    recipients = User.objects.filter(memberships__project=report.project, department__code=code,
                                     is_active=True).distinct()
    for person in recipients:
        notifications.notify(project=report.project, recipient=person, kind="duty.attendance.report",
                             title=_("Attendance report %(month)s submitted") % {"month": f"{report.month:%Y-%m}"},
                             dedupe_key=f"duty.attendance.report.{report.pk}.{person.pk}",
                             subject=f"duty.attendance_report:{report.pk}",
                             link=reverse("duty:attendance-report", args=[f"{report.month:%Y-%m}"]))
