"""Reads of the roster worth naming: who is on which shift, when (used by attendance and handover)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock
from core.models import Project
from duty.models import Roster, RosterAssignment, ShiftChangeRequest, ShiftPattern
from duty.services.roster import deadline_for_month, next_month
from duty.states import RequestStatus, RosterStatus


def shift_window(assignment: RosterAssignment) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of an assignment in Beijing time; a shift ending before it starts ends the next day."""
    shift = assignment.shift
    start = clock.at_beijing(assignment.day, shift.starts)
    end = clock.at_beijing(assignment.day, shift.ends)
    if end <= start:
        end += dt.timedelta(days=1)
    return start, end


def issued_assignments(*, project: Project, day: dt.date | None = None, person=None) -> QuerySet[RosterAssignment]:
    """Assignments of the rosters currently issued in a project (withdrawn versions excluded)."""
    qs = RosterAssignment.objects.filter(roster__project=project, roster__status=RosterStatus.ISSUED)
    if day is not None:
        qs = qs.filter(day=day)
    if person is not None:
        qs = qs.filter(person=person)
    return qs.select_related("shift", "person", "roster").order_by("day", "shift__starts", "person_id")


def assignment_at(*, project: Project, person, at: dt.datetime) -> RosterAssignment | None:
    """The issued assignment a person is working at a moment (a night shift started the day before counts)."""
    day = clock.beijing(at).date()
    candidates = issued_assignments(project=project, person=person).filter(
        day__in=[day - dt.timedelta(days=1), day])
    for assignment in candidates:
        start, end = shift_window(assignment)
        if start <= at < end:
            return assignment
    return None


def shift_of_day(*, project: Project, person, at: dt.datetime) -> RosterAssignment | None:
    """The issued shift a handover at `at` concerns: the one the person is working then or, off shift, their
    shift of that day whose end is nearest (a handover opened just after the end, or before the start)."""
    current = assignment_at(project=project, person=person, at=at)
    if current is not None:
        return current
    day = clock.beijing(at).date()
    day_start, day_end = clock.day_bounds(day)
    best = None
    for assignment in issued_assignments(project=project, person=person).filter(
            day__in=[day - dt.timedelta(days=1), day]):
        start, end = shift_window(assignment)
        if start < day_end and end > day_start:
            distance = abs((end - at).total_seconds())
            if best is None or distance < best[0]:
                best = (distance, assignment)
    return best[1] if best else None


def rostered_on(*, project: Project, day: dt.date, team: str | None = None) -> list[tuple]:
    """(person, [their shifts]) of the issued rosters on a day, by the start of their first shift."""
    qs = issued_assignments(project=project, day=day)
    if team:
        qs = qs.filter(shift__team=team)
    people: dict = {}
    for assignment in qs:
        people.setdefault(assignment.person_id, (assignment.person, []))[1].append(assignment.shift)
    return list(people.values())


def patterns(*, project: Project, team: str | None = None, active_only: bool = True) -> QuerySet[ShiftPattern]:
    qs = ShiftPattern.objects.filter(project=project)
    if team:
        qs = qs.filter(team=team)
    if active_only:
        qs = qs.filter(active=True)
    return qs


def rosters(*, project: Project) -> QuerySet[Roster]:
    return Roster.objects.filter(project=project).select_related(
        "drafted_by", "reviewed_by", "approved_by").order_by("-period_start", "team", "holiday_name", "-version")


def versions_of(roster: Roster) -> QuerySet[Roster]:
    """Every version of the same roster (same project, team, period, holiday), newest first (ROSTER-5)."""
    return Roster.objects.filter(project=roster.project, team=roster.team, period_start=roster.period_start,
                                 holiday_name=roster.holiday_name).order_by("-version")


def issued_roster(*, project: Project, team: str, period_start: dt.date, holiday_name: str = "") -> Roster | None:
    return Roster.objects.filter(project=project, team=team, period_start=period_start,
                                 holiday_name=holiday_name, status=RosterStatus.ISSUED).first()


def late_drafts(*, project: Project) -> QuerySet[Roster]:
    """Rosters drafted after their deadline (the policy day of the month before, or a week before a holiday),
    as flagged when drafted (ROSTER-2, ROSTER-4)."""
    return Roster.objects.filter(project=project, drafted_late=True).order_by("-period_start")


def pending_requests(*, project: Project) -> QuerySet[ShiftChangeRequest]:
    return ShiftChangeRequest.objects.filter(project=project, status=RequestStatus.PENDING).select_related(
        "assignment__shift", "assignment__person", "requested_by", "swap_with__person", "swap_with__shift")


def requests(*, project: Project) -> QuerySet[ShiftChangeRequest]:
    return ShiftChangeRequest.objects.filter(project=project).select_related(
        "assignment__shift", "assignment__person", "requested_by", "swap_with__person", "swap_with__shift",
        "substitute", "decided_by").order_by("-requested_at")




def next_month_not_approved(*, project: Project) -> list[str]:
    """Past the deadline (the policy day, the 25th by default) for next month's rosters: the teams whose roster is
    missing or not yet approved (ROSTER-1, ROSTER-2). Before the deadline, none."""
    today = clock.today()
    month = next_month(today)
    if today <= deadline_for_month(project=project, month=month):
        return []
    teams = set(ShiftPattern.objects.filter(project=project, active=True, is_holiday=False)
                .values_list("team", flat=True))
    done = set(Roster.objects.filter(project=project, period_start=month, holiday_name="",
                                     status__in=[RosterStatus.APPROVED, RosterStatus.ISSUED])
               .values_list("team", flat=True))
    return sorted(teams - done)
