"""What every front-desk page shares: the refusal page (which rule said no) and picking a record of the
current project from a form value."""
from __future__ import annotations

from typing import Callable

from django.shortcuts import render

from core.errors import DomainError
from core.parsing import is_int
from keys.pages.common import error_info


def refusal_page(title) -> Callable:
    """A `refused(request, exc)` for one area: the area's title, the reason and the rule, with the error's status."""
    def refused(request, exc: DomainError):
        return render(request, "desk/refused.html", {"title": title, "err": error_info(exc)}, status=exc.status)
    return refused


def pick(model, project, value):
    """The record of this project that a form names by its id, or None (never another project's)."""
    if not is_int(value or ""):
        return None
    return model.objects.filter(project=project, pk=int(value)).first()
