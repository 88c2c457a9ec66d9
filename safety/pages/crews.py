"""Pages of outsourced crews (CREW-1..3): the crews with their members and protective equipment, the day's
pre-shift meeting signed on the phone by every member, spot checks, accidents and the month's performance."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, parse_local
from safety.models import Accident, Crew, CrewMember, Meeting
from safety.pages.common import err_status, refused, safe_day
from safety.permissions import check_crews, require_reader, run_crews
from safety.services import crews as svc


@login_required
@checked_by(require_reader, refused)
def crews_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.add_crew(project=project, by=request.user, name=form.get("name", ""),
                                                          contractor=form.get("contractor", ""),
                                                          work=form.get("work", "")), _("The crew is added."))
        if done:
            return redirect("safety:crew", pk=done.pk)
    return render(request, "safety/crews.html", {"crews": Crew.objects.filter(project=project), "err": err,
                                                 "may_add": check_crews(request.user, project)},
                  status=err_status(err))


def _crew_action(request, crew: Crew):
    action, form = request.POST.get("action", ""), request.POST
    if action == "member":
        protections = []
        if form.get("item"):
            protections.append((form.get("item", ""), safe_day(form.get("valid_until"))))
        return svc.add_member(crew=crew, by=request.user, name=form.get("name", ""), phone=form.get("phone", ""),
                              protections=protections)
    if action == "protection":
        member = CrewMember.objects.filter(crew=crew, pk=safe_int(form.get("member"), 0)).first()
        if member is None:
            raise DomainError(_("Choose a member of this crew."), code="invalid_choice", rule="CREW-2")
        return svc.set_protection(member=member, by=request.user, item=form.get("item", ""),
                                  valid_until=safe_day(form.get("valid_until")))
    if action == "meeting":
        return svc.hold_meeting(crew=crew, by=request.user, hazards=form.get("hazards", ""),
                                tasks=form.get("tasks", ""), notices_posted=form.get("notices_posted") == "on",
                                members=[safe_int(v, 0) for v in form.getlist("members")])
    if action == "accident":
        return svc.report_accident(crew=crew, by=request.user, occurred_at=parse_local(form.get("occurred_at")),
                                   description=form.get("description", ""))
    if action == "result":
        return svc.record_result(crew=crew, by=request.user, day=safe_day(form.get("day")),
                                 **{k: safe_int(form.get(k), -1 if k in {"tasks", "succeeded"} else 0)
                                    for k in ("tasks", "succeeded", "overrun_minutes", "samples", "samples_passed")})
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def crew_page(request, pk: int):
    crew = get_object_or_404(restrict(Crew.objects, request.user).select_related("project"), pk=pk)
    try:
        require_reader(request.user, crew.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _crew_action(request, crew), _("Done."))
        if done:
            if isinstance(done, Meeting):
                return redirect("safety:meeting", pk=done.pk)
            return redirect("safety:crew", pk=crew.pk)
    today = clock.today()
    members = [(m, svc.protection_valid(m, today)) for m in crew.members.filter(active=True).prefetch_related(
        "protections")]
    return render(request, "safety/crew.html", {
        "crew": crew, "members": members, "err": err, "today": today,
        "meetings": crew.meetings.all()[:31], "accidents": crew.accidents.all()[:20],
        "performance": svc.performance(crew, today), "sampling": svc.sampling(crew.project, today),
        "may_run": run_crews(request.user, crew.project), "may_check": check_crews(request.user, crew.project)},
        status=err_status(err))


def _meeting_action(request, meeting: Meeting):
    action, form = request.POST.get("action", ""), request.POST
    if action == "sign":
        member = CrewMember.objects.filter(crew=meeting.crew, pk=safe_int(form.get("member"), 0)).first()
        if member is None:
            raise DomainError(_("This member was not at the meeting."), code="not_present", rule="CREW-1")
        return svc.sign_meeting(meeting=meeting, member=member, name=form.get("signer_name", "") or member.name,
                                image=form.get("signature", ""), witnessed_by=request.user)
    if action in {"check_pass", "check_fail"}:
        return svc.spot_check(meeting=meeting, by=request.user, passed=action == "check_pass",
                              note=form.get("note", ""))
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def meeting_page(request, pk: int):
    """The meeting on a phone: each member signs with a finger, one after the other."""
    meeting = get_object_or_404(restrict(Meeting.objects, request.user).select_related("crew", "project",
                                                                                        "held_by"), pk=pk)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _meeting_action(request, meeting), _("Done."))
        if done:
            return redirect("safety:meeting", pk=meeting.pk)
    return render(request, "safety/meeting.html", {
        "m": meeting, "attendance": meeting.attendance.select_related("member"), "err": err,
        "checks": meeting.spot_checks.select_related("checked_by"),
        "may_run": run_crews(request.user, meeting.project), "may_check": check_crews(request.user, meeting.project)},
        status=err_status(err))


@login_required
def accident_page(request, pk: int):
    accident = get_object_or_404(restrict(Accident.objects, request.user).select_related("crew", "project"), pk=pk)
    err = None
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.close_accident(
            accident=accident, by=request.user, cause=form.get("cause", ""),
            responsibility=form.get("responsibility", ""), measures=form.get("measures", ""),
            education=form.get("education", "")), _("The accident is closed."))
        if done:
            return redirect("safety:accident", pk=accident.pk)
    return render(request, "safety/accident.html", {"a": accident, "err": err,
                                                    "may_close": check_crews(request.user, accident.project)},
                  status=err_status(err))


urlpatterns = [
    path("crews/", crews_page, name="crews"),
    path("crews/<id:pk>/", crew_page, name="crew"),
    path("meetings/<id:pk>/", meeting_page, name="meeting"),
    path("accidents/<id:pk>/", accident_page, name="accident"),
]
