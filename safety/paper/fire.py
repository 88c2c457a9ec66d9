"""Print views (A4) and Excel of fire safety: 防火检查记录 (the monthly inspection with its signature),
隐患整改通知书 (a hazard's rectification notice), 消防设施测试记录 (the equipment tests of a month); the hazard
register, the month's equipment tests and the monthly inspections in Excel (CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.parsing import safe_int
from core.permissions import restrict
from core.web import paper
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from safety.models import Hazard, Inspection
from safety.pages.common import refused
from safety.permissions import require_reader
from safety.selectors import fire as selectors


@login_required
def inspection_print(request, pk: int):
    inspection = get_object_or_404(restrict(Inspection.objects, request.user).select_related("inspected_by"), pk=pk)
    cut = paper.cut(Hazard.objects.filter(project=inspection.project, source="inspection",
                                          found_at__date__gte=inspection.month,
                                          found_by=inspection.inspected_by).order_by("number"), 500)
    return render(request, "paper/safety_inspection.html", {
        "i": inspection, "signatures": signatures.signatures_of(inspection), "hazards": cut.rows, "cut": cut})


@login_required
def hazard_print(request, pk: int):
    hazard = get_object_or_404(restrict(Hazard.objects, request.user).select_related("project", "found_by",
                                                                                      "rectified_by", "closed_by"),
                               pk=pk)
    return render(request, "paper/safety_hazard_notice.html", {"h": hazard})


def _month(request) -> tuple[int, int]:
    today = clock.today()
    return (safe_int(request.GET.get("year"), today.year, low=2000, high=2999),
            safe_int(request.GET.get("month"), today.month, low=1, high=12))


def _tests_of_month(request, year: int, month: int):
    return selectors.tests(project=current_project(request)).filter(due_on__year=year, due_on__month=month)


def _when(moment) -> str:
    return clock.beijing(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@login_required
@checked_by(require_reader, refused)
def tests_print(request):
    year, month = _month(request)
    return render(request, "paper/safety_tests.html", {"rows": _tests_of_month(request, year, month), "year": year,
                                                       "month": month})


@login_required
@checked_by(require_reader, refused)
def tests_export(request):
    """消防设施测试记录 of a month in Excel (FIRE-2): the same rows as the print view, in words."""
    year, month = _month(request)
    rows = ([t.equipment.label, t.equipment.get_kind_display(), t.equipment.location, t.due_on.isoformat(),
             _when(t.tested_at), t.passed, t.result,
             t.get_status_display(), t.tested_by.display_name if t.tested_by else ""]
            for t in _tests_of_month(request, year, month).iterator(chunk_size=2000))
    return xlsx_response(filename=f"fire-equipment-tests-{year}-{month:02d}.xlsx",
                         title=_("Fire equipment tests"), rows=rows,
                         headers=[_("Equipment"), _("Kind"), _("Location"), _("Due on"), _("Tested at"), _("Passed"),
                                  _("Result"), _("Status"), _("Tested by")],
                         widths=[20, 14, 24, 12, 16, 8, 30, 10, 12])


@login_required
@checked_by(require_reader, refused)
def inspections_export(request):
    """The monthly fire inspections (防火检查记录, FIRE-1) in Excel: number, month, inspector, areas, findings."""
    rows = ([i.number, i.month.strftime("%Y-%m"), _when(i.inspected_at), i.inspected_by.display_name, i.areas,
             i.findings]
            for i in Inspection.objects.filter(project=current_project(request)).select_related("inspected_by")
            .order_by("-month").iterator(chunk_size=2000))
    return xlsx_response(filename="fire-inspections.xlsx", title=_("Monthly fire inspection"), rows=rows,
                         headers=[_("Record number"), _("Month"), _("Inspected at"), _("Inspector"),
                                  _("Areas inspected"), _("Findings")],
                         widths=[16, 10, 16, 12, 30, 40])


@login_required
@checked_by(require_reader, refused)
def hazards_export(request):
    rows = ([h.number, h.get_source_display(), h.location, h.description, h.found_at and
             clock.beijing(h.found_at).strftime("%Y-%m-%d %H:%M"), h.deadline.isoformat(), h.get_status_display(),
             h.order_number, h.reply_due.isoformat() if h.reply_due else "",
             clock.beijing(h.replied_at).strftime("%Y-%m-%d") if h.replied_at else "", h.plan]
            for h in selectors.hazards(project=current_project(request)).iterator(chunk_size=2000))
    return xlsx_response(filename="fire-hazards.xlsx", title=_("Fire hazards"), rows=rows,
                         headers=[_("Notice number"), _("Found by"), _("Location"), _("Hazard"), _("Found at"),
                                  _("Rectify by"), _("Status"), _("Authority's order"), _("Written reply due"),
                                  _("Replied on"), _("Plan reported upward")],
                         widths=[16, 12, 20, 30, 16, 12, 14, 16, 12, 12, 30])


urlpatterns = [
    path("inspections/<id:pk>/print/", inspection_print, name="inspection-print"),
    path("hazards/<id:pk>/notice/", hazard_print, name="hazard-notice"),
    path("tests/print/", tests_print, name="tests-print"),
    path("hazards/export/", hazards_export, name="hazards-export"),
    path("tests/export/", tests_export, name="tests-export"),
    path("inspections/export/", inspections_export, name="inspections-export"),
]
