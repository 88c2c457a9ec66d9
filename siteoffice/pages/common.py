"""What the site office's pages share: the refusal page, the status of a refused form, reading a day or a month."""
from __future__ import annotations

import datetime as dt

from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from core import clock
from core.parsing import safe_int
from core.web.pages import refusal_page, refusal_status

refused = refusal_page(gettext_lazy("Site office"))

FORBIDDEN = {"role_not_allowed", "self_approval", "same_approver_twice", "approver_not_allowed", "same_person",
             "forbidden"}
CONFLICT = {"illegal_transition", "day_closed", "already_closed", "already_signed", "already_reversed",
            "already_requested", "already_paid", "not_pending", "price_not_current", "duplicate_price",
            "duplicate_due", "not_a_charge"}


def err_status(err: dict | None) -> int:
    return refusal_status(err, forbidden=FORBIDDEN, conflict=CONFLICT, not_found=("not_found",))


def day_of(request, name: str = "day") -> dt.date:
    raw = request.GET.get(name, "") or ""
    try:
        return parse_date(raw) or clock.today()
    except ValueError:
        return clock.today()


def month_of(request) -> tuple[int, int]:
    today = clock.today()
    return (safe_int(request.GET.get("year"), today.year, low=2000, high=2999),
            safe_int(request.GET.get("month"), today.month, low=1, high=12))


def safe_day(raw: str | None) -> dt.date | None:
    try:
        return parse_date(raw or "")
    except ValueError:
        return None
