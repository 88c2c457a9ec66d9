"""Builders of the staff-room tests, through the services."""
from __future__ import annotations

import datetime as dt

from core import clock

MORNING = dt.datetime(2026, 3, 10, 9, 30)  # a Tuesday


def at(day: dt.date | dt.datetime, hour: int = 9, minute: int = 30) -> dt.datetime:
    if isinstance(day, dt.datetime):
        day = day.date()
    return clock.at_beijing(day, dt.time(hour, minute))
