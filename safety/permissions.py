"""Who may do what in fire safety, patrols and crews: predicates for pages, API and navigation, and the
`require_*` forms the services call (refused naming the rule and its clause)."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member, require_member, require_policy_role


def _in_policy(user, project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def read_safety(user, project) -> bool:
    return user.is_superuser or is_member(user, project)


def patrol(user, project) -> bool:
    return _in_policy(user, project, "safety.patrol.roles")


def fire_officer(user, project) -> bool:
    return _in_policy(user, project, "safety.fire.officer_roles")


def run_crews(user, project) -> bool:
    return _in_policy(user, project, "safety.crew.roles")


def check_crews(user, project) -> bool:
    return _in_policy(user, project, "safety.crew.checker_roles")


def _require(key: str, rule: str):
    def require(user, project) -> None:
        require_member(user, project)
        require_policy_role(user, project, key, rule=rule)
    return require


require_reader = require_member
require_patroller = _require("safety.patrol.roles", "PATROL-1")
require_fire_officer = _require("safety.fire.officer_roles", "FIRE-1")
require_crew_lead = _require("safety.crew.roles", "CREW-1")
require_crew_checker = _require("safety.crew.checker_roles", "CREW-1")
