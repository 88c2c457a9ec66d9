"""Shared plumbing for key-room pages: scoping to the user's projects, running a service call."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.errors import DomainError
from core.permissions import projects_for
from keys.models import KeyLoan, KeySet


def my_key(request: HttpRequest, pk) -> KeySet:
    return get_object_or_404(KeySet.objects.filter(project__in=projects_for(request.user)), pk=pk)


def my_loan(request: HttpRequest, pk) -> KeyLoan:
    return get_object_or_404(KeyLoan.objects.filter(project__in=projects_for(request.user))
                             .select_related("key", "applicant", "holder", "project"), pk=pk)


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
        from core.labels import refusal_text  # one sentence: message, rule, the regulation's words

        info = error_info(exc)
        messages.error(request, refusal_text(info["message"], info["rule"], info["clause"]))
        return None, info
    messages.success(request, success)
    return result, None


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
