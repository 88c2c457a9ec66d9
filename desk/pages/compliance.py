"""The compliance view: for a project and period (this quarter by default, a month selectable), every
front-desk area's policy clauses beside their measured adherence, target, met/missed, the clause
and a link to the cases; with a print view."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _l

from core.errors import DomainError
from core.parsing import safe_date
from core.web.pages import current_project, refusal_page
from desk.selectors.visits_compliance import resolve_period, rows_by_area
from desk.services.visits import require_visits_reader

refused = refusal_page(_l("Compliance"))

AREA_LABELS = {"intake": _l("Front desk intake"), "repairs": _l("Repairs"), "paid": _l("Paid services"),
               "complaints": _l("Complaints"), "quality": _l("Quality checks"), "visits": _l("Return visits")}


def _context(request):
    project = current_project(request)
    require_visits_reader(request.user, project)
    try:
        day = safe_date(request.GET.get("date", "") or "")
    except ValueError:
        day = None
    kind, period = resolve_period(request.GET.get("period", "quarter"), day)
    areas = [{"name": name, "label": AREA_LABELS[name], "rows": rows}
             for name, rows in rows_by_area(project=project, period=period)]
    return {"project": project, "period": period, "period_kind": kind, "areas": areas,
            "date": (day or period.start).isoformat()}


def _page(request, template):
    try:
        context = _context(request)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, template, context)


@login_required
def compliance_page(request):
    return _page(request, "desk/compliance/compliance.html")


@login_required
def compliance_print(request):
    return _page(request, "paper/desk_visits_compliance.html")


urlpatterns = [
    path("compliance/", compliance_page, name="compliance"),
    path("compliance/print/", compliance_print, name="compliance-print"),
]
