"""What the store room's pages share: the refusal page and the status of a refused form."""
from __future__ import annotations

from django.utils.translation import gettext_lazy

from core.web.pages import refusal_page

refused = refusal_page(gettext_lazy("Store room"))

FORBIDDEN = {"role_not_allowed", "self_approval", "same_approver_twice", "approver_not_allowed", "self_audit",
             "forbidden"}
CONFLICT = {"illegal_transition", "audited_locked", "warehouse_fixed", "insufficient_stock", "expired_stock",
            "not_pending"}


def err_status(err: dict | None) -> int:
    if not err:
        return 200
    if err["code"] in FORBIDDEN:
        return 403
    if err["code"].endswith("not_found"):
        return 404
    return 409 if err["code"] in CONFLICT else 400
