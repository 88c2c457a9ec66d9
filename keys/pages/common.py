"""Key-room page plumbing: a key or a loan of one of the user's projects (the shared helpers are core.web.pages)."""
from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from core.parsing import safe_int
from core.permissions import restrict
from keys.models import KeyLoan, KeySet


def my_key(request: HttpRequest, pk) -> KeySet:
    return get_object_or_404(restrict(KeySet.objects, request.user), pk=safe_int(pk, 0))


def my_loan(request: HttpRequest, pk) -> KeyLoan:
    return get_object_or_404(restrict(KeyLoan.objects, request.user)
                             .select_related("key", "applicant", "holder", "project"), pk=safe_int(pk, 0))
