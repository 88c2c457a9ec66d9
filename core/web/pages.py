"""What every room's pages share: the current project, running one service call, the refusal page."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core import limits, uploads
from core.errors import DomainError, NotAllowed
from core.labels import refusal_text
from core.parsing import is_int


def current_project(request: HttpRequest):
    if request.project is None:
        raise Http404
    return request.project


def error_info(exc: DomainError) -> dict:
    return {"message": str(exc.message), "code": exc.code, "rule": exc.rule or "", "clause": str(exc.clause or "")}


def attempt(request: HttpRequest, call: Callable, success: str) -> tuple[object, dict | None]:
    """Run one service call; on refusal tell the user why (and which rule) — nothing was changed."""
    try:
        result = call()
    except DomainError as exc:
        info = error_info(exc)
        messages.error(request, refusal_text(info["message"], info["rule"], info["clause"]))  # one sentence
        return None, info
    messages.success(request, success)
    return result, None


def named_action(request: HttpRequest, record, actions: dict, done: dict) -> tuple[bool, dict | None]:
    """A detail page's POST naming one of `actions` ({name: fn(record, user, form)}), run through `attempt`.

    Answers (True, None) when it went through (the page redirects to itself), (False, refusal) when the service
    refused (the page reloads its record and shows why), and (False, None) when the request names no action."""
    if request.method != "POST":
        return False, None
    action = request.POST.get("action", "")
    if action not in actions:
        return False, None
    _result, refusal = attempt(request, lambda: actions[action](record, request.user, request.POST),
                               str(done[action]))
    return refusal is None, refusal


def parse_local(value: str | None) -> dt.datetime | None:
    """A datetime-local field, read in the server's zone (Beijing)."""
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        return None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def local_input(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def refusal_page(title) -> Callable:
    """A `refused(request, exc)` for one area: the area's title, the reason and the rule, with the error's status."""
    def refused(request, exc: DomainError):
        return render(request, "core/refused.html", {"title": title, "err": error_info(exc)}, status=exc.status)
    return refused


def pick(model, project, value):
    """The record of this project that a form names by its id, or None (never another project's)."""
    if not is_int(value or ""):
        return None
    return model.objects.filter(project=project, pk=int(value)).first()


def checked_by(require: Callable, refused: Callable) -> Callable:
    """A page whose room-specific check `require(user, project)` runs first: when it refuses (raising the room's
    DomainError with its own message, rule and clause), `refused(request, exc)` answers — one line on the view
    instead of the same try/except preamble in every view. Goes under @login_required."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                require(request.user, current_project(request))
                if request.method == "POST":
                    if request.content_type.startswith("multipart/") and request.FILES is not None:
                        refusal = uploads.refused(request)  # a file over the limit was not read
                        if refusal is not None:
                            raise refusal
                    limits.check_form(request.POST)  # a 25 MB "note" or 20,000 repeated fields stop here
            except DomainError as exc:
                return refused(request, exc)
            return view(request, *args, **kwargs)
        return wrapped
    return decorate


def page_requires(allowed: Callable, *, rule: str = "CORE-2", title=_("Not allowed")) -> Callable:
    """A page for the signed-in members of the current project whom `allowed(user, project)` admits (one of the
    room's predicates in its permissions.py — the same one the navigation uses, so no link leads to a 403).
    Anyone else gets the refusal page with status 403, naming the rule."""
    def require(user, project) -> None:
        if not allowed(user, project):
            raise NotAllowed(_("Your role does not allow this."), code="role_not_allowed", rule=rule)

    def decorate(view: Callable) -> Callable:
        return login_required(checked_by(require, refusal_page(title))(view))
    return decorate


def refusal_status(err: dict | None, *, forbidden, conflict, not_found=("not_found",)) -> int:
    """The status a page answers after `attempt`: 200 when nothing was refused, else 403, 404 or 409 by the room's
    own sets of codes, 400 for the rest."""
    if not err:
        return 200
    if err["code"] in forbidden:
        return 403
    if err["code"] in not_found:
        return 404
    return 409 if err["code"] in conflict else 400
