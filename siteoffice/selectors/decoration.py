"""Reads of decoration worth naming: the households under decoration over a period (for the duty desk's holiday
calls, HOLIDAY-1), those in a zone (组团), permits running out, violations past their deadline (DECOR-1, DECOR-2)."""
from __future__ import annotations

import datetime as dt

from core import clock, policies
from siteoffice.models import Decoration, Violation
from siteoffice.states import DecorationStatus, ViolationStatus


def decorations(*, project):
    return Decoration.objects.filter(project=project).select_related("unit__building", "applied_by")


def under_decoration(*, project, start: dt.date, end: dt.date | None = None):
    """Permitted decorations whose period overlaps [start, end]."""
    return (decorations(project=project).filter(status=DecorationStatus.PERMITTED, starts__lte=end or start,
                                                ends__gte=start)
            .order_by("unit__building__code", "unit__floor", "unit__number"))


def in_zone(*, project, zone: str, day: dt.date):
    return under_decoration(project=project, start=day).filter(unit__building__zone=zone)


def zones(*, project) -> list[str]:
    from core.models import Building

    return sorted({z for z in Building.objects.filter(project=project).values_list("zone", flat=True) if z})


def permits_expiring(*, project, today: dt.date | None = None):
    today = today or clock.today()
    warn = int(policies.value("siteoffice.decoration.permit_warn_days", project))
    return decorations(project=project).filter(status=DecorationStatus.PERMITTED,
                                               ends__lte=today + dt.timedelta(days=warn)).order_by("ends")


def violations(*, project):
    return Violation.objects.filter(project=project).select_related("decoration__unit__building", "found_by")


def violations_overdue(*, project, today: dt.date | None = None):
    today = today or clock.today()
    return violations(project=project).filter(status=ViolationStatus.OPEN, deadline__lt=today).order_by("deadline")
