"""The compliance view (VISIT, and every front-desk area): each area's rows for a project and period."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Project
from desk.compliance import ComplianceRow, Period
from desk.selectors import complaints, intake, paid, quality, repairs, visits
from desk.selectors.visits_periods import period_for

AREAS = (("intake", intake), ("repairs", repairs), ("paid", paid), ("complaints", complaints),
         ("quality", quality), ("visits", visits))
PERIODS = ("quarter", "month")


def resolve_period(kind: str = "quarter", day: dt.date | None = None) -> tuple[str, Period]:
    kind = kind if kind in PERIODS else "quarter"
    return kind, period_for(kind, day or clock.today())


def rows_by_area(*, project: Project, period: Period) -> list[tuple[str, list[ComplianceRow]]]:
    """Every area's rows, in the order of the front desk."""
    result = []
    for name, module in AREAS:
        rows = list(module.compliance(project=project, period=period))
        result.append((name, rows))
    return result
