"""Print views and Excel of return visits: 《回访记录表》 of one visit (numbered, signature lines for
the visitor, the resident and the supervisor), the list, the quarterly analysis (VISIT-4, -6, -7)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core import signatures
from core.errors import DomainError
from core.labels import record_number
from core.parsing import is_int
from core.web import paper
from core.web.pages import current_project
from core.xlsx import xlsx_response
from desk.models import Satisfaction, VisitAnalysis
from desk.pages.visits import my_visit, refused
from desk.permissions import shown_visit_phone
from desk.selectors import visits as selectors
from desk.selectors.visits_analysis import analysis_figures
from desk.services import visits as svc

MAX_ROWS = 5000


@login_required
def print_one(request, pk: int):
    visit = my_visit(request, pk)
    try:
        svc.require_visits_reader(request.user, visit.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_visits_record.html", {
        "v": visit, "c": visit.closure, "phone": shown_visit_phone(request.user, visit),
        "signatures": signatures.signatures_of(visit), "satisfactions": Satisfaction.choices})


def _listing(request):
    project = current_project(request)
    svc.require_visits_reader(request.user, project)
    show = request.GET.get("show", "all")
    who = request.GET.get("assignee", "")
    assignee_id = request.user.pk if who == "me" else (int(who) if is_int(who) else None)
    return selectors.listing(project=project, show=show if show in selectors.SHOWS else "all",
                             assignee_id=assignee_id, kind=request.GET.get("kind", ""))


@login_required
def print_list(request):
    try:
        qs = _listing(request)
    except DomainError as exc:
        return refused(request, exc)
    cut = paper.cut(qs, MAX_ROWS)
    return render(request, "paper/desk_visits_register.html",
                  {"cut": cut, "rows": [{"v": v, "phone": shown_visit_phone(request.user, v)} for v in cut.rows]})


@login_required
def export_xlsx(request):
    try:
        qs = _listing(request)
    except DomainError as exc:
        return refused(request, exc)
    headers = [_("Number"), _("Kind"), _("Matter number"), _("Resident"), _("Phone"), _("Unit"), _("Subject"),
               _("Window opens"), _("Due by"), _("Visitor"), _("With"), _("Status"), _("Method"), _("Visited at"),
               _("Quality"), _("Effect of the service"), _("Satisfaction"), _("Shortcomings"), _("Suggestions"),
               _("Confirmed by"), _("Supervisor's opinion"), _("Reviewed at"), _("Complaint opened")]
    rows = ((v.number, v.closure.get_kind_display(), v.closure.source_number, v.closure.person,
             shown_visit_phone(request.user, v), v.closure.unit.label if v.closure.unit else "", v.closure.subject,
             v.window_start, v.due_at, v.assignee.display_name if v.assignee else "",
             v.co_assignee.display_name if v.co_assignee else "", v.get_status_display(), v.get_method_display(),
             v.visited_at, v.quality, v.effect, v.get_satisfaction_display(), v.shortcomings, v.suggestions,
             v.confirmed_by_name, v.review_opinion, v.reviewed_at, record_number(v.complaint_ref))
            for v in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="return-visits.xlsx", title=_("Return visit records"), headers=headers, rows=rows,
                         widths=[14, 10, 14, 10, 14, 8, 16, 16, 16, 10, 10, 10, 8, 16, 20, 20, 8, 20, 20, 10, 20, 16, 14])


@login_required
def print_analysis(request, year: int, quarter: int):
    project = current_project(request)
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    try:
        svc.require_visits_reader(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    analysis = VisitAnalysis.objects.filter(project=project, year=year, quarter=quarter).first()
    figures = analysis.figures if analysis else analysis_figures(project=project, year=year, quarter=quarter)
    return render(request, "paper/desk_visits_analysis.html",
                  {"year": year, "quarter": quarter, "analysis": analysis, "figures": figures})


urlpatterns = [
    path("visits/<id:pk>/print/", print_one, name="visits-print"),
    path("visits/print/", print_list, name="visits-print-list"),
    path("visits/export.xlsx", export_xlsx, name="visits-export"),
    path("visits/analysis/<id:year>/<id:quarter>/print/", print_analysis, name="visits-analysis-print"),
]
