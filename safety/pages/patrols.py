"""Pages of patrol rounds (PATROL-1): the phone page of a checkpoint (opened by scanning its code, or by typing
the short code), the rounds with their missed and late points, the routes with their printable codes."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project
from safety.models import Checkpoint, Round, Route, Visit
from safety.pages.common import err_status, refused, safe_day
from safety.permissions import patrol, require_patroller, require_reader
from safety.selectors import patrols as selectors
from safety.services import patrols as svc
from safety.states import FindingOutcome


def _photo(request) -> tuple[bytes | None, str]:
    upload = request.FILES.get("photo")
    return (upload.read(), upload.name) if upload else (None, "")


@login_required
@checked_by(require_patroller, refused)
def patrol_page(request):
    """Type the short code when the camera cannot scan (one-handed: one field, one big button)."""
    err, form, visit = None, {}, None
    if request.method == "POST":
        form = request.POST
        photo, name = _photo(request)
        visit, err = attempt(request, lambda: svc.sign_in(
            by=request.user, short_code=form.get("code", ""), photo=photo, photo_name=name,
            note=form.get("note", ""), finding=form.get("finding", "")), _("Signed in."))
        if visit:
            return redirect("safety:visit", pk=visit.pk)
    return render(request, "safety/patrol.html", {"err": err, "form": form}, status=err_status(err))


@login_required
def checkpoint_page(request, token: str):
    """The page a scanned code opens: the point's name and what to check, then sign in (with a photo if asked)."""
    checkpoint = Checkpoint.objects.select_related("route__project").filter(token=token[:40]).first()
    if checkpoint is None:
        return refused(request, DomainError(_("No checkpoint has this code."), code="unknown_checkpoint",
                                            rule="PATROL-1", status=404))
    try:
        require_patroller(request.user, checkpoint.route.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        photo, name = _photo(request)
        visit, err = attempt(request, lambda: svc.sign_in(
            by=request.user, token=token, photo=photo, photo_name=name, note=request.POST.get("note", ""),
            finding=request.POST.get("finding", "")), _("Signed in."))
        if visit:
            return redirect("safety:visit", pk=visit.pk)
    return render(request, "safety/checkpoint.html", {"point": checkpoint, "err": err}, status=err_status(err))


@login_required
def visit_page(request, pk: int):
    """A signed-in point: its time, and the finding made a hazard, a repair or a duty-log entry in one step."""
    visit = get_object_or_404(restrict(Visit.objects, request.user, field="round__project").select_related(
        "round__project", "checkpoint__route", "visited_by"), pk=pk)
    try:
        require_reader(request.user, visit.round.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        deadline = safe_day(request.POST.get("deadline"))
        done, err = attempt(request, lambda: svc.act_on_finding(visit=visit, by=request.user,
                                                                outcome=request.POST.get("outcome", ""),
                                                                deadline=deadline), _("Done."))
        if done:
            return redirect("safety:visit", pk=visit.pk)
    return render(request, "safety/visit.html", {"visit": visit, "err": err, "outcomes": FindingOutcome.choices,
                                                 "may_act": patrol(request.user, visit.round.project),
                                                 "today": clock.today()}, status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def rounds_page(request):
    project = current_project(request)
    rows = selectors.rounds(project=project)
    if request.GET.get("only") == "exceptions":
        rows = selectors.exceptions(project=project)
    return render(request, "safety/rounds.html", {"page": Paginator(rows, 50).get_page(request.GET.get("page"))})


@login_required
def round_page(request, pk: int):
    rnd = get_object_or_404(restrict(Round.objects, request.user).select_related("route", "project"), pk=pk)
    return render(request, "safety/round.html", {"round": rnd, "visits": rnd.visits.select_related(
        "checkpoint", "visited_by")})


@login_required
@checked_by(require_reader, refused)
def routes_page(request):
    project = current_project(request)
    routes = Route.objects.filter(project=project).prefetch_related("checkpoints")
    return render(request, "safety/routes.html", {"routes": routes})


@login_required
def codes_print(request, pk: int):
    """The printable codes of a route's points: the URL a phone camera opens and the short code (A4)."""
    route = get_object_or_404(restrict(Route.objects, request.user), pk=pk)
    points = [(p, request.build_absolute_uri(reverse("safety:checkpoint", args=[p.token])))
              for p in route.checkpoints.all()]
    return render(request, "paper/safety_codes.html", {"route": route, "points": points})


urlpatterns = [
    path("patrol/", patrol_page, name="patrol"),
    path("p/<str:token>/", checkpoint_page, name="checkpoint"),
    path("visits/<id:pk>/", visit_page, name="visit"),
    path("rounds/", rounds_page, name="rounds"),
    path("rounds/<id:pk>/", round_page, name="round"),
    path("routes/", routes_page, name="routes"),
    path("routes/<id:pk>/codes/", codes_print, name="route-codes"),
]
