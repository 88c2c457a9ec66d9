"""Pages of fire safety (FIRE-1..6): hazards with their deadlines, replies and plans; the monthly inspection;
the equipment test calendar; training, drills, tests and the volunteer brigade."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project
from safety.models import BrigadeMember, Exercise, FireTest, Hazard, Inspection
from safety.pages.common import err_status, refused, safe_day
from safety.permissions import fire_officer, require_reader
from safety.selectors import fire as selectors
from safety.services import fire as svc
from safety.states import ExerciseKind, HazardSource, HazardStatus


@login_required
@checked_by(require_reader, refused)
def hazards_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.register_hazard(
            project=project, by=request.user, source=form.get("source", ""), location=form.get("location", ""),
            description=form.get("description", ""), deadline=safe_day(form.get("deadline")),
            order_number=form.get("order_number", ""), reply_due=safe_day(form.get("reply_due"))),
            _("The hazard is registered."))
        if done:
            return redirect("safety:hazard", pk=done.pk)
    state = request.GET.get("state", "")
    rows = selectors.hazards(project=project)
    if state in HazardStatus.values:
        rows = rows.filter(status=state)
    return render(request, "safety/hazards.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "err": err, "form": form,
        "states": HazardStatus.choices, "state": state, "sources": HazardSource.choices, "today": clock.today(),
        "may_register": fire_officer(request.user, project)}, status=err_status(err))


def _hazard_action(request, hazard: Hazard):
    action, form = request.POST.get("action", ""), request.POST
    if action == "rectify":
        return svc.rectify(hazard=hazard, by=request.user, note=form.get("note", ""))
    if action == "report_up":
        return svc.report_up(hazard=hazard, by=request.user, plan=form.get("plan", ""))
    if action == "reply":
        return svc.reply_in_writing(hazard=hazard, by=request.user, text=form.get("reply", ""))
    if action in {"pass", "fail"}:
        return svc.recheck(hazard=hazard, by=request.user, passed=action == "pass", note=form.get("note", ""))
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def hazard_page(request, pk: int):
    hazard = get_object_or_404(restrict(Hazard.objects, request.user).select_related("project", "found_by"), pk=pk)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _hazard_action(request, hazard), _("Done."))
        if done:
            return redirect("safety:hazard", pk=hazard.pk)
    return render(request, "safety/hazard.html", {"h": hazard, "err": err, "today": clock.today(),
                                                  "officer": fire_officer(request.user, hazard.project)},
                  status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def inspections_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        hazards = []
        if form.get("hazard_description"):
            hazards.append({"location": form.get("hazard_location", ""),
                            "description": form.get("hazard_description", ""),
                            "deadline": safe_day(form.get("hazard_deadline"))})
        done, err = attempt(request, lambda: svc.record_inspection(
            project=project, by=request.user, password=form.get("password", ""), areas=form.get("areas", ""),
            findings=form.get("findings", ""), hazards=hazards), _("The inspection is recorded and signed."))
        if done:
            return redirect("safety:inspections")
    rows = Inspection.objects.filter(project=project).select_related("inspected_by")
    return render(request, "safety/inspections.html", {"rows": rows[:36], "err": err,
                                                       "may_inspect": fire_officer(request.user, project)},
                  status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def tests_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        test = selectors.tests(project=project).filter(pk=safe_int(request.POST.get("test"), 0)).first()
        if test is None:
            err = {"code": "not_found", "message": _("No such record.")}
        else:
            _done, err = attempt(request, lambda: svc.record_test(
                test=test, by=request.user, passed=request.POST.get("action") == "pass",
                result=request.POST.get("result", "")), _("The test is recorded."))
    rows = selectors.tests(project=project).order_by("-due_on")
    return render(request, "safety/tests.html", {"page": Paginator(rows, 50).get_page(request.GET.get("page")),
                                                 "err": err, "today": clock.today(),
                                                 "officer": fire_officer(request.user, project)},
                  status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def exercises_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        action = form.get("action", "exercise")
        if action == "test":
            person = User.objects.filter(pk=safe_int(form.get("person"), 0)).first()
            _done, err = attempt(request, lambda: svc.record_fire_test(
                project=project, examiner=request.user, person=person,
                score=safe_int(form.get("score"), -1)), _("The test is recorded."))
        elif action == "brigade":
            person = User.objects.filter(pk=safe_int(form.get("person"), 0)).first()
            _done, err = attempt(request, lambda: svc.add_brigade_member(
                project=project, by=request.user, person=person, duty=form.get("duty", "")),
                _("The member is added."))
        else:
            _done, err = attempt(request, lambda: svc.record_exercise(
                project=project, by=request.user, kind=form.get("kind", ""), held_on=safe_day(form.get("held_on")),
                topic=form.get("topic", ""), attendees=safe_int(form.get("attendees"), 0)), _("Recorded."))
    from core.permissions import staff_with_roles
    from core.roles import Role

    return render(request, "safety/exercises.html", {
        "rows": Exercise.objects.filter(project=project)[:100], "kinds": ExerciseKind.choices, "err": err,
        "overdue": [ExerciseKind(k).label for k in svc.exercises_overdue(project)],
        "tests": FireTest.objects.filter(project=project).select_related("person")[:100],
        "brigade": BrigadeMember.objects.filter(project=project, left_on__isnull=True).select_related("person"),
        "staff": staff_with_roles(project, Role.values), "officer": fire_officer(request.user, project),
        "today": clock.today()}, status=err_status(err))


urlpatterns = [
    path("hazards/", hazards_page, name="hazards"),
    path("hazards/<id:pk>/", hazard_page, name="hazard"),
    path("inspections/", inspections_page, name="inspections"),
    path("tests/", tests_page, name="tests"),
    path("exercises/", exercises_page, name="exercises"),
]
