"""Who may do what in the site office: plain predicates used alike by the pages, the print views, the API and the
navigation, and the `require_*` forms the services call (refused naming the rule and its clause)."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, is_member, require_member, require_policy_role

FEE_RULE = "FEE-1"


def _in_policy(user, project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def read_fees(user, project) -> bool:
    """The price list, receipts, closes, the daily report and the monthly statement (FEE-1, FEE-2)."""
    return _in_policy(user, project, "siteoffice.fees.reader_roles")


def collect_fees(user, project) -> bool:
    """Receipts, the clerk's own daily close, fees due and reminders (FEE-1)."""
    return _in_policy(user, project, "siteoffice.fees.clerk_roles")


def publish_prices(user, project) -> bool:
    return _in_policy(user, project, "siteoffice.fees.price_roles")


def receive_closes(user, project) -> bool:
    return _in_policy(user, project, "siteoffice.fees.receiver_roles")


def _require(key: str, rule: str):
    def require(user, project) -> None:
        require_member(user, project)
        require_policy_role(user, project, key, rule=rule)
    return require


require_fee_reader = _require("siteoffice.fees.reader_roles", FEE_RULE)
require_clerk = _require("siteoffice.fees.clerk_roles", FEE_RULE)
require_price_setter = _require("siteoffice.fees.price_roles", FEE_RULE)
require_receiver = _require("siteoffice.fees.receiver_roles", FEE_RULE)


DECOR_RULE = "DECOR-1"


def read_decoration(user, project) -> bool:
    return is_member(user, project)


def handle_decoration(user, project) -> bool:
    return _in_policy(user, project, "siteoffice.decoration.clerk_roles")


def patrol_decoration(user, project) -> bool:
    return _in_policy(user, project, "siteoffice.decoration.patrol_roles")


def require_decoration_reader(user, project) -> None:
    require_member(user, project)


require_decoration_clerk = _require("siteoffice.decoration.clerk_roles", DECOR_RULE)
require_patroller = _require("siteoffice.decoration.patrol_roles", "DECOR-2")
require_inspector = _require("siteoffice.decoration.acceptance_roles", DECOR_RULE)
