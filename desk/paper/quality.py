"""Print views and Excel of the quality-check area: 《质量检查记录》 of a month and the per-person
summary for the performance review; nonconformities to Excel (QUALITY-1, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.web.pages import current_project
from core.xlsx import xlsx_response
from desk.models import Nonconformity
from desk.pages.quality import month_of, refused
from desk.permissions import require_quality_reader
from desk.selectors import quality as selectors


def _guard(request):
    project = current_project(request)
    require_quality_reader(request.user, project)
    return project


@login_required
def print_month(request):
    try:
        project = _guard(request)
    except DomainError as exc:
        return refused(request, exc)
    period = month_of(request)
    return render(request, "paper/desk_quality_record.html", {
        "period": period, "checks": selectors.checks_between(project=project, start=period.start, end=period.end),
        "weeks": selectors.weeks(project=project, start=period.start, end=period.end)})


@login_required
def print_people(request):
    try:
        project = _guard(request)
    except DomainError as exc:
        return refused(request, exc)
    period = month_of(request)
    return render(request, "paper/desk_quality_people.html", {
        "period": period, "rows": selectors.person_summary(project=project, period=period)})


@login_required
def export_xlsx(request):
    try:
        project = _guard(request)
    except DomainError as exc:
        return refused(request, exc)
    period = month_of(request)
    qs = (Nonconformity.objects.filter(project=project, check_record__in=selectors.checks_between(
        project=project, start=period.start, end=period.end).values("pk"))
        .select_related("check_record__checked_by", "person", "closed_by").order_by("check_record__checked_at", "pk"))
    headers = [_("Serial"), _("Checked at"), _("Kind"), _("Checked by"), _("Checklist item"), _("Person responsible"),
               _("What was wrong"), _("Correction required"), _("Correct by"), _("Status"), _("Closed at"),
               _("Closure note")]
    rows = ((n.check_record.serial, n.check_record.checked_at, n.check_record.get_kind_display(),
             n.check_record.checked_by.display_name, n.item, n.person.display_name, n.description, n.correction,
             n.deadline, n.get_status_display(), n.closed_at, n.closure_note) for n in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"quality-{period.start:%Y%m}.xlsx", title=_("Quality check record"),
                         headers=headers, rows=rows, widths=[16, 16, 10, 10, 16, 10, 30, 30, 11, 8, 16, 20])


urlpatterns = [
    path("quality/print/", print_month, name="quality-print"),
    path("quality/people/print/", print_people, name="quality-people-print"),
    path("quality/export.xlsx", export_xlsx, name="quality-export"),
]
