"""The test clock: every test runs at an instant it names, never at whatever day the suite happens to run.

Two levers, both on core.clock's source (time-machine moves the process clock, so Django's timezone.now,
datetime.now and time.time agree):

- `travel(moment)` (a fixture): the server clock reads `moment` from then on, frozen, for the rest of the test.
- PROPDESK_TEST_NOW (an ISO instant, e.g. "2027-01-01T00:05+08:00"): every test *starts* at that instant and
  the clock ticks from there. `make test-dates` runs the suite at the hard instants (HARD_INSTANTS) this way,
  so a test or a product rule that quietly assumes "not the 1st", "not a quarter's end" or "not 31 December"
  fails where it can be seen.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine

ENV = "PROPDESK_TEST_NOW"

# The instants `make test-dates` runs the suite at, in Beijing time (named as in the Makefile).
HARD_INSTANTS = {
    "month-start": "2027-01-01T00:05:00+08:00",  # the 1st of a month, just after midnight (also a new year)
    "quarter-end": "2027-03-31T23:55:00+08:00",  # the last minutes of a quarter
    "year-end": "2027-12-31T23:30:00+08:00",  # 31 December, late evening
    "makeup-sunday": "2026-09-20T09:00:00+08:00",  # a 调休 working Sunday (before National Day 2026)
    "leap-day": "2028-02-29T10:00:00+08:00",  # 29 February of a leap year
}


def instant_from_env() -> dt.datetime | None:
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    raw = HARD_INSTANTS.get(raw, raw)
    moment = dt.datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise pytest.UsageError(f"{ENV} must carry a UTC offset, e.g. 2027-01-01T00:05+08:00 (got {raw!r})")
    return moment


@pytest.fixture(autouse=True)
def _suite_instant() -> Iterator[None]:
    """Under PROPDESK_TEST_NOW each test starts at that instant (ticking); otherwise nothing changes."""
    moment = instant_from_env()
    if moment is None:
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def travel() -> Iterator:
    """travel(datetime) → the server clock reads that moment (frozen) until the test ends; returns it."""
    traveller: list = []

    def set_to(moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise ValueError("travel() needs an aware datetime (use core.clock.at_beijing)")
        if traveller:
            traveller[-1].stop()
        traveller.append(time_machine.travel(moment, tick=False))
        traveller[-1].start()
        return moment

    yield set_to
    if traveller:
        traveller[-1].stop()
