"""Helpers shared by the key-room services: eligibility checks that name the rule."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import limits, policies
from core.errors import NotAllowed, NotFound
from core.models import Project, User
from core.permissions import has_role, in_department, is_member, require_member
from keys.models import KeyLoan, KeySet


def custodian_of(category: str, project: Project) -> str:
    return policies.value(f"keys.custodian.{category}", project)


def require_staff_member(user: User, project: Project, *, rule: str = "KEY-LOAN-6") -> None:
    """Keys go only to the property's own staff in this project (001 篇13 b.5)."""
    if not user.is_active or not is_member(user, project):
        raise NotAllowed(_("%(name)s is not a staff member of this project; keys are lent only to our own staff.")
                         % {"name": user.display_name}, code="not_project_staff", rule=rule,
                         clause=policies.resolve("keys.contractor_sponsors", project).clause)


def require_custodian_staff(user: User, key: KeySet, *, rule: str = "KEY-LOAN-5") -> None:
    """Unit keys are issued and taken back by 客服部, public and office keys by 行政部 (KEY-LOAN-5)."""
    require_member(user, key.project)
    department = custodian_of(key.category, key.project)
    issuers = policies.resolve("keys.issuers", key.project)
    if not (in_department(user, department) and has_role(user, key.project, *issuers.value["roles"])):
        raise NotAllowed(_("Only key staff of the custodian department may issue or take back this key."),
                         code="not_custodian", rule=rule,
                         clause=policies.resolve(f"keys.custodian.{key.category}", key.project).clause)


def scanned_matches(key: KeySet, scanned: str) -> bool:
    text = (scanned or "").strip()
    return bool(text) and (text.rstrip("/").split("/")[-1].upper() == key.tag_token or text == key.number)


def require_text(value: str, *, field: str, rule: str, fits: tuple | None = None) -> str:
    """A text the person must give; `fits=(Model, "column")` also refuses one longer than its column (too_long)."""
    if fits is not None:
        return limits.fit(fits[0], fits[1], value, required=True, rule=rule, label=field)
    return limits.text(value, field=field, required=True, rule=rule)


def lock_loan(loan: KeyLoan | int) -> KeyLoan:
    """Re-read and lock the loan and its key (in one statement) for the rest of the transaction.

    Only those two rows are locked: the project and the people are read with them, not locked, so
    desk actions on other keys of the same project never queue behind this one."""
    pk = getattr(loan, "pk", loan)
    found = (KeyLoan.objects.select_for_update(of=("self", "key"))
             .select_related("key", "project", "holder").filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    # The same rows under two names are read once (each joined table costs ~0.3 ms on the desk's path).
    if found.key.project_id == found.project_id:
        found.key.project = found.project
    if found.applicant_id == found.holder_id:  # unless the loan was transferred
        found.applicant = found.holder
    return found
