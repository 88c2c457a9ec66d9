"""The shift handover (交接班): start, arrival, preparation, counting face to face, refusal, both sign
(HANDOVER-1..7). Unfit incoming, equipment operations and carried-forward work are in handover_extra."""
from __future__ import annotations

import datetime as dt
import math

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.notifications import resolve
from core.permissions import has_role, is_member, require_member
from core.retention import retain_until
from duty.models import (
    HANDOVER_FLOW,
    Handover,
    HandoverCount,
    HandoverItem,
    HandoverRefusal,
    HandoverStatus,
    ItemCondition,
)
from duty.selectors import handover as selectors
from duty.selectors.log import open_serious_entries

CLAUSE_REFUSE = "004 I; 002 篇2 §2.4 在下列情况下不得交接班"


class HandoverRefused(Conflict):
    """The handover may not happen now; `details["reasons"]` lists every reason (HANDOVER-5)."""

    code = "handover_refused"


def lock(handover: Handover) -> Handover:
    return Handover.objects.select_for_update(of=("self",)).select_related("project", "outgoing", "incoming").get(
        pk=handover.pk)


def is_supervisor(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("duty.handover.supervisor_roles", project))


def require_party(user: User, handover: Handover, *, rule: str) -> None:
    """The outgoing or incoming person, or a supervisor of the project."""
    require_member(user, handover.project)
    if user.pk not in (handover.outgoing_id, handover.incoming_id) and not is_supervisor(user, handover.project):
        raise NotAllowed(_("Only the two people handing over, or a supervisor, may do this."),
                         code="not_a_party", rule=rule)


def require_preparing(handover: Handover, *, rule: str) -> None:
    if handover.status != HandoverStatus.PREPARING:
        raise Conflict(_("The handover is no longer being prepared (%(status)s).")
                       % {"status": handover.get_status_display()}, code="not_preparing", rule=rule)


def ensure_items(project: Project) -> list[HandoverItem]:
    """The project's item list; the first handover seeds it from the policy (HANDOVER-2)."""
    items = list(selectors.items_of(project=project))
    if items or HandoverItem.objects.filter(project=project).exists():
        return items
    for order, row in enumerate(policies.value("duty.handover.default_items", project)):
        HandoverItem.objects.get_or_create(project=project, name=row["name"], defaults={
            "category": row.get("category", "other"), "quantity": int(row.get("quantity", 1)),
            "key_category": row.get("key_category", ""), "order": order})
    return list(selectors.items_of(project=project))


def expected_quantity(item: HandoverItem) -> int:
    """Keys expect what the key ledger has on the hook for the category (front-desk, model-unit keys); without a
    key room installed, the list's own quantity stands."""
    if not item.key_category or not handoffs.keys_on_hook.provided:
        return item.quantity
    return handoffs.keys_on_hook(item.project_id, item.key_category)


@audit.atomic()
def start_handover(*, project: Project, outgoing: User, incoming: User, shift_change_at: dt.datetime | None = None,
                   shift_code: str = "", created_by: User | None = None) -> Handover:
    """Open the handover sheet of a shift: counts to fill from the item list, the sheet from the
    shift's records (HANDOVER-1, HANDOVER-2). The shift change defaults to the issued roster's."""
    created_by = created_by or outgoing
    require_member(created_by, project)
    require_member(outgoing, project)
    if not is_member(incoming, project):
        raise DomainError(_("The incoming person is not on this project's staff."), code="incoming_not_member",
                          rule="HANDOVER-4")
    if outgoing.pk == incoming.pk:
        raise DomainError(_("The outgoing and the incoming person must be two people."), code="same_person",
                          rule="HANDOVER-4")
    if created_by.pk != outgoing.pk and not is_supervisor(created_by, project):
        raise NotAllowed(_("Only the outgoing person or a supervisor may start a handover."),
                         code="not_a_party", rule="HANDOVER-1")
    shift_code = limits.fit(Handover, "shift_code", shift_code)
    suggestion = selectors.suggested_next(project=project, outgoing=outgoing)
    shift_change_at = shift_change_at or suggestion.get("shift_change_at")
    if shift_change_at is None:
        raise DomainError(_("Give the time of the shift change."), code="required", rule="HANDOVER-3",
                          details={"field": "shift_change_at"})
    now = clock.now()
    try:
        with transaction.atomic():
            handover = Handover.objects.create(
                project=project, outgoing=outgoing, incoming=incoming, created_by=created_by, created_at=now,
                shift_change_at=shift_change_at, shift_code=shift_code or suggestion.get("shift_code", "")[:20],
                retain_until=retain_until(int(policies.value("duty.handover.retention_years", project))))
    except IntegrityError as exc:
        raise Conflict(_("%(name)s already has a handover in progress.") % {"name": outgoing.display_name},
                       code="handover_in_progress", rule="HANDOVER-6") from exc
    HandoverCount.objects.bulk_create([
        HandoverCount(handover=handover, item=item, name=item.name, category=item.category,
                      expected=expected_quantity(item)) for item in ensure_items(project)])
    handover.snapshot = selectors.build_sheet(handover)
    handover.save(update_fields=["snapshot"])
    audit.record(actor=created_by, action="duty.handover.started", target=handover, project=project,
                 data={"outgoing": outgoing.pk, "incoming": incoming.pk, "shift_change_at": shift_change_at})
    return handover


