"""What the desk's daily registers share: who keeps them, and an identification shown at the desk — checked,
stored encrypted, shown by its last four characters only (FRONT-1..4; CORE-3)."""
from __future__ import annotations

import re

from django.utils.translation import gettext as _

from core import crypto, pii, policies
from core.errors import DomainError, NotAllowed
from core.models import Project, User
from core.permissions import has_role, require_member
from desk.models import IdType

OTHER_ID = re.compile(r"^[0-9A-Z()\-]{5,30}$")


def may_keep_registers(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.registers.staff_roles", project))


def require_register_staff(user: User, project: Project, *, rule: str) -> None:
    require_member(user, project)
    if not may_keep_registers(user, project):
        raise NotAllowed(_("Only front-desk staff keep the desk's registers."), code="not_desk_staff", rule=rule,
                         clause=policies.resolve("desk.registers.staff_roles", project).clause)


def checked_id(id_type: str, id_number: str, *, rule: str, field: str = "id_number") -> tuple[str, str, str]:
    """(type, cipher, hint) of an identification shown; refused (invalid_id_type, invalid_id_number) otherwise."""
    if id_type not in IdType.values:
        raise DomainError(_("Choose the kind of identification shown."), code="invalid_id_type", rule=rule,
                          details={"field": "id_type"})
    number = pii.normalised_id(id_number)
    pattern = pii.ID_CARD_NUMBER if id_type == IdType.RESIDENT_CARD else OTHER_ID
    if not pattern.match(number):
        raise DomainError(_("Give the number of the identification shown (an ID card has 15 or 18 characters)."),
                          code="invalid_id_number", rule=rule, details={"field": field})
    return id_type, crypto.encrypt_text(number), number[-4:]


def in_project(project: Project, *, unit=None, resident=None) -> None:
    """A unit or resident named on a register line belongs to the line's project (CORE-1)."""
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    if resident is not None and resident.project_id != project.pk:
        raise DomainError(_("The resident is not in this project."), code="resident_not_in_project", rule="CORE-1")
