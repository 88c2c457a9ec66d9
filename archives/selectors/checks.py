"""Reads of the shelf checks: which checks are due and not done, open findings, a check's lines (ARCH-4, ARCH-11)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from archives.models import Finding, ShelfCheck, ShelfCheckLine, Volume
from archives.services.checks import period_of
from archives.states import CheckKind, FindingStatus
from core import clock, policies
from core.models import Project


@dataclass(frozen=True)
class Due:
    kind: str
    label: str
    period_start: dt.date
    period_end: dt.date
    remind: bool  # the reminders have begun
    overdue: bool  # the period is over and its check not done


def _done(project: Project, kind: str, start: dt.date) -> bool:
    return ShelfCheck.objects.filter(project=project, kind=kind, period_start=start, checked_at__isnull=False).exists()


def due(*, project: Project, today: dt.date | None = None) -> list[Due]:
    """The checks of the current periods not completed: this month's (reminded from the policy's day), this half
    year's personal files (reminded in its last month), and last year's full check (reminded from 1 January,
    overdue after the policy's month) — and the previous month's or half's if it was never done."""
    today = today or clock.today()
    out = []
    remind_day = int(policies.value("archives.checks.monthly_remind_day", project))
    start, end = period_of(CheckKind.MONTHLY, today)
    if not _done(project, CheckKind.MONTHLY, start):
        out.append(Due(CheckKind.MONTHLY, CheckKind.MONTHLY.label, start, end, today.day >= remind_day, False))
    last_start, last_end = period_of(CheckKind.MONTHLY, start - dt.timedelta(days=1))
    if not _done(project, CheckKind.MONTHLY, last_start) and _ever_kept(project, last_end):
        out.append(Due(CheckKind.MONTHLY, CheckKind.MONTHLY.label, last_start, last_end, True, True))
    start, end = period_of(CheckKind.CONFIDENTIAL, today)
    if not _done(project, CheckKind.CONFIDENTIAL, start) and _ever_kept(project, today, confidential=True):
        out.append(Due(CheckKind.CONFIDENTIAL, CheckKind.CONFIDENTIAL.label, start, end,
                       today.month in (6, 12), False))
    last_start, last_end = period_of(CheckKind.CONFIDENTIAL, start - dt.timedelta(days=1))
    if not _done(project, CheckKind.CONFIDENTIAL, last_start) and _ever_kept(project, last_end, confidential=True):
        out.append(Due(CheckKind.CONFIDENTIAL, CheckKind.CONFIDENTIAL.label, last_start, last_end, True, True))
    start, end = period_of(CheckKind.FULL, today)
    if not _done(project, CheckKind.FULL, start) and _ever_kept(project, end):
        by_month = int(policies.value("archives.checks.full_by_month", project))
        out.append(Due(CheckKind.FULL, CheckKind.FULL.label, start, end, True, today.month > by_month))
    return out


def _ever_kept(project: Project, by: dt.date, *, confidential: bool = False) -> bool:
    """The project had volumes (confidential ones) by then: a project that starts its archive today owes no
    check for the past."""
    qs = Volume.objects.filter(project=project, created_at__lt=clock.day_bounds(by)[1])
    return (qs.filter(category__confidential=True) if confidential else qs).exists()


def checks(*, project: Project) -> QuerySet[ShelfCheck]:
    return ShelfCheck.objects.filter(project=project).select_related("checked_by").order_by("-started_at", "-pk")


def lines(check: ShelfCheck) -> QuerySet[ShelfCheckLine]:
    return (check.lines.select_related("volume__category")
            .order_by("volume__room", "volume__cabinet", "volume__shelf", "volume__position"))


def open_findings(*, project: Project) -> QuerySet[Finding]:
    return (Finding.objects.filter(project=project, status=FindingStatus.OPEN)
            .select_related("volume__category", "line__check_record").order_by("opened_at", "pk"))