@audit.atomic()
def check_in(*, handover: Handover, actor: User, password: str = "") -> Handover:
    """The incoming person arrives: the server records the time and whether it was early enough
    (HANDOVER-3, 003 篇14 §4.3.1). On the outgoing person's device the incoming types their password."""
    handover = lock(handover)
    require_member(actor, handover.project)
    if handover.status == HandoverStatus.COMPLETED:
        HANDOVER_FLOW.check(handover.status, HandoverStatus.COMPLETED)
    if handover.arrived_at is not None:
        raise Conflict(_("The incoming person's arrival is already recorded."), code="already_arrived",
                       rule="HANDOVER-3")
    if actor.pk != handover.incoming_id:
        signatures.check_credentials(person=handover.incoming, password=password)
    rule = policies.resolve("duty.handover.arrive_early_minutes", handover.project)
    now = clock.now()
    handover.arrived_at = now
    handover.arrive_by = handover.shift_change_at - dt.timedelta(minutes=int(rule.value))
    handover.arrived_late = now > handover.arrive_by
    handover.save(update_fields=["arrived_at", "arrive_by", "arrived_late"])
    audit.record(actor=handover.incoming, action="duty.handover.arrived", target=handover, project=handover.project,
                 data={"arrived_at": now, "arrive_by": handover.arrive_by, "late": handover.arrived_late,
                       "clause": rule.clause})
    return handover


@audit.atomic()
def update_preparation(*, handover: Handover, actor: User, records_read: bool, equipment_checked: bool,
                       environment_checked: bool = False, public_repairs: str = "", notes: str = "") -> Handover:
    """The preparation checklist and the free-text parts of the sheet (HANDOVER-1, HANDOVER-2)."""
    handover = lock(handover)
    require_party(actor, handover, rule="HANDOVER-1")
    require_preparing(handover, rule="HANDOVER-1")
    handover.records_read, handover.equipment_checked = bool(records_read), bool(equipment_checked)
    handover.environment_checked = bool(environment_checked)
    handover.public_repairs, handover.notes = public_repairs.strip(), notes.strip()
    handover.save(update_fields=["records_read", "equipment_checked", "environment_checked", "public_repairs",
                                 "notes"])
    audit.record(actor=actor, action="duty.handover.prepared", target=handover, project=handover.project,
                 data={"records_read": handover.records_read, "equipment_checked": handover.equipment_checked,
                       "environment_checked": handover.environment_checked})
    return handover


@audit.atomic()
def record_counts(*, handover: Handover, counted_by: User, counts: dict[int, dict]) -> Handover:
    """Items counted face to face: expected vs counted; a shortfall is "missing" unless marked damaged
    (HANDOVER-2, HANDOVER-7). `counts` maps a count row id to {"counted", "condition", "note"}."""
    handover = lock(handover)
    require_party(counted_by, handover, rule="HANDOVER-2")
    require_preparing(handover, rule="HANDOVER-2")
    rows = {c.pk: c for c in handover.counts.select_for_update()}
    now = clock.now()
    for pk, value in counts.items():
        row = rows.get(int(pk))
        if row is None:
            raise DomainError(_("No such item on this handover."), code="unknown_item", rule="HANDOVER-2")
        note = limits.fit(HandoverCount, "note", value.get("note"))
        counted = value.get("counted")
        if counted is None or counted == "":
            continue
        try:
            counted = int(counted)
        except (TypeError, ValueError):
            counted = -1
        if counted < 0:
            raise DomainError(_("Count of “%(item)s” must be a whole number.") % {"item": row.name},
                              code="invalid_count", rule="HANDOVER-2", details={"item": row.pk})
        condition = value.get("condition") or ""
        if condition not in ItemCondition.values:
            condition = ItemCondition.OK if counted >= row.expected else ItemCondition.MISSING
        if condition == ItemCondition.OK and counted < row.expected:
            condition = ItemCondition.MISSING
        if (row.counted, row.condition) != (counted, condition):
            row.explanation, row.explained_at = "", None  # a new finding needs a new explanation
        row.counted, row.condition, row.note = counted, condition, note
        row.counted_at, row.counted_by = now, counted_by
        row.save()
    audit.record(actor=counted_by, action="duty.handover.counted", target=handover, project=handover.project,
                 data={"counts": {str(c.pk): [c.expected, c.counted, c.condition] for c in rows.values()}})
    return handover


