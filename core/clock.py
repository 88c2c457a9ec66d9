"""Server time, stored in UTC, shown in Beijing time (CORE-4). Nobody types "now"."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

BEIJING = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """The only source of a record's time."""
    return timezone.now()


def beijing(value: dt.datetime) -> dt.datetime:
    return value.astimezone(BEIJING)


def today() -> dt.date:
    """Today's date in Beijing, whatever the server's own zone."""
    return beijing(now()).date()


def at_beijing(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=BEIJING)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = at_beijing(day, dt.time(0, 0))
    return start, start + dt.timedelta(days=1)


def parse_hhmm(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))
