"""Pages of the core app: dashboard and project switch (sign-in is Django's own view)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.middleware import PROJECT
from core.notifications import unread_for
from core.permissions import projects_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The morning view: what is waiting for me, what is out, what is overdue."""
    from keys import selectors

    project = request.project
    context = {"notifications": unread_for(request.user).order_by("-created_at", "-pk")[:5]}
    if project is not None:
        context.update({
            "inbox": len(selectors.approvals_inbox(request.user)),
            "unreturned": selectors.unreturned_loans(project=project).count(),
            "overdue": selectors.overdue_loans(project=project).count(),
            "paperwork": selectors.emergency_paperwork_open(project=project).count(),
            "open_incidents": selectors.open_incidents(project=project).count(),
            "open_faults": selectors.open_faults(project=project).count(),
        })
    return render(request, "core/home.html", context)


@login_required
@require_POST
def switch_project(request: HttpRequest) -> HttpResponse:
    chosen = projects_for(request.user).filter(pk=request.POST.get("project")).first()
    if chosen is not None:
        request.session[PROJECT] = chosen.pk
    target = request.META.get("HTTP_REFERER", "/")
    return redirect(target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/")

