"""Attendance computations: each issued shift compared with the clock events and leaves of post
(ATTEND-1, ATTEND-2). Nothing here writes; flags are derived, never stored, except in a submitted report."""
from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import QuerySet

from core import clock, policies
from core.models import Project, User
from core.permissions import has_role, memo
from duty.models import RosterAssignment
from duty.models.attendance import AttendanceClerk, AttendanceReport, ClockEvent, ClockKind, PostAbsence, PostLeave
from duty.selectors import roster as roster_selectors
from duty.selectors.roster import shift_window
from duty.states import RequestStatus

FIGURES = ("rostered", "worked", "late", "early_leave", "absent", "leave_of_post")


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def report_due_on(*, project: Project, month: dt.date) -> dt.date:
    """A month's report is due on the policy day of the month after (ATTEND-1, 001 篇11 §1.1.3)."""
    _first, last = month_bounds(month)
    following = last + dt.timedelta(days=1)
    day = int(policies.value("duty.attendance.report_due_day", project))
    return following.replace(day=min(max(day, 1), calendar.monthrange(following.year, following.month)[1]))


def current_clerk(project: Project) -> User | None:
    row = AttendanceClerk.objects.filter(project=project, active=True).select_related("person").first()
    return row.person if row else None


def is_supervisor(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("duty.attendance.supervisor_roles", project))


def may_prepare(user: User, project: Project) -> bool:
    """Only the designated clerk, or the supervisor who designates one, prepares the report (ATTEND-1)."""
    if is_supervisor(user, project):
        return True
    known = memo(user)
    key = ("attendance_clerk", getattr(project, "pk", project))
    if key not in known:  # asked by the navigation and the page alike: once per request
        known[key] = AttendanceClerk.objects.filter(project=project, active=True, person_id=user.pk).exists()
    return known[key]


def last_event(*, project: Project, person: User) -> ClockEvent | None:
    return ClockEvent.objects.filter(project=project, person=person).order_by("-at", "-pk").first()


def issued_assignments(*, project: Project, start: dt.date, end: dt.date, person: User | None = None
                       ) -> QuerySet[RosterAssignment]:
    """Only assignments of issued rosters count (a withdrawn version no longer binds anyone)."""
    return roster_selectors.issued_assignments(project=project, person=person).filter(day__gte=start, day__lte=end)


@dataclass
class ShiftRow:
    assignment: RosterAssignment
    person: User
    start: dt.datetime
    end: dt.datetime
    clock_in: dt.datetime | None = None
    clock_out: dt.datetime | None = None
    late_minutes: int = 0
    late: bool = False
    early_leave: bool = False
    absent: bool = False
    not_in_yet: bool = False
    no_clock_out: bool = False
    leave_of_post: bool = False
    approved_leaves: list = field(default_factory=list)
    absences: list = field(default_factory=list)
    upcoming: bool = False

    @property
    def worked(self) -> bool:
        return self.clock_in is not None

    @property
    def flagged(self) -> bool:
        return self.late or self.early_leave or self.absent or self.leave_of_post or self.no_clock_out


