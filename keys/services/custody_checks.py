"""Supervisory custody checks: 行政部 monthly, 客服部 weekly; findings followed to closure (KEY-CHECK-1).

000 §6: the check reviews ledger, storage and returns. It is not the inventory (keys/services/inventory.py
counts keys); it links the period's inventory when one exists.
"""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.flow import Flow
from core.models import Project, User
from core.notifications import resolve
from core.permissions import has_role, in_department, is_member, require_member
from core.retention import retain_until
from keys.models import CheckFinding, CheckKind, CheckStatus, CustodyCheck, FindingStatus, InventoryCount

RULE = "KEY-CHECK-1"
ITEM_NOTE_CHARS = 300  # a checklist item's note, kept in the check's results
CHECK_FLOW = Flow("custody-check", {CheckStatus.OPEN: {CheckStatus.DONE}})
FINDING_FLOW = Flow("check-finding", {FindingStatus.OPEN: {FindingStatus.CLOSED}})


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The week (Monday–Sunday) or calendar month containing the day."""
    if kind == CheckKind.WEEKLY:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


SPOT_RULE = "KEY-CHECK-2"
SPOT_DEPARTMENT = "management"


def scope(kind: str, project: Project):
    if kind == CheckKind.SPOT:
        policy = policies.resolve("keys.custody_checks.spot", project)
        return {"department": SPOT_DEPARTMENT, **policy.value}, policy.clause
    policy = policies.resolve("keys.custody_checks.checks", project)
    return policy.value[kind], policy.clause


def _require_checker(user: User, check_kind: str, project: Project) -> dict:
    require_member(user, project)
    spec, clause = scope(check_kind, project)
    if check_kind == CheckKind.SPOT:  # management, unannounced: by role, not by department (KEY-CHECK-2)
        if not (user.is_superuser or has_role(user, project, *spec["roles"])):
            raise NotAllowed(_("Spot checks are made by management."), code="not_management", rule=SPOT_RULE,
                             clause=clause)
        return spec
    if not in_department(user, spec["department"]):
        raise NotAllowed(_("This check is made by another department."), code="wrong_department", rule=RULE,
                         clause=clause)
    return spec


def period_inventory(check: CustodyCheck) -> InventoryCount | None:
    lo, _ignored = clock.day_bounds(check.period_start)
    _ignored, hi = clock.day_bounds(check.period_end)
    return (InventoryCount.objects.filter(project=check.project, kind=check.kind, started_at__gte=lo,
                                          started_at__lt=hi).order_by("-started_at").first())


@audit.atomic()
def start_check(*, project: Project, kind: str, started_by: User, day: dt.date | None = None) -> CustodyCheck:
    """Open the check of the current (or a named past) period with the policy's checklist (KEY-CHECK-1)."""
    if kind not in CheckKind.values or kind == CheckKind.SPOT:
        raise DomainError(_("Unknown kind of check."), code="invalid_kind", rule=RULE)
    spec = _require_checker(started_by, kind, project)
    today = clock.today()
    day = day or today
    if day > today:
        raise DomainError(_("A check cannot be made for a future period."), code="future_period", rule=RULE)
    start, end = period_of(kind, day)
    try:
        with transaction.atomic():
            check = CustodyCheck.objects.create(
                project=project, kind=kind, department=spec["department"], period_start=start, period_end=end,
                checklist=[dict(item) for item in spec["items"]], started_by=started_by, started_at=clock.now(),
                retain_until=retain_until(2))
    except IntegrityError as exc:
        raise Conflict(_("The check of this period has already been started."), code="already_started",
                       rule=RULE) from exc
    audit.record(actor=started_by, action="keys.custody_check.started", target=check, project=project,
                 data={"kind": kind, "period": [start, end]})
    return check


def _lock(check: CustodyCheck) -> CustodyCheck:
    return CustodyCheck.objects.select_for_update().select_related("project").get(pk=check.pk)


@audit.atomic()
def start_spot_check(*, project: Project, started_by: User) -> CustodyCheck:
    """An unannounced spot check by management (KEY-CHECK-2, 000 §6(二)): no schedule and no reminder announce it;
    it is recorded, with its findings followed to closure, like the scheduled checks."""
    spec = _require_checker(started_by, CheckKind.SPOT, project)
    today = clock.today()
    check = CustodyCheck.objects.create(
        project=project, kind=CheckKind.SPOT, department=spec["department"], period_start=today, period_end=today,
        checklist=[dict(item) for item in spec["items"]], started_by=started_by, started_at=clock.now(),
        retain_until=retain_until(2))
    audit.record(actor=started_by, action="keys.custody_check.spot_started", target=check, project=project,
                 data={"kind": CheckKind.SPOT, "day": today})
    return check


