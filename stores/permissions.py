"""Who may do what in the store room: predicates for pages, API and navigation, and `require_*` for services."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member, require_member, require_policy_role


def _in_policy(user, project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def read_stock(user, project) -> bool:
    return user.is_superuser or is_member(user, project)


def keep_stock(user, project) -> bool:
    return _in_policy(user, project, "stores.keeper_roles")


def audit_stock(user, project) -> bool:
    return _in_policy(user, project, "stores.auditor_roles")


def _require(key: str, rule: str):
    def require(user, project) -> None:
        require_member(user, project)
        require_policy_role(user, project, key, rule=rule)
    return require


def require_reader(user, project) -> None:
    require_member(user, project)


require_keeper = _require("stores.keeper_roles", "STOCK-2")
require_auditor = _require("stores.auditor_roles", "STOCK-3")
require_issuer = _require("stores.issuer_roles", "STOCK-2")
require_dispatcher = _require("stores.requisition.dispatch_roles", "STOCK-5")
