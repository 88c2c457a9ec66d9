"""Factories for the attendance tests: issued rosters made directly with the ORM, and a server clock that can be set."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core import clock
from duty.models import Roster, RosterAssignment, ShiftPattern
from duty.states import RosterStatus

DAY = dt.date(2026, 3, 10)  # a Tuesday in a past month, far from the test run's own "today"

SHIFTS = {"E": ("早班", dt.time(7, 30), dt.time(15, 30)), "L": ("晚班", dt.time(12, 0), dt.time(20, 0)),
          "N": ("夜班", dt.time(22, 0), dt.time(6, 0))}


def beijing(day: dt.date, hh: int, mm: int = 0, ss: int = 0) -> dt.datetime:
    return clock.at_beijing(day, dt.time(hh, mm, ss))


def pattern(project, code: str) -> ShiftPattern:
    name, starts, ends = SHIFTS[code]
    return ShiftPattern.objects.get_or_create(project=project, code=code, defaults={
        "team": "front_desk", "name": name, "starts": starts, "ends": ends})[0]


def roster_with(project, users, cells: list[tuple[str, dt.date, str]], *,
                status: str = RosterStatus.ISSUED) -> Roster:
    """A roster for the month of the first cell, with (username, day, shift code) assignments."""
    month = cells[0][1].replace(day=1)
    roster, _ = Roster.objects.get_or_create(
        project=project, team="front_desk", period_start=month, holiday_name="", version=1,
        defaults={"month": month, "period_end": month.replace(day=28), "status": status,
                  "drafted_by": users["kfzg"], "drafted_at": timezone.now()})
    for name, day, code in cells:
        RosterAssignment.objects.create(roster=roster, day=day, shift=pattern(project, code), person=users[name])
    return roster


