"""Statutory-holiday rosters: duty rotates through the team, daily over the long holidays (ROSTER-4)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import DomainError
from core.models import Project, User
from duty.models import Roster, RosterAssignment, ShiftPattern
from duty.selectors.holidays import upcoming_holidays as holiday_periods
from duty.services.roster import _create, _require_policy_role, month_start, team_people
from duty.states import RosterStatus


def holiday_pattern(*, project: Project, team: str) -> ShiftPattern | None:
    qs = ShiftPattern.objects.filter(project=project, is_holiday=True, active=True)
    return qs.filter(team=team).first() or qs.first()


def is_daily_rotation(project: Project, holiday_name: str) -> bool:
    names = [n.lower() for n in policies.value("duty.roster.daily_rotation_holidays", project)]
    return holiday_name.strip().lower() in names


def last_holiday_person(*, project: Project, team: str, before: dt.date) -> int | None:
    """Who worked the last day of the latest earlier holiday roster that was issued (or later withdrawn for a
    revision: the newest version counts)."""
    previous = (Roster.objects.filter(project=project, team=team, period_start__lt=before, status=RosterStatus.ISSUED)
                .exclude(holiday_name="").order_by("-period_start").first())
    if previous is None:
        return None
    last = previous.assignments.order_by("-day", "-shift__starts").first()
    return last.person_id if last else None


def rotation(*, project: Project, team: str, holiday_name: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, User]]:
    """Day → person: the one after last holiday's person in team order (A this holiday, B the next); over
    Spring Festival and National Day each day goes to the next person (003 篇7 §2.2)."""
    people = team_people(project=project, team=team)
    if not people:
        raise DomainError(_("The team has nobody in its rota yet."), code="empty_team", rule="ROSTER-4")
    last = last_holiday_person(project=project, team=team, before=start)
    ids = [p.pk for p in people]
    index = (ids.index(last) + 1) % len(people) if last in ids else 0
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    if is_daily_rotation(project, holiday_name):
        return [(day, people[(index + n) % len(people)]) for n, day in enumerate(days)]
    return [(day, people[index]) for day in days]


@audit.atomic()
def create_holiday_roster(*, project: Project, holiday_name: str, start: dt.date | None, end: dt.date | None,
                          drafted_by: User,
                          team: str | None = None) -> Roster:
    """Draft the roster of one statutory holiday with the rotation filled in; it then goes through review,
    approval and issue like a monthly roster, and must reach HR a week ahead (ROSTER-4)."""
    _require_policy_role(drafted_by, project, "duty.roster.drafter_roles", rule="ROSTER-4",
                         message=_("Your role does not allow drafting rosters."))
    holiday_name = limits.fit(Roster, "holiday_name", holiday_name, required=True, rule="ROSTER-4", label=_("holiday"))
    if start is None or end is None or end < start or (end - start).days > 14:
        raise DomainError(_("The holiday's dates are not valid."), code="invalid_period", rule="ROSTER-4")
    team = team or policies.value("duty.roster.holiday_team", project)
    shift = holiday_pattern(project=project, team=team)
    if shift is None:
        raise DomainError(_("This team has no shift patterns yet."), code="no_patterns", rule="ROSTER-1")
    plan = rotation(project=project, team=team, holiday_name=holiday_name, start=start, end=end)
    deadline = start - dt.timedelta(days=int(policies.value("duty.roster.holiday_notice_days", project)))
    roster = _create(project=project, team=team, month=month_start(start), start=start, end=end,
                     drafted_by=drafted_by, holiday_name=holiday_name, late=clock.today() > deadline)
    RosterAssignment.objects.bulk_create([RosterAssignment(roster=roster, day=day, shift=shift, person=person)
                                          for day, person in plan])
    audit.record(actor=drafted_by, action="duty.roster.holiday_drafted", target=roster, project=project,
                 data={"holiday": holiday_name, "start": start, "end": end,
                       "rotation": [(day, person.pk) for day, person in plan]})
    return roster


def upcoming_holidays(project: Project) -> list[dict]:
    """The holiday calendar's periods not yet over, as {name, start, end} (the holidays area of this room)."""
    return [{"name": period.name, "start": period.start, "end": period.end}
            for period in holiday_periods(project=project) if period.name]
