"""What the archive room's pages share: the refusal page, the volume of the user's projects a page names."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from archives.models import Volume
from core.permissions import restrict
from core.web.pages import refusal_page

refused = refusal_page(gettext_lazy("Archive room"))


def my_volume(request, pk: int) -> Volume:
    return get_object_or_404(restrict(Volume.objects, request.user).select_related(
        "project", "category", "department", "external_unit", "created_by"), pk=pk)


def err_status(err: dict | None) -> int:
    if not err:
        return 200
    return {"role_not_allowed": 403, "confidential_not_allowed": 403, "same_person": 403, "bad_credentials": 403,
            "account_locked": 403, "illegal_transition": 409, "volume_sealed": 409, "place_taken": 409,
            "already_checked": 409, "check_completed": 409, "duplicate_code": 409, "duplicate_unit": 409,
            "already_revoked": 409, "self_approval": 403, "approver_not_allowed": 403, "self_issue": 403,
            "forbidden": 403, "confidential_not_lent": 403, "read_only_archive": 403, "outsider_needs_letter": 403,
            "volume_already_lent": 409, "return_mismatch": 409, "not_pending": 409, "period_ended": 409,
            "already_decided": 409, "not_approved": 409, "not_reading": 409,
            "volume_destroyed": 409, "volume_on_loan": 409, "volume_under_check": 409, "already_listed": 409,
            "within_retention": 403, "permanent_archive": 403, "early_not_allowed": 403, "list_rejected": 409,
            "already_destroyed": 409, "confidential_not_shredded": 403, "import_rejected": 400,
            "file_too_large": 413}.get(err["code"], 400)
