"""Print views and Excel export of the duty log: 《值班记录表》 of a day, 《紧急情况处理登记表》, entries
of a date range to Excel (DUTY-LOG-1, DUTY-LOG-3, DUTY-LOG-4, CORE-10). Confidential like the log itself."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import attachments, clock
from core.errors import DomainError
from core.parsing import safe_date
from core.permissions import projects_for
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from duty.models import EmergencyReport
from duty.pages.log import _refused
from duty.selectors import log as selectors
from duty.services.log import require_log_reader
from duty.states import SignoffKind

MAX_EXPORT_DAYS = 366


@login_required
@checked_by(require_log_reader, _refused)
def day_sheet(request):
    """《值班记录表》: the day's entries by shift, signature lines for the duty staff, handover and manager."""
    project = current_project(request)
    day = safe_date(request.GET.get("day", "") or "") or clock.today()
    signoffs = selectors.signoffs_of_day(project=project, day=day)
    return render(request, "paper/duty_log_day.html", {
        "day": day, "pages": selectors.pages_of_day(project=project, day=day),
        "carried": selectors.carried_over(project=project, day=day),
        "manager": signoffs.get(SignoffKind.MANAGER_SIGNOFF), "reader": signoffs.get(SignoffKind.SUPERVISOR_READ),
    })


@login_required
def emergency_sheet(request, pk: int):
    """《紧急情况处理登记表》 of one major event with its photos listed."""
    report = get_object_or_404(EmergencyReport.objects.filter(entry__project__in=projects_for(request.user))
                               .select_related("entry__project", "entry__recorded_by", "filled_by"), entry_id=pk)
    try:
        require_log_reader(request.user, report.entry.project)
    except DomainError as exc:
        return _refused(request, exc)
    return render(request, "paper/duty_log_emergency.html", {
        "report": report, "entry": report.entry, "photos": attachments.attachments_of(report)})


def _range(request) -> tuple[dt.date, dt.date]:
    today = clock.today()
    end = safe_date(request.GET.get("to", "") or "") or today
    start = safe_date(request.GET.get("from", "") or "") or end.replace(day=1)
    if start > end:
        start, end = end, start
    return max(start, end - dt.timedelta(days=MAX_EXPORT_DAYS)), end


@login_required
@checked_by(require_log_reader, _refused)
def export_xlsx(request):
    """The entries of a date range as one sheet (CORE-10)."""
    project = current_project(request)
    start, end = _range(request)
    qs = selectors.entries_between(project=project, start=start, end=end)
    headers = [_("Serial"), _("Date"), _("Shift"), _("Kind"), _("Severity"), _("Time of the event"), _("Recorded at"),
               _("Recorded by"), _("Place"), _("People involved"), _("What happened"), _("How it was handled"),
               _("Final result"), _("Status"), _("Resolved at"), _("Resolved by")]
    rows = ((e.serial, e.day, e.shift_code, e.get_kind_display(), e.get_severity_display(), e.occurred_at,
             e.recorded_at, e.recorded_by.display_name, e.location, e.people, e.what_happened, e.handling, e.result,
             e.get_status_display(), e.resolved_at, e.resolved_by.display_name if e.resolved_by else "")
            for e in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"duty-log-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title=_("Duty log"),
                         headers=headers, rows=rows, widths=[18, 11, 8, 12, 8, 16, 16, 10, 14, 14, 40, 30, 30, 8, 16, 10])


urlpatterns = [
    path("log/print/", day_sheet, name="log-print"),
    path("log/entries/<id:pk>/emergency/print/", emergency_sheet, name="log-emergency-print"),
    path("log/export.xlsx", export_xlsx, name="log-export"),
]
