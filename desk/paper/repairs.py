"""Print views and Excel export of repairs: the 《工作任务单》 in three labelled copies — resident,
engineering, customer service (REPAIR-4) — and the 《住户报修记录表》 register, printed by period and building
(A4 landscape, or a PDF of the whole) and to Excel (CORE-10)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.parsing import safe_date
from core.signatures import signatures_of
from core.web import paper
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.pages.repairs import my_repair, refused
from desk.permissions import require_repairs_viewer
from desk.selectors import repairs as selectors


def copies() -> list[str]:
    """003 篇5 §4.1.3.1 c: first copy to the resident (or reporting department), second engineering, third CS."""
    return [_("Copy 1 — resident / reporting department"), _("Copy 2 — engineering"),
            _("Copy 3 — customer service")]


@login_required
def slip_sheet(request, pk: int):
    from django.shortcuts import render

    repair = my_repair(request, pk)
    try:
        require_repairs_viewer(request.user, repair.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_repairs_slip.html", {"r": repair, "copies": copies(),
                                                            "signatures": signatures_of(repair)})


REGISTER_LIMIT = 1000  # rows of a printed register; beyond it the page says so and offers parts or the PDF


def _period(request) -> tuple[dt.date, dt.date]:
    end = safe_date(request.GET.get("to", "") or "") or clock.today()
    start = safe_date(request.GET.get("from", "") or "") or end.replace(day=1)
    return (end, start) if start > end else (start, end)


@login_required
@checked_by(require_repairs_viewer, refused)
def register_print(request):
    """《住户报修记录表》 for a period (this month by default), one building or all; the resident's signature column."""
    project = current_project(request)
    start, end = _period(request)
    qs = (selectors.filtered(project=project, status=request.GET.get("status", "all"))
          .filter(reported_at__gte=clock.day_bounds(start)[0], reported_at__lt=clock.day_bounds(end)[1])
          .select_related("unit__building", "technician", "completed_by").order_by("reported_at", "pk"))
    building = paper.chosen_building(request, project)
    if building:
        qs = qs.filter(unit__building=building)
    cut = paper.cut(qs, REGISTER_LIMIT, request)
    return paper.paper(request, "paper/desk_repairs_register.html", {
        "rows": cut.rows, "cut": cut, "start": start, "end": end,
        **paper.choices(request, project, dates=(start, end), buildings=True)},
        pdf_name=f"repairs-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


@login_required
@checked_by(require_repairs_viewer, refused)
def export_xlsx(request):
    project = current_project(request)
    qs = selectors.filtered(project=project, status=request.GET.get("status", "all"))
    headers = [_("Report number"), _("Slip number"), _("Reported at"), _("Name"), _("Phone"), _("Place"),
               _("Category"), _("Content"), _("Appointment"), _("Status"), _("Slip issued at"), _("Set out by"),
               _("Set out at"), _("Technician"), _("Completed at"), _("Work done"), _("Signed by"), _("Signed at")]
    rows = ((r.serial, r.slip_number, r.reported_at, r.person_name, r.phone, r.place, r.category, r.content,
             r.appointment_at, r.get_status_display(), r.dispatched_at, r.due_at, r.set_out_at,
             r.technician.display_name if r.technician else "", r.completed_at, r.work_done, r.signer_name,
             r.signed_at) for r in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="repairs.xlsx", title=_("Resident repair record"), headers=headers, rows=rows,
                         widths=[16, 16, 16, 10, 13, 14, 8, 40, 16, 10, 16, 16, 16, 10, 16, 30, 10, 16])


urlpatterns = [
    path("repairs/<id:pk>/print/", slip_sheet, name="repairs-print"),
    path("repairs/export.xlsx", export_xlsx, name="repairs-export"),
    path("repairs/register/print/", register_print, name="repairs-register-print"),
]
