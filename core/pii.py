"""Residents' personal data: stored encrypted, shown masked, revealed only to roles that need it
and every reveal audited (CORE-3, 002 篇6 §3)."""
from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, crypto, policies
from core.errors import NotAllowed
from core.masking import mask_id_number, mask_phone
from core.models import Resident, User
from core.permissions import has_role, require_member

# A resident identity card number (居民身份证): 15 digits, or 17 and a check digit or X.
ID_CARD_NUMBER = re.compile(r"^(\d{15}|\d{17}[\dX])$")


def normalised_id(value: str | None) -> str:
    """An ID number as typed, without spaces, in capitals (x → X)."""
    return re.sub(r"\s+", "", value or "").upper()


def id_card_number(value: str | None) -> str | None:
    """The identity card number typed, normalised, or None when it is not one."""
    number = normalised_id(value)
    return number if ID_CARD_NUMBER.match(number) else None


def set_id_number(resident: Resident, id_number: str) -> None:
    id_number = id_number.strip().upper()
    resident.id_number_cipher = crypto.encrypt_text(id_number)
    resident.id_number_digest = crypto.digest(id_number) if id_number else ""
    resident.id_number_hint = id_number[-4:]


def masked(resident: Resident) -> dict:
    return {"phone": mask_phone(resident.phone), "id_number": mask_id_number(resident.id_number_hint)}


def may_reveal(user: User, resident: Resident) -> bool:
    roles = policies.value("core.pii.reveal_roles", resident.project)
    return user.is_superuser or has_role(user, resident.project, *roles)


@transaction.atomic
def reveal(*, user: User, resident: Resident, field: str, reason: str = "") -> str:
    """Return one field in full; refused unless the role needs it; always audited."""
    require_member(user, resident.project)
    if field not in {"phone", "id_number"}:
        raise NotAllowed(_("Unknown field."), code="invalid_field")
    if not may_reveal(user, resident):
        raise NotAllowed(_("Your role may not see residents' personal data in full."), code="pii_not_allowed",
                         rule="CORE-3", clause=policies.resolve("core.pii.reveal_roles", resident.project).clause)
    value = resident.phone if field == "phone" else crypto.decrypt_text(resident.id_number_cipher)
    audit.record(actor=user, action="core.pii.revealed", target=resident, project=resident.project,
                 data={"field": field, "reason": reason[:200]})
    return value
