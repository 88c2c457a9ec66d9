"""Builders of the safety tests, through the services (never the project's code mocked)."""
from __future__ import annotations

import datetime as dt

from core import clock
from safety.services import fire, patrols
from safety.states import RouteKind

# A Tuesday morning, Beijing time.
MORNING = dt.datetime(2026, 3, 10, 9, 30)
OFFICER, GUARD = "baz", "baoan1"
SIGNATURE = "data:image/png;base64," + "iVBORw0KGgo" + "A" * 240


def at(day: dt.date | dt.datetime, hour: int = 9, minute: int = 30) -> dt.datetime:
    if isinstance(day, dt.datetime):
        day = day.date()
    return clock.at_beijing(day, dt.time(hour, minute))


def cleared(project, users, *names: str) -> None:
    """These people passed the fire-safety test (FIRE-3)."""
    for name in names:
        fire.record_fire_test(project=project, examiner=users[OFFICER], person=users[name], score=90)


def route(project, users, *, kind=RouteKind.BUILDING, name="楼宇巡检", first_at=dt.time(9, 0), every=120,
          rounds=4, allowed=60, points=3, photo_at=()):
    return patrols.create_route(project=project, by=users[OFFICER], name=name, kind=kind, first_at=first_at,
                                interval_minutes=every, rounds_per_day=rounds, allowed_minutes=allowed,
                                checkpoints=[{"name": f"点{i}", "photo_required": i in photo_at}
                                             for i in range(1, points + 1)])
