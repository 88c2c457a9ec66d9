"""Pages of the core app: the home of each role, the company view, the project switch (sign-in is Django's own)."""
from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import workspace
from core.middleware import PROJECT
from core.notifications import unread_for
from core.parsing import local_path, safe_int
from core.permissions import projects_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A home per role: the clerk's desk tasks, the supervisor's approvals and due items, the manager's morning
    overview across every room — each figure links to its cases (core.workspace)."""
    project = request.project
    context = {"notifications": unread_for(request.user).order_by("-created_at", "-pk")[:5],
               "company_view": workspace.sees_company_view(request.user)}
    if project is not None:
        audience = workspace.audience_of(request.user, project)
        figures = workspace.figures_for(request.user, project, audience)
        context.update({
            "audience": audience,
            "rooms": [(workspace.room_label(room), list(items))
                      for room, items in groupby(figures, key=lambda pair: pair[0].room)],
            "alarms": sum(count for figure, count in figures if figure.alarm),
        })
    return render(request, "core/home.html", context)


@login_required
def company(request: HttpRequest) -> HttpResponse:
    """Head office: every project's alarm figures side by side, each linking to its cases."""
    if not workspace.sees_company_view(request.user):
        raise PermissionDenied
    columns, rows = workspace.company_view(request.user)
    return render(request, "core/company.html", {"rows": rows, "columns": columns})


@login_required
@require_POST
def switch_project(request: HttpRequest) -> HttpResponse:
    chosen = projects_for(request.user).filter(pk=safe_int(request.POST.get("project"), 0)).first()
    if chosen is not None:
        request.session[PROJECT] = chosen.pk
    target = local_path(request.POST.get("next"), request) or _referer_path(request) or "/"
    return redirect(target)


def _referer_path(request: HttpRequest) -> str | None:
    """The page the switch was made on, when it is one of ours (the Referer is a full address)."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc and referer.netloc != request.get_host():
        return None
    return local_path(referer.path + (f"?{referer.query}" if referer.query else ""), request)

