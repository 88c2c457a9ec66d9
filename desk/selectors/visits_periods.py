"""Periods of the return-visit area and the compliance view: quarters (filing, analysis) and months."""
from __future__ import annotations

import datetime as dt

from core import clock
from desk.compliance import Period


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_period(year: int, quarter: int) -> Period:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return Period(start, _next_month_start(start, 3) - dt.timedelta(days=1))


def month_period(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period(start, _next_month_start(start, 1) - dt.timedelta(days=1))


def period_for(kind: str, day: dt.date) -> Period:
    return month_period(day) if kind == "month" else quarter_period(*quarter_of(day))


def filing_due(year: int, quarter: int, day_of_month: int) -> dt.date:
    """The Nth day of the month after the quarter (VISIT-7: 下一季度10日前)."""
    return _next_month_start(quarter_period(year, quarter).start, 3).replace(day=day_of_month)


def bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """UTC-aware [start, end) of a Beijing-date period."""
    return clock.day_bounds(period.start)[0], clock.day_bounds(period.end)[1]


def _next_month_start(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
