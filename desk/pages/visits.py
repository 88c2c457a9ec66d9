"""Pages of return visits: lists (due now, overdue, by assignee), the visit form CS staff phone residents
from (390 px), review, closures of kinds without their own module, quarterly filing and analysis
(VISIT-1..7)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit, clock, policies, signatures
from core.errors import DomainError
from core.masking import mask_phone
from core.models import Unit
from core.parsing import is_int
from core.permissions import has_role, restrict, staff_with_roles
from core.web.pages import attempt, checked_by, current_project, refusal_page
from desk.kinds import DESK_KINDS, MatterKind
from desk.models import ReturnVisit, Satisfaction, VisitAnalysis, VisitMethod
from desk.permissions import may_see_visit_phone, shown_visit_phone
from desk.selectors import visits as selectors
from desk.selectors.visits_analysis import analysis_figures
from desk.selectors.visits_periods import quarter_of
from desk.services import visits as svc
from desk.services import visits_quarter, visits_record

# Kinds whose closing has no module of its own yet: registered here by the desk (VISIT-1).


refused = refusal_page(gettext_lazy("Return visits"))


def is_supervisor(user, project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.visits.supervisor_roles", project))


def my_visit(request, pk) -> ReturnVisit:
    return get_object_or_404(restrict(ReturnVisit.objects, request.user)
                             .select_related("project", "closure__unit__building", "assignee", "co_assignee",
                                             "visited_by", "reviewed_by"), pk=pk)


def _int_or_none(value):
    return int(value) if is_int(value) else None


@login_required
@checked_by(svc.require_visits_reader, refused)
def list_page(request):
    """Visits due now / overdue / upcoming / awaiting review / done, all or one assignee's (VISIT-3, VISIT-5)."""
    project = current_project(request)
    show = request.GET.get("show", "due")
    show = show if show in selectors.SHOWS else "due"
    who = request.GET.get("assignee", "")
    assignee_id = request.user.pk if who == "me" else _int_or_none(who)
    kind = request.GET.get("kind", "")
    page = Paginator(selectors.listing(project=project, show=show, assignee_id=assignee_id, kind=kind),
                     30).get_page(request.GET.get("page"))
    rows = [{"v": v, "phone": shown_visit_phone(request.user, v), "overdue": v.status == "planned" and v.due_at < clock.now()}
            for v in page]
    return render(request, "desk/visits/list.html", {
        "rows": rows, "page": page, "show": show, "who": who, "kind": kind, "kinds": MatterKind.choices,
        "staff": staff_with_roles(project, policies.value("desk.visits.staff_roles", project)),
        "counts": {"due": selectors.due_now(project=project).count(), "overdue": selectors.overdue(project=project).count(),
                   "review": selectors.awaiting_review(project=project).count()},
        "supervisor": is_supervisor(request.user, project)})


