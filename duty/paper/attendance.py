"""Monthly attendance report: print view with the clerk's and supervisor's signature lines, and Excel (ATTEND-1)."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.web.pages import current_project, page_requires
from core.xlsx import xlsx_response
from duty.pages.attendance import parse_month, report_context
from duty.permissions import read_attendance_reports

# The clerk who prepares it, the supervisor, and the HR department it goes to (ATTEND-1).
reader = page_requires(read_attendance_reports, rule="ATTEND-1", title=gettext_lazy("Attendance"))
COLUMNS = ("rostered", "worked", "late", "late_minutes", "early_leave", "absent", "leave_of_post")


def _context(request, month: str) -> dict:
    return report_context(current_project(request), parse_month(month))


@reader
def report_print(request, month: str):
    return render(request, "paper/duty_attendance_report.html", _context(request, month))


@reader
def report_xlsx(request, month: str):
    context = _context(request, month)
    headers = [_("Name"), _("Shifts rostered"), _("Worked"), _("Late arrivals"), _("Minutes late"),
               _("Early leaves"), _("Absences"), _("Left the post without approval")]
    rows = [[f["name"]] + [f[c] for c in COLUMNS] for f in context["figures"]]
    report = context["report"]
    rows.append([])
    rows.append([_("Due on"), context["due_on"], _("Status"), report.get_status_display() if report else "",
                 _("Submitted late"), bool(report and report.submitted_late),
                 _("Prepared by"), report.prepared_by.display_name if report else ""])
    return xlsx_response(filename=f"attendance-{context['project'].code}-{month}.xlsx",
                         title=f"{_('Attendance')} {month}", headers=headers, rows=rows,
                         widths=[14, 10, 10, 10, 10, 10, 10, 14])


urlpatterns = [
    path("attendance/reports/<str:month>/print/", report_print, name="attendance-report-print"),
    path("attendance/reports/<str:month>/export.xlsx", report_xlsx, name="attendance-report-export"),
]
