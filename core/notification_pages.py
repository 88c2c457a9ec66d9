"""The notification centre: every notification of the signed-in user, filtered and paginated, marked read
row by row, page by page, or all at once on an explicit request."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.parsing import is_int, local_path, safe_int
from core.models import Notification
from core.notifications import ROOMS, for_user, mark_read, room_of, safe_link, state_of
from core.permissions import projects_for

PAGE_SIZE = 50
STATE_LABELS = {"unread": pgettext_lazy("notification state", "Unread"),
                "open": pgettext_lazy("notification state", "Open"),
                "resolved": pgettext_lazy("notification state", "Resolved"),
                "all": pgettext_lazy("notification state", "All")}


def _filters(request: HttpRequest) -> dict:
    """The filters of the query string; an unknown value is ignored (the page shows the default)."""
    state = request.GET.get("state", "all")
    room = request.GET.get("room", "")
    project = request.GET.get("project", "")
    return {"state": state if state in STATE_LABELS else "all", "room": room if room in ROOMS else "",
            "project": safe_int(project)}


def _back(request: HttpRequest) -> HttpResponse:
    target = local_path(request.POST.get("next"), request)
    return redirect(target or reverse("notifications"))


@login_required
def list_page(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(for_user(request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"n": n, "room": ROOMS.get(room_of(n), ""), "state": state_of(n),
             "state_label": STATE_LABELS[state_of(n)], "has_link": bool(safe_link(n.link))} for n in page]
    return render(request, "core/notifications.html", {
        "page": page, "rows": rows, "filters": filters, "states": STATE_LABELS.items(), "rooms": ROOMS.items(),
        "projects": projects_for(request.user).order_by("name"),
        "unread_shown": [r["n"].pk for r in rows if r["state"] == "unread"],
    })


@login_required
@require_POST
def mark_read_view(request: HttpRequest) -> HttpResponse:
    """`all=1` marks every unread notification; otherwise exactly the `ids` posted (the rows shown)."""
    if request.POST.get("all") == "1":
        count = mark_read(user=request.user)
    else:
        ids = request.POST.getlist("ids")
        if not ids or not all(is_int(i) for i in ids):
            messages.error(request, _("Choose the notifications to mark read."))
            return _back(request)
        try:
            count = mark_read(user=request.user, ids=[int(i) for i in ids])
        except NotFound as exc:
            raise Http404(str(exc.message)) from exc
    messages.success(request, _("%(count)s notification(s) marked read.") % {"count": count})
    return _back(request)


@login_required
@require_POST
def mark_one_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(user=request.user, ids=[notification.pk])
    return _back(request)


@login_required
def open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link: mark it read, then go there — only to a path on this site."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(user=request.user, ids=[notification.pk])
    target = safe_link(notification.link)
    if not target:
        messages.error(request, _("This notification has no page to open."))
        return redirect(reverse("notifications"))
    return redirect(target)