def _close_by_checker(user: User, check: CustodyCheck) -> bool:
    if check.kind == CheckKind.SPOT:
        return has_role(user, check.project, *scope(CheckKind.SPOT, check.project)[0]["roles"])
    return in_department(user, check.department)


@audit.atomic()
def add_finding(*, check: CustodyCheck, added_by: User, description: str, owner: User,
                deadline: dt.date | None = None, item: str = "") -> CheckFinding:
    """A finding with an owner and a rectification deadline (KEY-CHECK-1)."""
    check = _lock(check)
    _require_checker(added_by, check.kind, check.project)
    if check.status != CheckStatus.OPEN:
        raise Conflict(_("This check is already done."), code="check_done", rule=RULE)
    description = limits.fit(CheckFinding, "description", description)
    if not description:
        raise DomainError(_("Describe the finding."), code="required", rule=RULE, details={"field": "description"})
    if owner is None or not owner.is_active or not is_member(owner, check.project):
        raise DomainError(_("Name a staff member of this project as owner of the finding."), code="owner_required",
                          rule=RULE)
    today = clock.today()
    deadline = deadline or today + dt.timedelta(days=int(policies.value("keys.custody_checks.finding_days",
                                                                        check.project)))
    if deadline < today:
        raise DomainError(_("The rectification deadline cannot be in the past."), code="deadline_past", rule=RULE)
    codes = {entry["code"] for entry in check.checklist}
    if item and item not in codes:
        raise DomainError(_("Unknown checklist item."), code="invalid_item", rule=RULE)
    finding = CheckFinding.objects.create(check_record=check, item=item, description=description, owner=owner,
                                          deadline=deadline, created_by=added_by, created_at=clock.now())
    audit.record(actor=added_by, action="keys.custody_check.finding_added", target=finding, project=check.project,
                 data={"check": check.pk, "owner": owner.pk, "deadline": deadline, "item": item})
    return finding


@audit.atomic()
def complete_check(*, check: CustodyCheck, completed_by: User, results: dict[str, dict],
                   note: str = "") -> CustodyCheck:
    """Every checklist item answered; an item found wanting needs a finding (KEY-CHECK-1)."""
    check = _lock(check)
    _require_checker(completed_by, check.kind, check.project)
    CHECK_FLOW.check(check.status, CheckStatus.DONE)
    codes = [entry["code"] for entry in check.checklist]
    missing = [code for code in codes if code not in results or results[code].get("ok") is None]
    if missing:
        raise DomainError(_("Answer every checklist item."), code="items_unanswered", rule=RULE,
                          details={"missing": missing})
    with_findings = set(check.findings.values_list("item", flat=True))
    unfounded = [code for code in codes if not results[code]["ok"] and code not in with_findings]
    if unfounded:
        raise DomainError(_("An item found wanting needs a finding with an owner and a deadline."),
                          code="finding_required", rule=RULE, details={"items": unfounded})
    notes = {code: limits.within(results[code].get("note"), field=_("note"), limit=ITEM_NOTE_CHARS) for code in codes}
    note = limits.fit(CustodyCheck, "note", note)
    check.results = {code: {"ok": bool(results[code]["ok"]), "note": notes[code]} for code in codes}
    check.status = CheckStatus.DONE
    check.completed_by, check.completed_at = completed_by, clock.now()
    check.note = note
    check.inventory = period_inventory(check)
    check.save()
    audit.record(actor=completed_by, action="keys.custody_check.completed", target=check, project=check.project,
                 data={"results": check.results, "findings": check.findings.count(),
                       "inventory": check.inventory_id})
    return check


@audit.atomic()
def close_finding(*, finding: CheckFinding, closed_by: User, action_taken: str) -> CheckFinding:
    """Closed with what was done, by its owner or the checking department (KEY-CHECK-1)."""
    finding = CheckFinding.objects.select_for_update().select_related("check_record__project").get(pk=finding.pk)
    check = finding.check_record
    require_member(closed_by, check.project)
    if closed_by.pk != finding.owner_id and not _close_by_checker(closed_by, check):
        raise NotAllowed(_("Only the owner of the finding or the checking department may close it."),
                         code="not_owner", rule=RULE)
    FINDING_FLOW.check(finding.status, FindingStatus.CLOSED)
    action_taken = limits.fit(CheckFinding, "action_taken", action_taken)
    if not action_taken:
        raise DomainError(_("Record what was done to rectify it."), code="required", rule=RULE,
                          details={"field": "action_taken"})
    now = clock.now()
    finding.status, finding.action_taken, finding.closed_by, finding.closed_at = (
        FindingStatus.CLOSED, action_taken, closed_by, now)
    finding.save()
    audit.record(actor=closed_by, action="keys.custody_check.finding_closed", target=finding, project=check.project,
                 data={"action_taken": finding.action_taken, "late": clock.beijing(now).date() > finding.deadline})
    resolve(subject=f"keys.finding:{finding.pk}")
    return finding
