"""What the safety pages share: the refusal page and the status of a refused form."""
from __future__ import annotations

import datetime as dt

from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from core.web.pages import refusal_page, refusal_status

refused = refusal_page(gettext_lazy("Safety"))

FORBIDDEN = {"role_not_allowed", "forbidden", "own_rectification", "own_meeting", "fire_test_required", "not_member",
             "bad_credentials"}
CONFLICT = {"no_round_due", "already_signed_in", "already_acted", "no_finding", "invalid_state", "not_rectified",
            "already_replied", "reply_missing", "already_inspected", "already_tested", "duplicate", "already_closed",
            "meeting_closed", "already_signed", "not_ordered", "not_due"}


def err_status(err: dict | None) -> int:
    return refusal_status(err, forbidden=FORBIDDEN, conflict=CONFLICT, not_found=("not_found", "unknown_checkpoint"))


def safe_day(raw: str | None) -> dt.date | None:
    try:
        return parse_date(raw or "")
    except ValueError:
        return None
