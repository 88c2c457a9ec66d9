"""Who the staff room looks after: the project's staff in the policy's roles."""
from __future__ import annotations

from core.models import Project, User
from core.permissions import staff_in_policy_roles


def staff_of(project: Project) -> list[User]:
    return sorted((u for u in staff_in_policy_roles(project, "staff.staff_roles") if u.is_active),
                  key=lambda u: (u.display_name, u.pk))
