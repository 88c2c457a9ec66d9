"""Who among the staff may do what in the residents' room (predicates for pages and navigation, `require_*` for
services). Residents themselves are no staff: the portal checks their household session instead."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member, require_member, require_policy_role


def _in_policy(user, project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def run_surveys(user, project) -> bool:
    return _in_policy(user, project, "residents.staff_roles")


def read_satisfaction(user, project) -> bool:
    return _in_policy(user, project, "residents.report_roles") or run_surveys(user, project)


def ask_key_consent(user, project) -> bool:
    return _in_policy(user, project, "residents.key_consent_roles")


def _require(key: str, rule: str):
    def require(user, project) -> None:
        require_member(user, project)
        require_policy_role(user, project, key, rule=rule)
    return require


require_survey_staff = _require("residents.staff_roles", "SURVEY-1")
require_notice_staff = _require("residents.staff_roles", "RES-2")
require_key_consent = _require("residents.key_consent_roles", "RES-2")


def require_report_reader(user, project) -> None:
    require_member(user, project)
    if not read_satisfaction(user, project):
        require_policy_role(user, project, "residents.report_roles", rule="SURVEY-1")
