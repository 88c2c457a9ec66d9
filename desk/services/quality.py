"""Quality checks of the front desk (QUALITY-1; 003 篇14 §4.4): record a check against the checklist
with a nonconformity for every failed item; close a nonconformity once corrected."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.notifications import resolve
from core.permissions import has_role, is_member, require_member
from core.retention import retain_until
from desk.models import NC_FLOW, CheckKind, Nonconformity, NonconformityStatus, QualityCheck

RULE = "QUALITY-1"


def may(user: User, project: Project, key: str) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value(key, project))


def require_checker(user: User, project: Project) -> None:
    require_member(user, project)
    if not may(user, project, "desk.quality.checker_roles"):
        raise NotAllowed(_("Checks are recorded by the customer-service supervisor or the manager."),
                         code="role_not_allowed", rule=RULE,
                         clause=policies.resolve("desk.quality.checker_roles", project).clause)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _bad(message: str, code: str, field: str = "") -> DomainError:
    return DomainError(message, code=code, rule=RULE, details={"field": field} if field else None)


def _clean_nonconformity(project: Project, raw: dict, checklist: list[str], today: dt.date) -> dict:
    item = (raw.get("item") or "").strip()
    if item not in checklist:
        raise _bad(_("Unknown checklist item."), "invalid_item", "item")
    person = raw.get("person")
    if not isinstance(person, User) or not person.is_active or not is_member(person, project):
        raise _bad(_("Name the person responsible among the project's staff."), "invalid_person", "person")
    description, correction = (raw.get("description") or "").strip(), (raw.get("correction") or "").strip()
    if not description:
        raise _bad(_("Say what was wrong."), "required", "description")
    if not correction:
        raise _bad(_("Say what is to be corrected."), "required", "correction")
    deadline = raw.get("deadline")
    if not isinstance(deadline, dt.date) or deadline < today:
        raise _bad(_("Give a correction deadline from today on."), "invalid_deadline", "deadline")
    return {"item": item, "person": person, "description": description, "correction": correction,
            "deadline": deadline}


@audit.atomic()
def record_check(*, project: Project, checked_by: User, kind: str, failed_items: list[str] | None = None,
                 nonconformities: list[dict] | None = None, handover=None, note: str = "") -> QualityCheck:
    """Record a check with the server's time: every checklist item passes unless named in
    `failed_items`, and each failed item needs at least one nonconformity (person, what was wrong,
    correction, deadline) — 《质量检查记录》 (003 篇14 §4.4.3–4.4.4). A check at a handover names it."""
    require_checker(checked_by, project)
    if kind not in CheckKind.values:
        raise _bad(_("Unknown kind of check."), "invalid_kind", "kind")
    checklist = list(policies.value("desk.quality.checklist", project))
    failed = [str(i).strip() for i in (failed_items or [])]
    if any(i not in checklist for i in failed):
        raise _bad(_("Unknown checklist item."), "invalid_item", "failed_items")
    if kind == CheckKind.HANDOVER:
        if handover is None:
            raise _bad(_("Name the handover the check was made at."), "handover_required", "handover")
        if handover.project_id != project.pk:
            raise DomainError(_("The handover is not in this project."), code="handover_not_in_project", rule="CORE-1")
    elif handover is not None:
        raise _bad(_("Only a check at a handover names a handover."), "handover_not_expected", "handover")
    today = clock.today()
    rows = [_clean_nonconformity(project, raw, checklist, today) for raw in (nonconformities or [])]
    missing = [i for i in failed if i not in {r["item"] for r in rows}]
    if missing:
        raise DomainError(_("Record a nonconformity for each failed item: %(items)s") % {"items": "、".join(missing)},
                          code="nonconformity_required", rule=RULE,
                          clause="003 篇14 §4.4.3 抽查中发现的不合格项记录于《质量检查记录》中",
                          details={"items": missing})
    stray = sorted({r["item"] for r in rows} - set(failed))
    failed += stray  # a nonconformity fails its item
    now = clock.now()
    keep = retain_until(int(policies.value("desk.quality.retention_years", project)))
    try:
        with transaction.atomic():
            check = QualityCheck.objects.create(
                project=project, serial=f"tmp-{now.timestamp()}-{checked_by.pk}", kind=kind, handover=handover,
                checked_by=checked_by, checked_at=now, week_start=week_start(clock.beijing(now).date()),
                results=[{"item": i, "ok": i not in failed} for i in checklist], note=(note or "").strip(),
                retain_until=keep)
    except IntegrityError:
        raise Conflict(_("This handover already has a check."), code="handover_already_checked", rule=RULE)
    check.serial = f"ZJ{clock.beijing(now):%Y%m%d}-{check.pk:05d}"
    check.save(update_fields=["serial"])
    for r in rows:
        Nonconformity.objects.create(project=project, check_record=check, retain_until=keep, **r)
    audit.record(actor=checked_by, action="desk.quality.checked", target=check, project=project,
                 data={"serial": check.serial, "kind": kind, "failed": failed, "nonconformities": len(rows),
                       "handover": handover.pk if handover else None})
    return check


@audit.atomic()
def close_nonconformity(*, nonconformity: Nonconformity, closed_by: User, note: str) -> Nonconformity:
    """The checker confirms the correction was made and closes the nonconformity."""
    nc = Nonconformity.objects.select_for_update().select_related("project").get(pk=nonconformity.pk)
    require_checker(closed_by, nc.project)
    NC_FLOW.check(nc.status, NonconformityStatus.CLOSED)
    note = limits.fit(Nonconformity, "closure_note", note)
    if not note:
        raise _bad(_("Say how the correction was verified."), "required", "note")
    nc.status, nc.closed_at, nc.closed_by, nc.closure_note = NonconformityStatus.CLOSED, clock.now(), closed_by, note
    nc.save(update_fields=["status", "closed_at", "closed_by", "closure_note"])
    audit.record(actor=closed_by, action="desk.quality.nonconformity_closed", target=nc, project=nc.project,
                 data={"check": nc.check_record_id, "on_time": clock.today() <= nc.deadline})
    resolve(subject=f"desk.quality_nc:{nonconformity.pk}")
    return nc
