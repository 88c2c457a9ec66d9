"""Who works where in the key room: plain predicates (user, project) -> bool, from the policies that the services
enforce, used by the navigation and the pages' own checks (CORE-2)."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member
from core.roles import Role

MANAGERS = (Role.SITE_MANAGER, Role.GENERAL_MANAGER)


def _in_policy(user, project, key: str, *extra: str) -> bool:
    value = policies.value(key, project)
    roles = value["roles"] if isinstance(value, dict) else value
    return user.is_superuser or has_role(user, project, *roles, *extra)


def work_the_key_desk(user, project) -> bool:
    """Issue and take back keys at the counter: the issuers the policy names (KEY-LOAN-5)."""
    return _in_policy(user, project, "keys.issuers")


def keep_the_registers(user, project) -> bool:
    """The ledger, the daily register and the inventory: who reviews the register daily, and the managers
    (KEY-LEDGER-1, KEY-LOAN-7)."""
    return _in_policy(user, project, "keys.daily_review.roles", *MANAGERS)


def handle_custody(user, project) -> bool:
    """Deposits, losses, shift keys and supervision checks: the key-room staff who handle them, and the
    managers who sign and approve (KEY-DEPOSIT-1, KEY-LOSS-1, KEY-SHIFT-1)."""
    return _in_policy(user, project, "keys.loss.handler_roles", *MANAGERS)


def apply_for_keys(user, project) -> bool:
    """Any member may apply for a key and follow their own applications and approvals (KEY-LOAN-1)."""
    return is_member(user, project)