@audit.atomic()
def explain_discrepancy(*, count: HandoverCount, explained_by: User, explanation: str) -> HandoverCount:
    """The outgoing person says where a damaged or missing item went; recorded with the handover (HANDOVER-7)."""
    handover = lock(count.handover)
    count = HandoverCount.objects.select_for_update().get(pk=count.pk)
    require_member(explained_by, handover.project)
    if explained_by.pk != handover.outgoing_id:
        raise NotAllowed(_("Only the outgoing person explains a damaged or missing item."),
                         code="outgoing_explains", rule="HANDOVER-7", clause="004 篇3 (二)1(1) 要求交接班人员说明物品去向")
    if handover.status == HandoverStatus.COMPLETED:
        HANDOVER_FLOW.check(handover.status, HandoverStatus.COMPLETED)
    if not count.discrepancy:
        raise DomainError(_("“%(item)s” was counted in order; there is nothing to explain.") % {"item": count.name},
                          code="nothing_to_explain", rule="HANDOVER-7")
    explanation = limits.fit(HandoverCount, "explanation", explanation)
    if not explanation:
        raise DomainError(_("Say where the item went or how it was damaged."), code="required", rule="HANDOVER-7",
                          details={"field": "explanation"})
    count.explanation, count.explained_at = explanation, clock.now()
    count.save(update_fields=["explanation", "explained_at"])
    audit.record(actor=explained_by, action="duty.handover.explained", target=handover, project=handover.project,
                 data={"item": count.name, "expected": count.expected, "counted": count.counted,
                       "condition": count.condition, "explanation": count.explanation})
    return count


def preparation_missing(handover: Handover) -> list[str]:
    """What of the preparation is not done: records read, items counted, equipment checked (HANDOVER-1)."""
    missing = []
    if not handover.records_read:
        missing.append(str(_("records read")))
    if handover.counts.filter(counted__isnull=True).exists():
        missing.append(str(_("items counted")))
    if not handover.equipment_checked:
        missing.append(str(_("equipment checked")))
    return missing


@audit.atomic()
def mark_ready(*, handover: Handover, actor: User) -> Handover:
    """Preparation done: the sheet is refreshed and frozen for signing (HANDOVER-1)."""
    handover = lock(handover)
    require_party(actor, handover, rule="HANDOVER-1")
    HANDOVER_FLOW.check(handover.status, HandoverStatus.READY)
    missing = preparation_missing(handover)
    if missing:
        raise DomainError(_("Preparation is not complete: %(missing)s.") % {"missing": "、".join(missing)},
                          code="preparation_incomplete", rule="HANDOVER-1",
                          clause="004 B 查看当班记录,清点物品,检查办公设备", details={"missing": missing})
    handover.status = HandoverStatus.READY
    handover.snapshot = selectors.build_sheet(handover)
    handover.save(update_fields=["status", "snapshot"])
    audit.record(actor=actor, action="duty.handover.ready", target=handover, project=handover.project)
    return handover


@audit.atomic()
def reopen(*, handover: Handover, actor: User) -> Handover:
    """Back to preparing, e.g. to count again."""
    handover = lock(handover)
    require_party(actor, handover, rule="HANDOVER-1")
    HANDOVER_FLOW.check(handover.status, HandoverStatus.PREPARING)
    handover.status = HandoverStatus.PREPARING
    handover.save(update_fields=["status"])
    audit.record(actor=actor, action="duty.handover.reopened", target=handover, project=handover.project)
    return handover


def _reason(code: str, message: str, rule: str, clause: str = "") -> dict:
    return {"code": code, "message": message, "rule": rule, "clause": clause}


