"""Roster pages: month grid, drafting, review/approve/issue, versions, patterns, holidays, change requests
(ROSTER-1..5)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.models import User
from core.parsing import is_int, safe_date, safe_int
from core.permissions import restrict
from core.web.pages import attempt, current_project
from duty.models import ChangeKind, Roster, RosterAssignment, ShiftChangeRequest, ShiftPattern
from duty.selectors import roster as sel
from duty.services import roster as svc
from duty.services import roster_changes as changes
from duty.services import roster_holidays as holidays

WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def my_roster(request, pk) -> Roster:
    return get_object_or_404(restrict(Roster.objects, request.user).select_related(
        "project", "drafted_by", "reviewed_by", "approved_by"), pk=pk)


def staff(project) -> list[User]:
    return list(User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username"))


def grid(roster: Roster) -> dict:
    """People × days with the shift code in each cell: the 《排班表》 as seen on screen and on paper."""
    days = [roster.period_start + dt.timedelta(days=n) for n in range((roster.period_end - roster.period_start).days + 1)]
    people = svc.team_people(project=roster.project, team=roster.team)
    cells: dict[tuple[int, dt.date], str] = {}
    for a in roster.assignments.select_related("shift", "person"):
        cells[(a.person_id, a.day)] = "/".join(filter(None, [cells.get((a.person_id, a.day)), a.shift.code]))
        if a.person not in people:
            people.append(a.person)
    rows = [{"person": p, "cells": [{"day": d, "code": cells.get((p.pk, d), "")} for d in days]} for p in people]
    return {"days": [{"date": d, "weekday": WEEKDAYS[d.weekday()]} for d in days], "rows": rows}


@login_required
def roster_home(request):
    project = current_project(request)
    today = clock.today()
    rosters = list(sel.rosters(project=project)[:60])
    for r in rosters:
        r.team_label = svc.team_label(r.team)
    return render(request, "duty/roster/home.html", {
        "rosters": rosters, "teams": svc.TEAM_LABELS.items(),
        "this_month": svc.month_start(today), "next_month": svc.next_month(today),
        "deadline": svc.deadline_for_month(project=project, month=svc.next_month(today)),
        "pending": sel.pending_requests(project=project).count(),
        "has_patterns": sel.patterns(project=project).exists(),
    })


@login_required
@require_POST
def roster_new(request):
    project = current_project(request)
    month = safe_date((request.POST.get("month", "") or "") + "-01") or svc.next_month(clock.today())
    roster, err = attempt(request, lambda: svc.create_draft(project=project, team=request.POST.get("team", ""),
                                                            month=month, drafted_by=request.user),
                          _("Draft created."))
    if roster:
        return redirect("duty:roster-detail", pk=roster.pk)
    return redirect("duty:roster")


@login_required
def roster_detail(request, pk: int):
    roster = my_roster(request, pk)
    status = 200
    if request.method == "POST":
        cells = {}
        for key, value in request.POST.items():
            if key.startswith("c-"):
                _prefix, person, day = key.split("-", 2)
                parsed = safe_date(day)
                if is_int(person) and parsed:
                    cells[(int(person), parsed)] = value
        done, err = attempt(request, lambda: svc.save_cells(roster=roster, actor=request.user, cells=cells),
                            _("Roster saved."))
        if done:
            return redirect("duty:roster-detail", pk=pk)
        status = 400
    return render(request, "duty/roster/detail.html", {
        "roster": roster, "grid": grid(roster), "actions": svc.allowed_actions(roster, request.user),
        "versions": sel.versions_of(roster), "team_label": svc.team_label(roster.team),
        "codes": sel.patterns(project=roster.project, team=roster.team).filter(is_holiday=False)
        if not roster.holiday_name else sel.patterns(project=roster.project).filter(is_holiday=True),
        "staff": staff(roster.project),
        "deadline": svc.holiday_issue_deadline(roster) if roster.holiday_name else
        svc.deadline_for_month(project=roster.project, month=roster.month),
    }, status=status)


@login_required
@require_POST
def roster_act(request, pk: int):
    roster = my_roster(request, pk)
    action, comment, user = request.POST.get("action", ""), request.POST.get("comment", ""), request.user
    calls = {
        "review": (lambda: svc.review_roster(roster=roster, reviewer=user, comment=comment), _("Roster reviewed.")),
        "approve": (lambda: svc.approve_roster(roster=roster, approver=user, comment=comment), _("Roster approved.")),
        "return": (lambda: svc.return_roster(roster=roster, actor=user, comment=comment),
                   _("Roster returned to its drafter.")),
        "issue": (lambda: svc.issue_roster(roster=roster, actor=user, late_reason=request.POST.get("late_reason", "")),
                  _("Roster issued.")),
        "revise": (lambda: svc.revise_roster(roster=roster, actor=user, reason=comment),
                   _("New version drafted.")),
    }
    if action not in calls:
        raise Http404
    result, err = attempt(request, *calls[action])
    if err:
        return roster_detail_error(request, roster)
    return redirect("duty:roster-detail", pk=result.pk)


def roster_detail_error(request, roster):
    request.method = "GET"
    response = roster_detail(request, roster.pk)
    response.status_code = 400
    return response


@login_required
def patterns_page(request):
    project = current_project(request)
    status = 200
    if request.method == "POST":
        if request.POST.get("ensure"):
            attempt(request, lambda: svc.ensure_default_patterns(project=project, actor=request.user),
                    _("Default shifts created."))
            return redirect("duty:roster-patterns")
        if request.POST.get("team_people") is not None and request.POST.get("team"):
            ids = [int(i) for i in request.POST.get("team_people", "").replace("，", ",").split(",") if is_int(i.strip())]
            by_id = {u.pk: u for u in staff(project)}
            done, err = attempt(request, lambda: svc.set_team(
                project=project, team=request.POST["team"], actor=request.user,
                people=[by_id[i] for i in ids if i in by_id]), _("Team saved."))
        else:
            pattern = get_object_or_404(ShiftPattern.objects.filter(project=project), pk=request.POST.get("pattern"))
            try:
                starts = clock.parse_hhmm(request.POST.get("starts", ""))
                ends = clock.parse_hhmm(request.POST.get("ends", ""))
            except ValueError:
                starts = ends = None
            done, err = attempt(request, lambda: svc.update_pattern(
                pattern=pattern, actor=request.user, name=request.POST.get("name"), starts=starts, ends=ends,
                active=bool(request.POST.get("active"))), _("Shift saved."))
        if not err:
            return redirect("duty:roster-patterns")
        status = 400
    teams = [{"code": code, "label": label, "people": svc.team_people(project=project, team=code)}
             for code, label in svc.TEAM_LABELS.items()]
    patterns = list(sel.patterns(project=project, active_only=False))
    for p in patterns:
        p.team_label = svc.team_label(p.team)
    return render(request, "duty/roster/patterns.html", {
        "patterns": patterns, "teams": teams, "staff": staff(project),
    }, status=status)


@login_required
def holiday_page(request):
    project = current_project(request)
    status = 200
    if request.method == "POST":
        start = safe_date(request.POST.get("start", "") or "")
        end = safe_date(request.POST.get("end", "") or "") or start
        roster, err = attempt(request, lambda: holidays.create_holiday_roster(
            project=project, holiday_name=request.POST.get("name", ""), start=start, end=end,
            drafted_by=request.user), _("Holiday roster drafted with the rotation filled in."))
        if roster:
            return redirect("duty:roster-detail", pk=roster.pk)
        status = 400
    return render(request, "duty/roster/holiday.html", {
        "upcoming": holidays.upcoming_holidays(project),
        "rosters": sel.rosters(project=project).exclude(holiday_name="")[:30],
    }, status=status)


def _my_request(request, pk) -> ShiftChangeRequest:
    return get_object_or_404(restrict(ShiftChangeRequest.objects, request.user), pk=pk)


@login_required
def requests_page(request):
    project = current_project(request)
    status = 200
    if request.method == "POST":
        assignment = get_object_or_404(RosterAssignment.objects.filter(roster__project=project),
                                       pk=safe_int(request.POST.get("assignment"), 0))
        swap = request.POST.get("swap_with", "")
        swap_with = RosterAssignment.objects.filter(roster__project=project, pk=swap).first() if is_int(swap) else None
        done, err = attempt(request, lambda: changes.request_change(
            assignment=assignment, requested_by=request.user, kind=request.POST.get("kind", ""),
            reason=request.POST.get("reason", ""), swap_with=swap_with), _("Request sent to your supervisor."))
        if done:
            return redirect("duty:roster-requests")
        status = 400
    today = clock.today()
    mine = sel.issued_assignments(project=project, person=request.user).filter(day__gte=today)[:62]
    others = sel.issued_assignments(project=project).filter(day__gte=today).exclude(person=request.user)[:200]
    return render(request, "duty/roster/requests.html", {
        "mine": mine, "others": others, "kinds": ChangeKind.choices, "staff": staff(project),
        "pending": sel.pending_requests(project=project), "history": sel.requests(project=project)[:50],
    }, status=status)


@login_required
@require_POST
def request_decide(request, pk: int):
    req = _my_request(request, pk)
    decision = request.POST.get("decision", "")
    comment = request.POST.get("comment", "")
    if decision == "approve":
        sub = request.POST.get("substitute", "")
        substitute = User.objects.filter(pk=sub).first() if is_int(sub) else None
        call = lambda: changes.approve_change(request=req, approver=request.user, substitute=substitute,  # noqa: E731
                                              comment=comment)
        message = _("Change approved and applied to the roster.")
    elif decision == "cancel":
        call, message = (lambda: changes.cancel_change(request=req, actor=request.user)), _("Request cancelled.")
    else:
        call = lambda: changes.reject_change(request=req, approver=request.user, comment=comment)  # noqa: E731
        message = _("Request rejected.")
    done, err = attempt(request, call, message)
    if err:
        request.method = "GET"
        response = requests_page(request)
        response.status_code = 400
        return response
    return redirect("duty:roster-requests")


urlpatterns = [
    path("roster/", roster_home, name="roster"),
    path("roster/new/", roster_new, name="roster-new"),
    path("roster/<id:pk>/", roster_detail, name="roster-detail"),
    path("roster/<id:pk>/act/", roster_act, name="roster-act"),
    path("roster/patterns/", patterns_page, name="roster-patterns"),
    path("roster/holiday/", holiday_page, name="roster-holiday"),
    path("roster/requests/", requests_page, name="roster-requests"),
    path("roster/requests/<id:pk>/decide/", request_decide, name="roster-request-decide"),
]
