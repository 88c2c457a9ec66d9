"""What the staff room's pages share: the refusal page, the status of a refused form, reading a day or a month."""
from __future__ import annotations

import datetime as dt

from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from core import clock
from core.models import User
from core.parsing import is_int
from core.permissions import is_member
from core.web.pages import refusal_page, refusal_status

refused = refusal_page(gettext_lazy("Staff"))

FORBIDDEN = {"role_not_allowed", "self_approval", "same_approver_twice", "approver_not_allowed", "not_mentor",
             "not_own_diary", "forbidden", "not_management"}
CONFLICT = {"illegal_transition", "already_signed", "not_pending", "not_draft", "already_prepared", "already_read",
            "already_written", "already_started", "induction_completed"}


def err_status(err: dict | None) -> int:
    return refusal_status(err, forbidden=FORBIDDEN, conflict=CONFLICT, not_found=("not_found",))


def safe_day(raw: str | None) -> dt.date | None:
    try:
        return parse_date(raw or "")
    except ValueError:
        return None


def day_of(request, name: str = "day") -> dt.date:
    return safe_day(request.GET.get(name)) or clock.today()


def month_of(raw: str | None) -> dt.date | None:
    """"2026-03" → 1 March 2026; None when not a month."""
    return safe_day(f"{raw}-01") if raw and len(raw) == 7 else None


def person_of(project, raw) -> User | None:
    """A member of the project named by id in a form, or None."""
    if not is_int(str(raw or "")):
        return None
    person = User.objects.filter(pk=int(raw)).first()
    return person if person is not None and is_member(person, project) else None