def blockers(handover: Handover) -> list[dict]:
    """Every reason the shift may not be handed over right now (HANDOVER-1, -3, -5, -7)."""
    reasons = []
    serious = list(open_serious_entries(project=handover.project))
    if serious:
        reasons.append(_reason("serious_event_open", _("A major or emergency event is not resolved: %(events)s.") % {
            "events": "、".join(f"{e.serial} {e.get_kind_display()}" for e in serious)},
            "HANDOVER-5", "004 I 1; 002 篇2 §2.4(1) 重大事件或紧急事件未处理完"))
    operations = list(selectors.open_equipment_operations(project=handover.project))
    if operations:
        reasons.append(_reason("equipment_operating", _("Major equipment is starting or stopping: %(ops)s.") % {
            "ops": "、".join(f"{op.equipment} ({op.get_kind_display()})" for op in operations)},
            "HANDOVER-5", "002 篇2 §2.4(2) 重大设备启动或停机时"))
    missing = preparation_missing(handover)
    if missing or handover.status == HandoverStatus.PREPARING:
        text = "、".join(missing) if missing else _("not confirmed as ready")
        reasons.append(_reason("preparation_incomplete", _("Preparation is not complete: %(missing)s.")
                               % {"missing": text}, "HANDOVER-5", "004 I 2; 002 篇2 §2.4(3) 交接班准备工作未完成时"))
    if handover.unfit_declared_at and not handover.substitute_named_at:
        reasons.append(_reason("incoming_unfit", _("The incoming person was declared unfit (%(reason)s) and no "
                                                   "substitute has been named.") % {"reason": handover.unfit_reason},
                               "HANDOVER-5", "004 I 3; 002 篇2 §2.4(4) 接班人员有喝酒跡象…且又未找到顶班人"))
    if handover.arrived_at is None:
        reasons.append(_reason("incoming_not_arrived", _("The incoming person has not checked in."), "HANDOVER-3",
                               "003 篇14 §4.3.1"))
    unexplained = [c.name for c in handover.counts.all() if c.discrepancy and not c.explanation]
    if unexplained:
        reasons.append(_reason("discrepancy_unexplained", _("Damaged or missing items not explained by the outgoing "
                                                            "person: %(items)s.") % {"items": "、".join(unexplained)},
                               "HANDOVER-7", "004 篇3 (二)1(1) 发现损坏、缺遗应立即要求交接班人员说明物品去向"))
    return reasons


def _late_minutes(handover: Handover, at: dt.datetime) -> int:
    return max(0, math.ceil((at - handover.shift_change_at).total_seconds() / 60))


def complete_handover(*, handover: Handover, actor: User, outgoing_password: str,
                      incoming_password: str) -> Handover:
    """Both sign with their own passwords on one device; only then is the outgoing person released
    (HANDOVER-4, HANDOVER-6). While any reason stands the handover is refused, every reason is shown,
    and the refusal is recorded — the handover itself does not change (HANDOVER-5, HANDOVER-7)."""
    with transaction.atomic():
        handover = lock(handover)
        require_party(actor, handover, rule="HANDOVER-4")
        if handover.status == HandoverStatus.COMPLETED:
            HANDOVER_FLOW.check(handover.status, HandoverStatus.COMPLETED)
        # Passwords first: a mistyped password is not a refusal of the handover and leaves no record.
        signatures.check_credentials(person=handover.outgoing, password=outgoing_password)
        signatures.check_credentials(person=handover.incoming, password=incoming_password)
        reasons = blockers(handover)
        if not reasons:
            return _complete(handover, actor, outgoing_password, incoming_password)
        # The refusal is the only thing written; it commits so the refusal stays on record.
        refusal = HandoverRefusal.objects.create(handover=handover, attempted_by=actor, attempted_at=clock.now(),
                                                 reasons=reasons)
        audit.record(actor=actor, action="duty.handover.refused", target=handover, project=handover.project,
                     data={"refusal": refusal.pk, "reasons": [r["code"] for r in reasons]})
    raise HandoverRefused(_("The shift cannot be handed over: %(reasons)s")
                          % {"reasons": " ".join(r["message"] for r in reasons)},
                          rule=reasons[0]["rule"], clause=reasons[0]["clause"] or CLAUSE_REFUSE,
                          details={"reasons": reasons, "refusal": refusal.pk})


def _complete(handover: Handover, actor: User, outgoing_password: str, incoming_password: str) -> Handover:
    HANDOVER_FLOW.check(handover.status, HandoverStatus.COMPLETED)
    now = clock.now()
    handover.snapshot = selectors.build_sheet(handover)
    signatures.sign_with_credentials(target=handover, project=handover.project, capacity="outgoing",
                                     person=handover.outgoing, password=outgoing_password)
    signatures.sign_with_credentials(target=handover, project=handover.project, capacity="incoming",
                                     person=handover.incoming, password=incoming_password)
    handover.status = HandoverStatus.COMPLETED
    handover.completed_at = handover.released_at = now
    handover.late_minutes = _late_minutes(handover, now)
    handover.save()
    audit.record(actor=actor, action="duty.handover.completed", target=handover, project=handover.project,
                 data={"outgoing": handover.outgoing_id, "incoming": handover.incoming_id,
                       "late_minutes": handover.late_minutes, "released_at": now})
    resolve(subject=f"duty.handover:{handover.pk}")
    return handover


def counts_of(handover: Handover) -> list[HandoverCount]:
    return list(handover.counts.select_related("counted_by"))
