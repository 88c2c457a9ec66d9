"""Factories for the roster area, built through the services so every object is a legal one."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from duty.models import Roster
from duty.services import roster as svc
from duty.services.roster import month_start, next_month


def far_month(months: int = 3) -> dt.date:
    """A month far enough ahead that its drafting deadline has not passed."""
    day = month_start(clock.today())
    for _ in range(months):
        day = next_month(day)
    return day


def draft(project, users, *, month: dt.date | None = None, team: str = "front_desk",
          people=("kefu1", "kefu2"), codes=("E", "L")) -> Roster:
    """A front-desk draft with each person on one shift every day of the month."""
    svc.ensure_default_patterns(project=project)
    roster = svc.create_draft(project=project, team=team, month=month or far_month(), drafted_by=users["kefu1"])
    cells = {}
    day = roster.period_start
    while day <= roster.period_end:
        for name, code in zip(people, codes):
            cells[(users[name].pk, day)] = code
        day += dt.timedelta(days=1)
    return svc.save_cells(roster=roster, actor=users["kefu1"], cells=cells)


def issue(roster: Roster, users) -> Roster:
    roster = svc.review_roster(roster=roster, reviewer=users["kfzg"])
    roster = svc.approve_roster(roster=roster, approver=users["jingli"])
    return svc.issue_roster(roster=roster, actor=users["kfzg"])


def issued(project, users, **kwargs) -> Roster:
    return issue(draft(project, users, **kwargs), users)


@pytest.fixture
def front_team(project, users):
    svc.ensure_default_patterns(project=project)
    return svc.set_team(project=project, team="front_desk", people=[users["kefu1"], users["kefu2"]],
                        actor=users["kfzg"])
