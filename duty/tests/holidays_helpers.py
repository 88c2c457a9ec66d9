"""Fixtures for the holidays tests: the calendar loaded, a server clock that can be set, a preparation."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.models import Unit
from duty.services import holidays as svc
from duty.services.holidays_calendar import load_from_package

# 2026 National Day: 10-01..10-07 off, make-up workdays 09-20 (Sun) and 10-10 (Sat) — from the package.
NATIONAL_DAY = dt.date(2026, 10, 1)
# 2026 Dragon Boat: 06-19 (Fri)..06-21 — a one-day statutory holiday with a weekend.
DRAGON_BOAT = dt.date(2026, 6, 19)


def at(day: dt.date, hh: int = 10, mm: int = 0) -> dt.datetime:
    return clock.at_beijing(day, dt.time(hh, mm))


@pytest.fixture
def calendar_2026(db):
    load_from_package(year=2026)




def unit_of(project, number: str = "1201") -> Unit:
    return Unit.objects.filter(project=project).order_by("building__code", "floor", "number").filter(
        number__endswith=number[-2:]).first()


@pytest.fixture
def national_day_prep(calendar_2026, project, users, travel):
    travel(at(NATIONAL_DAY - dt.timedelta(days=10)))
    return svc.open_prep(project=project, opened_by=users["kefu1"], start=NATIONAL_DAY)


@pytest.fixture
def household(project, users, travel):
    travel(at(NATIONAL_DAY - dt.timedelta(days=10)))
    return svc.register_household(project=project, registered_by=users["kefu1"], unit=unit_of(project),
                                  contact_name="王业主", contact_phone="13812345678", contractor="美家装饰",
                                  starts=dt.date(2026, 9, 1), ends=dt.date(2026, 12, 31))
