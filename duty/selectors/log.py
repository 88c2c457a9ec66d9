"""Reads of the duty log worth naming (DUTY-LOG-1, -3, -4, -6). Callers check the reader roles
(duty.services.log.require_log_reader) before showing any of this: the log is confidential."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock
from core.models import Project
from duty.models import DaySignoff, DutyEntry, DutyRound, EmergencyReport
from duty.states import SERIOUS, EntryStatus, SignoffKind


def open_entries(*, project: Project) -> QuerySet[DutyEntry]:
    """Events not yet resolved, oldest first: what a handover must pass on (HANDOVER-2)."""
    return DutyEntry.objects.filter(project=project, status=EntryStatus.OPEN).select_related("recorded_by")


def open_serious_entries(*, project: Project) -> QuerySet[DutyEntry]:
    """Major or emergency events still open: while any exists a shift may not be handed over (HANDOVER-5)."""
    return open_entries(project=project).filter(severity__in=SERIOUS)


def entries_of_day(*, project: Project, day: dt.date) -> QuerySet[DutyEntry]:
    """One day's pages of the log (DUTY-LOG-1)."""
    return (DutyEntry.objects.filter(project=project, day=day)
            .select_related("recorded_by", "resolved_by", "unit").order_by("recorded_at", "pk"))


def carried_over(*, project: Project, day: dt.date) -> QuerySet[DutyEntry]:
    """Still-open events written on earlier pages: carried to the top of this page (DUTY-LOG-1)."""
    return open_entries(project=project).filter(day__lt=day).order_by("day", "recorded_at", "pk")


def pages_of_day(*, project: Project, day: dt.date) -> list[dict]:
    """The day's entries grouped by shift, in the order the shifts began: each shift starts a new page."""
    pages: dict[str, dict] = {}
    for entry in entries_of_day(project=project, day=day):
        page = pages.setdefault(entry.shift_code, {"shift": entry.shift_code, "entries": [], "writers": []})
        page["entries"].append(entry)
        if entry.recorded_by not in page["writers"]:
            page["writers"].append(entry.recorded_by)
    return list(pages.values())


def entries_between(*, project: Project, start: dt.date, end: dt.date) -> QuerySet[DutyEntry]:
    return (DutyEntry.objects.filter(project=project, day__gte=start, day__lte=end)
            .select_related("recorded_by", "resolved_by", "unit").order_by("day", "recorded_at", "pk"))


def signoffs_of_day(*, project: Project, day: dt.date) -> dict[str, DaySignoff]:
    return {s.kind: s for s in DaySignoff.objects.filter(project=project, day=day).select_related("signed_by")}


def unsigned_days(*, project: Project, kind: str = SignoffKind.MANAGER_SIGNOFF, start: dt.date | None = None,
                  end: dt.date | None = None) -> list[dt.date]:
    """Days with entries but without the manager's signature (or supervisor's reading), newest first (DUTY-LOG-4)."""
    end = end or clock.today()
    start = start or end - dt.timedelta(days=31)
    days = set(DutyEntry.objects.filter(project=project, day__gte=start, day__lte=end)
               .values_list("day", flat=True))
    signed = set(DaySignoff.objects.filter(project=project, kind=kind, day__gte=start, day__lte=end)
                 .values_list("day", flat=True))
    return sorted(days - signed, reverse=True)


def emergency_reports(*, project: Project) -> QuerySet[EmergencyReport]:
    return (EmergencyReport.objects.filter(entry__project=project)
            .select_related("entry", "filled_by", "report_submitted_by", "report_received_by"))


def overdue_reports(*, project: Project) -> QuerySet[EmergencyReport]:
    """Written reports of major events past their next-day deadline and not submitted (DUTY-LOG-3)."""
    return emergency_reports(project=project).filter(report_submitted_at__isnull=True,
                                                     report_due_at__lt=clock.now()).order_by("report_due_at")


def pending_reports(*, project: Project) -> QuerySet[EmergencyReport]:
    return emergency_reports(project=project).filter(report_submitted_at__isnull=True).order_by("report_due_at")


def open_rounds(*, project: Project) -> QuerySet[DutyRound]:
    return DutyRound.objects.filter(project=project, finished_at__isnull=True).select_related("performed_by")


def recent_rounds(*, project: Project, limit: int = 30) -> QuerySet[DutyRound]:
    return DutyRound.objects.filter(project=project).select_related("performed_by").order_by("-started_at")[:limit]