def _rows(*, project: Project, assignments: list[RosterAssignment], now: dt.datetime) -> list[ShiftRow]:
    if not assignments:
        return []
    grace = dt.timedelta(minutes=int(policies.value("duty.attendance.grace_minutes", project)))
    window = dt.timedelta(minutes=int(policies.value("duty.attendance.clock_window_minutes", project)))
    rows = [ShiftRow(a, a.person, *shift_window(a)) for a in assignments]
    people = {r.person.pk for r in rows}
    lo, hi = min(r.start for r in rows) - window, max(r.end for r in rows) + window
    events: dict[int, list[ClockEvent]] = {}
    for e in ClockEvent.objects.filter(project=project, person_id__in=people, at__gte=lo, at__lte=hi):
        events.setdefault(e.person_id, []).append(e)
    leaves: dict[int, list[PostLeave]] = {}
    for leave in PostLeave.objects.filter(project=project, person_id__in=people, status=RequestStatus.APPROVED,
                                          decided_at__gte=lo, decided_at__lte=hi):
        leaves.setdefault(leave.person_id, []).append(leave)
    absences: dict[int, list[PostAbsence]] = {}
    for absence in PostAbsence.objects.filter(project=project, person_id__in=people, observed_at__gte=lo,
                                              observed_at__lte=hi):
        absences.setdefault(absence.person_id, []).append(absence)
    for row in rows:
        mine = events.get(row.person.pk, [])
        ins = [e.at for e in mine if e.kind == ClockKind.IN and row.start - window <= e.at < row.end]
        row.clock_in = min(ins) if ins else None
        after = row.clock_in or row.start
        outs = [e.at for e in mine if e.kind == ClockKind.OUT and after < e.at <= row.end + window]
        row.clock_out = max(outs) if outs else None
        row.upcoming = now < row.start
        if row.clock_in is None:
            # Absent once the shift is over with no clock-in; while it runs, only "not in yet".
            row.absent = now >= row.end
            row.not_in_yet = row.start + grace <= now < row.end
        else:
            lateness = row.clock_in - row.start
            row.late_minutes = max(0, math.ceil(lateness.total_seconds() / 60))
            row.late = lateness > grace
            row.no_clock_out = row.clock_out is None and now > row.end + window
        # Prior approval only: a leave approved within the shift (or just before it) and before the clock-out.
        row.approved_leaves = [lv for lv in leaves.get(row.person.pk, [])
                               if row.start - window <= lv.decided_at < row.end]
        row.absences = [a for a in absences.get(row.person.pk, []) if row.start <= a.observed_at < row.end]
        if row.clock_out is not None and row.clock_out < row.end:
            covered = any(lv.decided_at <= row.clock_out for lv in row.approved_leaves)
            row.early_leave = not covered
            row.leave_of_post = not covered
        if row.absences:
            row.leave_of_post = True
    return rows


def day_rows(*, project: Project, day: dt.date, now: dt.datetime | None = None) -> list[ShiftRow]:
    """The supervisor's daily view: every issued shift of the day with its flags (ATTEND-2, 002 篇2 §2.1)."""
    assignments = list(issued_assignments(project=project, start=day, end=day))
    return _rows(project=project, assignments=assignments, now=now or clock.now())


def person_rows(*, project: Project, person: User, start: dt.date, end: dt.date) -> list[ShiftRow]:
    assignments = list(issued_assignments(project=project, start=start, end=end, person=person))
    return _rows(project=project, assignments=assignments, now=clock.now())


def current_shift(*, project: Project, person: User, at: dt.datetime | None = None) -> ShiftRow | None:
    """The person's shift now, or the next one today (what the clock page shows)."""
    at = at or clock.now()
    day = clock.beijing(at).date()
    window = dt.timedelta(minutes=int(policies.value("duty.attendance.clock_window_minutes", project)))
    rows = person_rows(project=project, person=person, start=day - dt.timedelta(days=1), end=day)
    for row in rows:
        if row.start - window <= at < row.end + window:
            return row
    return None


def monthly_figures(*, project: Project, month: dt.date, now: dt.datetime | None = None) -> list[dict]:
    """Per person: shifts rostered, worked, late arrivals, early leaves, absences, leaves of post without
    approval (ATTEND-1, ATTEND-2), from the issued roster of the month."""
    start, end = month_bounds(month)
    rows = _rows(project=project, assignments=list(issued_assignments(project=project, start=start, end=end)),
                 now=now or clock.now())
    table: dict[int, dict] = {}
    for row in rows:
        entry = table.setdefault(row.person.pk, {
            "person_id": row.person.pk, "username": row.person.username, "name": row.person.display_name,
            **{k: 0 for k in FIGURES}, "late_minutes": 0})
        entry["rostered"] += 1
        entry["worked"] += int(row.worked)
        entry["late"] += int(row.late)
        entry["late_minutes"] += row.late_minutes if row.late else 0
        entry["early_leave"] += int(row.early_leave)
        entry["absent"] += int(row.absent)
        entry["leave_of_post"] += int(row.leave_of_post)
    return sorted(table.values(), key=lambda e: (e["username"], e["person_id"]))


def reports(*, project: Project) -> QuerySet[AttendanceReport]:
    return AttendanceReport.objects.filter(project=project).select_related("prepared_by", "submitted_by")


def report_for(*, project: Project, month: dt.date) -> AttendanceReport | None:
    return AttendanceReport.objects.filter(project=project, month=month.replace(day=1)).first()


def pending_leaves(*, project: Project) -> QuerySet[PostLeave]:
    return PostLeave.objects.filter(project=project, status=RequestStatus.PENDING).select_related("person")


def leaves(*, project: Project, person: User | None = None) -> QuerySet[PostLeave]:
    qs = PostLeave.objects.filter(project=project).select_related("person", "decided_by")
    return qs.filter(person=person) if person is not None else qs
