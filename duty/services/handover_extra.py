"""Around the handover: the incoming person declared unfit and a substitute named (HANDOVER-5),
major equipment starting or stopping (HANDOVER-5), unfinished work carried forward (HANDOVER-8),
the project's item list (HANDOVER-2)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import is_member, require_member
from core.retention import retain_until
from duty.models import (
    CarryItem,
    EquipmentOperation,
    Handover,
    HandoverItem,
    HandoverStatus,
    ItemCategory,
    OperationKind,
)
from duty.services.handover import is_supervisor, lock, require_party

CLAUSE_UNFIT = "004 I 3; 002 篇2 §2.4(4) 接班人员有喝酒跡象或其他神志不清现象,且又未找到顶班人时"


def _require_supervisor(user: User, project: Project, *, rule: str, clause: str = "") -> None:
    require_member(user, project)
    if not is_supervisor(user, project):
        raise NotAllowed(_("Only a supervisor may do this."), code="supervisor_only", rule=rule,
                         clause=clause or policies.resolve("duty.handover.supervisor_roles", project).clause)


def _require_open(handover: Handover, rule: str) -> None:
    if handover.status == HandoverStatus.COMPLETED:
        raise Conflict(_("The handover is already completed."), code="handover_completed", rule=rule)


@audit.atomic()
def declare_unfit(*, handover: Handover, declared_by: User, reason: str) -> Handover:
    """The outgoing person or a supervisor declares the incoming person unfit to take over
    (drinking, impaired): the handover is refused until a substitute is named (HANDOVER-5)."""
    handover = lock(handover)
    require_member(declared_by, handover.project)
    if declared_by.pk != handover.outgoing_id and not is_supervisor(declared_by, handover.project):
        raise NotAllowed(_("Only the outgoing person or a supervisor may declare the incoming person unfit."),
                         code="not_a_party", rule="HANDOVER-5", clause=CLAUSE_UNFIT)
    _require_open(handover, "HANDOVER-5")
    reason = limits.fit(Handover, "unfit_reason", reason)
    if not reason:
        raise DomainError(_("Say why the incoming person is unfit."), code="required", rule="HANDOVER-5",
                          details={"field": "reason"})
    handover.unfit_declared_at, handover.unfit_declared_by = clock.now(), declared_by
    handover.unfit_reason = reason
    handover.substitute_named_at = handover.substitute_named_by = None
    handover.save(update_fields=["unfit_declared_at", "unfit_declared_by", "unfit_reason", "substitute_named_at",
                                 "substitute_named_by"])
    audit.record(actor=declared_by, action="duty.handover.incoming_unfit", target=handover, project=handover.project,
                 data={"incoming": handover.incoming_id, "reason": handover.unfit_reason})
    return handover


@audit.atomic()
def name_substitute(*, handover: Handover, named_by: User, substitute: User) -> Handover:
    """A supervisor names who stands in for the unfit incoming person; the substitute becomes the
    incoming person and must check in and sign themselves (HANDOVER-5)."""
    handover = lock(handover)
    _require_supervisor(named_by, handover.project, rule="HANDOVER-5", clause=CLAUSE_UNFIT)
    _require_open(handover, "HANDOVER-5")
    if handover.unfit_declared_at is None:
        raise Conflict(_("The incoming person has not been declared unfit."), code="not_unfit", rule="HANDOVER-5")
    if not is_member(substitute, handover.project):
        raise DomainError(_("The substitute is not on this project's staff."), code="incoming_not_member",
                          rule="HANDOVER-5")
    if substitute.pk in (handover.outgoing_id, handover.incoming_id):
        raise DomainError(_("The substitute must be someone other than the two people handing over."),
                          code="same_person", rule="HANDOVER-5")
    handover.original_incoming_id = handover.original_incoming_id or handover.incoming_id
    handover.incoming = substitute
    handover.substitute_named_at, handover.substitute_named_by = clock.now(), named_by
    # The substitute arrives on their own: the unfit person's check-in does not count for them.
    handover.arrived_at = handover.arrive_by = None
    handover.arrived_late = False
    handover.save()
    audit.record(actor=named_by, action="duty.handover.substitute_named", target=handover, project=handover.project,
                 data={"unfit": handover.original_incoming_id, "substitute": substitute.pk})
    return handover


@audit.atomic()
def start_equipment_operation(*, project: Project, started_by: User, equipment: str, kind: str,
                              note: str = "") -> EquipmentOperation:
    """Register major equipment starting up or shutting down: handovers wait until it is finished (HANDOVER-5)."""
    require_member(started_by, project)
    if kind not in OperationKind.values:
        raise DomainError(_("Unknown kind of equipment operation."), code="invalid_kind", rule="HANDOVER-5")
    equipment = limits.fit(EquipmentOperation, "equipment", equipment)
    note = limits.fit(EquipmentOperation, "note", note)
    if not equipment:
        raise DomainError(_("Name the equipment."), code="required", rule="HANDOVER-5", details={"field": "equipment"})
    op = EquipmentOperation.objects.create(
        project=project, equipment=equipment, kind=kind, note=note,
        started_at=clock.now(), started_by=started_by,
        retain_until=retain_until(int(policies.value("duty.handover.retention_years", project))))
    audit.record(actor=started_by, action="duty.equipment.started", target=op, project=project,
                 data={"equipment": op.equipment, "kind": kind})
    return op


@audit.atomic()
def finish_equipment_operation(*, operation: EquipmentOperation, finished_by: User,
                               note: str = "") -> EquipmentOperation:
    """Start-up or shut-down finished: handovers may go ahead again (HANDOVER-5)."""
    operation = EquipmentOperation.objects.select_for_update().get(pk=operation.pk)
    require_member(finished_by, operation.project)
    if operation.finished_at is not None:
        raise Conflict(_("This equipment operation is already finished."), code="already_finished",
                       rule="HANDOVER-5")
    note = limits.fit(EquipmentOperation, "note", note)
    operation.finished_at, operation.finished_by = clock.now(), finished_by
    if note:
        operation.note = note
    operation.save()
    audit.record(actor=finished_by, action="duty.equipment.finished", target=operation, project=operation.project,
                 data={"equipment": operation.equipment})
    return operation


@audit.atomic()
def add_carry_item(*, handover: Handover, added_by: User, text: str) -> CarryItem:
    """Unfinished work the outgoing shift leaves to the next (004 D; 003 §4.3.2 b; HANDOVER-2, HANDOVER-8)."""
    handover = lock(handover)
    require_party(added_by, handover, rule="HANDOVER-8")
    _require_open(handover, "HANDOVER-8")
    text = limits.fit(CarryItem, "text", text)
    if not text:
        raise DomainError(_("Describe the unfinished work."), code="required", rule="HANDOVER-8",
                          details={"field": "text"})
    item = CarryItem.objects.create(project=handover.project, handover=handover, text=text,
                                    added_by=added_by, added_at=clock.now())
    audit.record(actor=added_by, action="duty.handover.carry_added", target=handover, project=handover.project,
                 data={"item": item.pk, "text": item.text})
    return item


@audit.atomic()
def mark_carry_done(*, item: CarryItem, done_by: User, note: str = "") -> CarryItem:
    """The following shift has finished what the last one left (003 §4.3.5 接班人跟进上班遗漏事项, HANDOVER-8)."""
    item = CarryItem.objects.select_for_update().select_related("handover").get(pk=item.pk)
    require_member(done_by, item.project)
    if item.done_at is not None:
        raise Conflict(_("This item is already marked done."), code="already_done", rule="HANDOVER-8")
    if item.handover.status != HandoverStatus.COMPLETED:
        raise Conflict(_("The item has not been handed over yet."), code="not_handed_over", rule="HANDOVER-8")
    note = limits.fit(CarryItem, "done_note", note)
    item.done_at, item.done_by, item.done_note = clock.now(), done_by, note
    item.save()
    audit.record(actor=done_by, action="duty.handover.carry_done", target=item, project=item.project,
                 data={"text": item.text, "note": item.done_note})
    return item


@audit.atomic()
def save_item(*, project: Project, actor: User, name: str, category: str, quantity: int = 1, key_category: str = "",
              active: bool = True, item: HandoverItem | None = None) -> HandoverItem:
    """Add or change an item on the project's handover list (HANDOVER-2); supervisors only."""
    _require_supervisor(actor, project, rule="HANDOVER-2")
    if category not in ItemCategory.values:
        raise DomainError(_("Unknown item category."), code="invalid_category", rule="HANDOVER-2")
    name = limits.fit(HandoverItem, "name", name)
    key_category = limits.fit(HandoverItem, "key_category", key_category)
    if not name:
        raise DomainError(_("Name the item."), code="required", rule="HANDOVER-2", details={"field": "name"})
    if item is None:
        if HandoverItem.objects.filter(project=project, name=name).exists():
            raise Conflict(_("The list already has this item."), code="duplicate_item", rule="HANDOVER-2")
        item = HandoverItem(project=project)
    elif item.project_id != project.pk:
        raise DomainError(_("No such item."), code="not_found", status=404)
    item.name, item.category, item.quantity = name, category, max(0, int(quantity))
    item.key_category, item.active = key_category, bool(active)
    item.save()
    audit.record(actor=actor, action="duty.handover.item_saved", target=item, project=project,
                 data={"name": item.name, "quantity": item.quantity, "active": item.active})
    return item