@login_required
def detail_page(request, pk: int):
    """The 《回访记录表》: record it (named visitors), review it (supervisor), reassign it (supervisor)."""
    visit = my_visit(request, pk)
    project = visit.project
    try:
        svc.require_visits_reader(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    err, form = None, {}
    if request.method == "POST":
        action, form = request.POST.get("action", ""), request.POST
        if action == "record":
            done, err = attempt(request, lambda: visits_record.record_visit(
                visit=visit, visitor=request.user, method=form.get("method", ""), quality=form.get("quality", ""),
                effect=form.get("effect", ""), satisfaction=form.get("satisfaction", ""),
                shortcomings=form.get("shortcomings", ""), suggestions=form.get("suggestions", ""),
                resident_name=form.get("signer_name", ""), signature_image=form.get("signature", ""),
                verbal_confirmed=form.get("verbal_confirmed") == "1"), _("The visit is recorded."))
        elif action == "review":
            done, err = attempt(request, lambda: visits_record.review_visit(
                visit=visit, reviewer=request.user, opinion=form.get("opinion", "")), _("The review is saved."))
        elif action == "assign":
            def call():
                people = {p.pk: p for p in staff_with_roles(project, policies.value("desk.visits.staff_roles", project))}
                first, second = _int_or_none(form.get("assignee")), _int_or_none(form.get("co_assignee"))
                if first not in people or (form.get("co_assignee") and second not in people):
                    raise DomainError(_("Choose from the list."), code="invalid_choice", rule="VISIT-3")
                return svc.assign_visit(visit=visit, assignee=people[first], co_assignee=people.get(second),
                                        actor=request.user)
            done, err = attempt(request, call, _("The visit is assigned."))
        else:
            done, err = None, {"message": _("Unknown action."), "rule": "", "clause": "", "code": "invalid"}
        if done:
            return redirect("desk:visits-detail", pk=visit.pk)
        visit = my_visit(request, pk)
    elif visit.closure.phone and may_see_visit_phone(request.user, visit) and not request.user.is_superuser \
            and not has_role(request.user, project, *policies.value("core.pii.reveal_roles", project)):
        # A named visitor outside the reveal roles sees the number to call: audited (CORE-3).
        audit.record(actor=request.user, action="desk.visits.phone_shown", target=visit, project=project,
                     data={"number": visit.number})
    return render(request, "desk/visits/detail.html", {
        "v": visit, "c": visit.closure, "phone": shown_visit_phone(request.user, visit), "err": err, "form": form,
        "overdue": visit.status == "planned" and visit.due_at < clock.now(),
        "window_open": visit.window_start <= clock.now(),
        "may_record": visit.status == "planned" and request.user.pk in (visit.assignee_id, visit.co_assignee_id),
        "may_review": visit.status == "done" and is_supervisor(request.user, project),
        "may_assign": visit.status == "planned" and is_supervisor(request.user, project),
        "staff": staff_with_roles(project, policies.value("desk.visits.staff_roles", project)),
        "methods": VisitMethod.choices, "satisfactions": Satisfaction.choices,
        "signatures": signatures.signatures_of(visit)})


@login_required
@checked_by(svc.require_visits_reader, refused)
def closures_page(request):
    """All closed matters with their sampling; the desk registers kinds without their own module (VISIT-1, -2)."""
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            kind = form.get("kind", "")
            if kind not in DESK_KINDS:
                raise DomainError(_("Choose from the list."), code="invalid_kind", rule="VISIT-1")
            unit = None
            if form.get("unit"):
                unit = Unit.objects.filter(project=project, pk=_int_or_none(form.get("unit")) or 0).first()
                if unit is None:
                    raise DomainError(_("Choose from the list."), code="invalid_choice", rule="VISIT-1")
            if not (form.get("person_name") or "").strip():
                raise DomainError(_("“%(field)s” is required.") % {"field": _("resident")}, code="required",
                                  rule="VISIT-1", details={"field": "person_name"})
            return svc.register_closure(
                project=project, kind=kind, source_ref="", source_number=form.get("source_number", ""),
                closed_at=clock.now(), person_name=form.get("person_name", ""), phone=form.get("phone", ""),
                unit=unit, subject=form.get("subject", ""), actor=request.user)
        closure, err = attempt(request, call, _("The closed matter is registered."))
        if closure:
            return redirect("desk:visits-closures")
    kind = request.GET.get("kind", "")
    page = Paginator(selectors.closures(project=project, kind=kind), 30).get_page(request.GET.get("page"))
    return render(request, "desk/visits/closures.html", {
        "page": page, "rows": [{"c": c, "phone": mask_phone(c.phone)} for c in page], "kind": kind,
        "kinds": MatterKind.choices, "desk_kinds": [(k.value, k.label) for k in DESK_KINDS], "err": err, "form": form,
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")})


def _quarter(request) -> tuple[int, int]:
    year, quarter = request.GET.get("year", ""), request.GET.get("quarter", "")
    if is_int(year) and is_int(quarter) and 2000 <= int(year) <= 2100 and 1 <= int(quarter) <= 4:
        return int(year), int(quarter)
    year, quarter = quarter_of(clock.today())
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


@login_required
@checked_by(svc.require_visits_reader, refused)
def quarter_page(request):
    """A quarter's filing by the 10th of the next quarter (VISIT-7) and the link to its analysis."""
    project = current_project(request)
    year, quarter = _quarter(request)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: visits_quarter.file_quarter(project=project, year=year, quarter=quarter,
                                                                         actor=request.user),
                            _("The quarter's records are filed."))
        if done:
            return redirect(f"{request.path}?year={year}&quarter={quarter}")
    summary = selectors.quarter_summary(project=project, year=year, quarter=quarter)
    return render(request, "desk/visits/quarter.html", {
        "year": year, "quarter": quarter, **summary, "err": err, "supervisor": is_supervisor(request.user, project),
        "figures": analysis_figures(project=project, year=year, quarter=quarter)})


@login_required
def analysis_page(request, year: int, quarter: int):
    """The quarter-end analysis: live figures until saved, then the saved record and conclusions (VISIT-6)."""
    project = current_project(request)
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    try:
        svc.require_visits_reader(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    analysis = VisitAnalysis.objects.filter(project=project, year=year, quarter=quarter).first()
    err = None
    if request.method == "POST":
        if request.POST.get("action") == "conclude" and analysis is not None:
            done, err = attempt(request, lambda: visits_quarter.conclude_analysis(
                analysis=analysis, supervisor=request.user, conclusions=request.POST.get("conclusions", "")),
                _("The conclusions are saved."))
        else:
            done, err = attempt(request, lambda: visits_quarter.save_analysis(
                project=project, year=year, quarter=quarter, prepared_by=request.user,
                report=request.POST.get("report", "")), _("The analysis is saved."))
        if done:
            return redirect("desk:visits-analysis", year=year, quarter=quarter)
    figures = analysis.figures if analysis else analysis_figures(project=project, year=year, quarter=quarter)
    return render(request, "desk/visits/analysis.html", {
        "year": year, "quarter": quarter, "analysis": analysis, "figures": figures, "err": err,
        "supervisor": is_supervisor(request.user, project)})


urlpatterns = [
    path("visits/", list_page, name="visits-list"),
    path("visits/<id:pk>/", detail_page, name="visits-detail"),
    path("visits/closures/", closures_page, name="visits-closures"),
    path("visits/quarter/", quarter_page, name="visits-quarter"),
    path("visits/analysis/<id:year>/<id:quarter>/", analysis_page, name="visits-analysis"),
]
