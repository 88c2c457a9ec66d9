"""Who may do what in the staff room: plain predicates for pages, print views, API and navigation, and the
`require_*` forms the services call (refused naming the rule)."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member, require_member, require_policy_role


def _in_policy(user, project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def is_staff_member(user, project) -> bool:
    return is_member(user, project) and has_role(user, project, *policies.value("staff.staff_roles", project))


def read_training(user, project) -> bool:
    return is_member(user, project)


def record_training(user, project) -> bool:
    return _in_policy(user, project, "staff.training.recorder_roles")


def make_daily_checks(user, project) -> bool:
    return _in_policy(user, project, "staff.daily_check.checker_roles")


def read_daily_checks(user, project) -> bool:
    return make_daily_checks(user, project) or record_training(user, project)


def prepare_appraisals(user, project) -> bool:
    return _in_policy(user, project, "staff.appraisal.preparer_roles")


def read_appraisals(user, project) -> bool:
    """Preparers and approvers see every card; a staff member sees their own (the pages filter)."""
    return is_member(user, project)


def read_all_appraisals(user, project) -> bool:
    steps = policies.value("staff.appraisal.approval", project)
    roles = {r for step in steps for r in step.get("roles", [])}
    return prepare_appraisals(user, project) or user.is_superuser or has_role(user, project, *roles)


def _require(key: str, rule: str):
    def require(user, project) -> None:
        require_member(user, project)
        require_policy_role(user, project, key, rule=rule)
    return require


require_recorder = _require("staff.training.recorder_roles", "STAFF-1")
require_checker = _require("staff.daily_check.checker_roles", "STAFF-2")
require_preparer = _require("staff.appraisal.preparer_roles", "STAFF-3")
