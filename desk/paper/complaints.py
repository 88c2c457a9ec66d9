"""Print views and Excel of the complaints area: 《业主投诉记录表》 (one complaint, or the register of a
period), the statistics/summaries with charts, the register to Excel (COMPLAINT-2, CORE-10)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError, NotAllowed
from core.parsing import safe_date
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.compliance import Period
from desk.pages.complaints import _period, charts, my_complaint, my_summary, refused
from desk.permissions import require_complaint_reader, shown_complaint_phone
from desk.selectors import complaints as selectors
from desk.services import complaints as svc

MAX_DAYS = 366


def _range(request) -> Period:
    today = clock.today()
    end = safe_date(request.GET.get("to")) or today
    start = safe_date(request.GET.get("from")) or end.replace(day=1)
    if start > end:
        start, end = end, start
    return Period(max(start, end - dt.timedelta(days=MAX_DAYS)), end)


@login_required
def print_one(request, pk: int):
    """《业主投诉记录表》 of one complaint with signature lines for the desk, the department and the supervisor."""
    complaint = my_complaint(request, pk)
    if not svc.may_see(request.user, complaint):
        return refused(request, NotAllowed(_("Your role may not read this complaint."), code="role_not_allowed",
                                           rule="COMPLAINT-2"))
    return render(request, "paper/desk_complaints_record.html",
                  {"c": complaint, "phone": shown_complaint_phone(request.user, complaint)})


@login_required
@checked_by(require_complaint_reader, refused)
def print_register(request):
    """The register of a period (default: this month), numbered and filed."""
    project = current_project(request)
    period = _range(request)
    rows = [{"c": c, "phone": shown_complaint_phone(request.user, c)}
            for c in selectors.in_period(project=project, period=period).order_by("serial")]
    return render(request, "paper/desk_complaints_register.html", {"period": period, "rows": rows})


@login_required
@checked_by(require_complaint_reader, refused)
def print_stats(request):
    project = current_project(request)
    kind, _day, period = _period(request)
    figures = selectors.summary_figures(project=project, kind=kind, period=period)
    return render(request, "paper/desk_complaints_summary.html", {"f": figures, "charts": charts(figures),
                                                                  "kind": kind, "s": None})


@login_required
def print_summary(request, pk: int):
    try:
        summary = my_summary(request, pk)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_complaints_summary.html", {
        "f": summary.figures, "charts": charts(summary.figures), "kind": summary.kind, "s": summary})


@login_required
@checked_by(require_complaint_reader, refused)
def export_xlsx(request):
    project = current_project(request)
    period = _range(request)
    qs = selectors.in_period(project=project, period=period).select_related(
        "unit__building", "registered_by", "handled_by", "closed_by").order_by("serial")
    headers = [_("Serial"), _("Registered at"), _("Complainant"), _("Phone"), _("Unit"), _("Channel"), _("Subject"),
               _("Responsible department"), _("VIP"), _("Major"), _("Content"), _("Status"), _("Sent at"),
               _("Handling and result"), _("Handled at"), _("Desk follow-up"), _("Closed at"), _("Registered by")]
    rows = ((c.serial, c.registered_at, c.person_name, shown_complaint_phone(request.user, c), c.unit.label if c.unit else "",
             c.get_channel_display(), c.subject, c.get_department_display(), _("yes") if c.is_vip else "",
             _("yes") if c.major else "", c.content, c.get_status_display(), c.sent_at, c.handling, c.handled_at,
             c.follow_up, c.closed_at, c.registered_by.display_name) for c in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"complaints-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
                         title=_("Complaint register"), headers=headers, rows=rows,
                         widths=[14, 16, 10, 14, 8, 8, 10, 10, 5, 5, 40, 8, 16, 30, 16, 30, 16, 10])


urlpatterns = [
    path("complaints/print/", print_register, name="complaints-print"),
    path("complaints/<id:pk>/print/", print_one, name="complaints-print-one"),
    path("complaints/statistics/print/", print_stats, name="complaints-stats-print"),
    path("complaints/summaries/<id:pk>/print/", print_summary, name="complaints-summary-print"),
    path("complaints/export.xlsx", export_xlsx, name="complaints-export"),
]
