"""Training records (STAFF-1): sessions with attendance and test results, who is due, the new-staff programmes
with their diaries."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.parsing import is_int
from core.permissions import restrict
from core.web.pages import attempt, current_project, page_requires
from staff.models import DiaryEntry, Induction, TrainingSession
from staff.pages.common import err_status, person_of, safe_day
from staff.permissions import read_training, record_training
from staff.selectors import training as selectors
from staff.selectors.people import staff_of
from staff.services import training as svc
from staff.states import TrainingKind


def _attendees(project, form) -> list[dict]:
    rows = []
    for person in staff_of(project):
        mark = form.get(f"att-{person.pk}", "")
        if mark in {"present", "absent"}:
            raw = (form.get(f"score-{person.pk}") or "").strip()
            if raw and not is_int(raw):
                raise DomainError(_("A test score (0–100) is given only for a tested session attended."),
                                  code="invalid_score", rule="STAFF-1")
            rows.append({"person": person, "attended": mark == "present", "score": int(raw) if raw else None})
    return rows


@page_requires(read_training, rule="STAFF-1")
def training_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        if form.get("action") == "induction":
            done, err = attempt(request, lambda: svc.start_induction(
                project=project, by=request.user, person=person_of(project, form.get("person")),
                mentor=person_of(project, form.get("mentor")), starts=safe_day(form.get("starts"))),
                _("Programme started."))
            if done:
                return redirect("staff:induction", pk=done.pk)
        else:
            done, err = attempt(request, lambda: svc.record_session(
                project=project, by=request.user, kind=form.get("kind", ""), title=form.get("title", ""),
                held_on=safe_day(form.get("held_on")), hours=form.get("hours", ""), trainer=form.get("trainer", ""),
                content=form.get("content", ""), tested=form.get("tested") == "on",
                attendees=_attendees(project, form)), _("Training recorded."))
            if done:
                return redirect("staff:session", pk=done.pk)
    return render(request, "staff/training.html", {
        "sessions": selectors.sessions(project=project)[:100], "due": selectors.due(project=project),
        "inductions": selectors.inductions(project=project)[:50], "staff": staff_of(project),
        "kinds": TrainingKind.choices, "may_record": record_training(request.user, project), "err": err},
        status=err_status(err))


@page_requires(read_training, rule="STAFF-1")
def session_page(request, pk: int):
    session = get_object_or_404(restrict(TrainingSession.objects, request.user), pk=pk)
    return render(request, "staff/session.html", {
        "s": session, "rows": session.attendance.select_related("person").order_by("person__full_name")})


@page_requires(read_training, rule="STAFF-1")
def induction_page(request, pk: int):
    induction = get_object_or_404(restrict(Induction.objects, request.user).select_related("person", "mentor"),
                                  pk=pk)
    err = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "write":
            call = lambda: svc.write_diary(induction=induction, by=request.user, text=request.POST.get("text", ""))  # noqa: E731
        elif action == "read":
            entry = get_object_or_404(DiaryEntry.objects.filter(induction=induction), pk=request.POST.get("entry") or 0)
            call = lambda: svc.read_diary(entry=entry, by=request.user, note=request.POST.get("note", ""))  # noqa: E731
        else:
            call = lambda: svc.complete_induction(induction=induction, by=request.user)  # noqa: E731
        done, err = attempt(request, call, _("Saved."))
        if done:
            return redirect("staff:induction", pk=pk)
    return render(request, "staff/induction.html", {
        "i": induction, "diary": induction.diary.select_related("read_by"),
        "is_person": request.user.pk == induction.person_id, "is_mentor": request.user.pk == induction.mentor_id,
        "err": err}, status=err_status(err))


urlpatterns = [
    path("training/", training_page, name="training"),
    path("training/<int:pk>/", session_page, name="session"),
    path("induction/<int:pk>/", induction_page, name="induction"),
]
