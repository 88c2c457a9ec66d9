"""Reads of the visits area."""
from __future__ import annotations

from core.models import Project
from desk.compliance import ComplianceRow, Period


def compliance(*, project: Project, period: Period) -> list[ComplianceRow]:
    """This area's policy clauses beside their measured adherence over `period` (compliance view)."""
    return []
