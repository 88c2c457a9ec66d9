"""Destruction of archives (ARCH-10; 002 篇1 §1.5, 篇4 §1.7), through the house's approval chain (core.approvals).

The archivist draws up a destruction list (档案销毁清册) of volumes whose retention has ended; a volume still
within it only when the policy allows it, for a stated reason, with the GM's approval (篇4 §1.7 "无保存必要的材料，
经总经理批准可做销毁处理"); a permanent volume never. The policy's steps approve it — the site manager, and the GM
as well for documentary or confidential archives or an early destruction — never the one who drew it up, never
two steps by one person. Once approved, the archivist destroys the volumes before a witness and records it: how
(confidential ones through the shredder, 篇1 §1.5.2), when, who; both sign. The volumes end "destroyed": off their
shelves, never lent, shelved or checked again, kept in the catalogue with their destruction record."""
from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from archives.models import ArchiveLoan, DestructionLine, DestructionList, ShelfCheckLine, Volume
from archives.services.access import require_keeper
from archives.services.catalogue import FOREVER
from archives.states import (DESTRUCTION_FLOW, VOLUME_FLOW, DestructionMethod, DestructionStatus, Retention,
                             VolumeStatus)
from core import approvals, audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.lending.states import LOAN_FLOW, LoanStatus
from core.models import Project, User
from core.notifications import resolve
from core.permissions import is_member

RULE = "ARCH-10"
MAX_VOLUMES = 500  # one list is one printed 清册; a bigger clear-out is several lists


def lock(destruction: DestructionList | int) -> DestructionList:
    pk = getattr(destruction, "pk", destruction)
    found = (DestructionList.objects.select_for_update(of=("self",)).select_related("project", "drafted_by")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def needs_gm(volume: Volume) -> bool:
    """Documentary (the read-only categories, 文书档案) and confidential archives are the GM's to destroy."""
    return volume.category.read_only or volume.category.confidential


def _require_not_busy(volume: Volume) -> None:
    """Out on loan, or on a shelf check under way: it cannot be destroyed now."""
    if ArchiveLoan.objects.filter(volume=volume, status=LoanStatus.LENT).exists():
        raise Conflict(_("Volume %(number)s is out on loan; it is destroyed only once it is back.")
                       % {"number": volume.number}, code="volume_on_loan", rule=RULE,
                       details={"volume": volume.number})
    if ShelfCheckLine.objects.filter(volume=volume, check_record__checked_at__isnull=True).exists():
        raise Conflict(_("Volume %(number)s is on a shelf check under way; complete the check first.")
                       % {"number": volume.number}, code="volume_under_check", rule=RULE,
                       details={"volume": volume.number})


def _require_listable(volume: Volume, project: Project, early: bool) -> None:
    if volume.project_id != project.pk:
        raise DomainError(_("Choose volumes of this project."), code="invalid_choice", rule=RULE,
                          details={"field": "volumes"})
    if volume.status == VolumeStatus.DESTROYED:
        raise Conflict(_("Volume %(number)s is already destroyed.") % {"number": volume.number},
                       code="volume_destroyed", rule=RULE, details={"volume": volume.number})
    if volume.retention == Retention.PERMANENT or volume.retain_until >= FOREVER:
        raise NotAllowed(_("Volume %(number)s is kept permanently and is never destroyed.")
                         % {"number": volume.number}, code="permanent_archive", rule=RULE,
                         details={"volume": volume.number})
    if volume.retain_until >= clock.today() and not early:
        raise NotAllowed(_("Volume %(number)s is kept until %(date)s. Destroying it earlier needs a reason and "
                           "the GM's approval: mark the list as early.")
                         % {"number": volume.number, "date": volume.retain_until}, code="within_retention",
                         rule=RULE, details={"volume": volume.number, "retain_until": str(volume.retain_until)},
                         clause=policies.resolve("archives.destruction.early_allowed", project).clause)
    if DestructionLine.objects.filter(volume=volume, active=True).exists():
        raise Conflict(_("Volume %(number)s is already on a destruction list.") % {"number": volume.number},
                       code="already_listed", rule=RULE, details={"volume": volume.number})
    _require_not_busy(volume)


@audit.atomic()
def draw_up(*, project: Project, by: User, volumes: list[Volume | int], reason: str,
            early: bool = False) -> DestructionList:
    """The archivist's destruction list of volumes (or their ids) past retention (ARCH-10); it then walks the
    policy's steps."""
    require_keeper(by, project)
    reason = limits.fit(DestructionList, "reason", reason, required=True, rule=RULE)
    pks = list(dict.fromkeys(getattr(v, "pk", v) for v in volumes or []))
    if not pks:
        raise DomainError(_("Choose the volumes to destroy."), code="no_volumes", rule=RULE,
                          details={"field": "volumes"})
    limits.count(pks, field=_("volumes"), limit=MAX_VOLUMES)
    early = bool(early)
    if early and not policies.value("archives.destruction.early_allowed", project):
        raise NotAllowed(_("Volumes are destroyed only after their retention ends."), code="early_not_allowed",
                         rule=RULE, clause=policies.resolve("archives.destruction.early_allowed", project).clause)
    locked = list(Volume.objects.select_for_update(of=("self",)).select_related("category")
                  .filter(pk__in=pks).order_by("pk"))
    if len(locked) != len(pks):
        raise DomainError(_("Choose volumes of this project."), code="invalid_choice", rule=RULE,
                          details={"field": "volumes"})
    for volume in locked:
        _require_listable(volume, project, early)
    today = clock.today()
    early = any(v.retain_until >= today for v in locked)  # marked early, but every volume expired: an ordinary list
    important = early or any(needs_gm(v) for v in locked)
    steps, clause = approvals.resolve("archives.approval.destruction", project, important=important)
    now = clock.now()
    destruction = DestructionList.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], reason=reason, early=early, chain=steps,
        chain_clause=clause[:300], status=DestructionStatus.PENDING if steps else DestructionStatus.APPROVED,
        drafted_by=by, drafted_at=now, approved_at=None if steps else now)
    destruction.serial = f"XH{clock.beijing(now):%Y%m%d}-{destruction.pk:06d}"
    destruction.save(update_fields=["serial"])
    try:
        with transaction.atomic():
            DestructionLine.objects.bulk_create([DestructionLine(
                destruction=destruction, volume=v, confidential=v.category.confidential
                or v.items.filter(confidential=True).exists(), retain_until=v.retain_until, items=v.item_count,
                place=v.place) for v in locked])
    except IntegrityError:  # another list took one of them in the meantime
        raise Conflict(_("A volume is already on a destruction list."), code="already_listed", rule=RULE) from None
    audit.record(actor=by, action="archives.destruction.drawn_up", target=destruction, project=project,
                 data={"volumes": [v.number for v in locked], "early": early, "reason": reason,
                       "steps": [s["code"] for s in steps]})
    return destruction


@audit.atomic()
def decide(*, destruction: DestructionList, approver: User, approve: bool, comment: str = "") -> DestructionList:
    """One step of the list's approval; a rejection (with its reason) releases the volumes (ARCH-10)."""
    destruction = lock(destruction)
    if destruction.status != DestructionStatus.PENDING:
        raise Conflict(_("This list is not awaiting approval."), code="not_pending", rule=RULE)
    index, step = approvals.pending_step(destruction)
    approvals.check_approver(destruction, approver, step, parties=[destruction.drafted_by_id], rule=RULE,
                             own_message=_("You drew up this list; someone else approves it."))
    comment = limits.fit(destruction.approvals.model, "comment", comment, required=not approve, rule=RULE)
    approvals.record(destruction, index=index, step=step, approver=approver, approved=approve, comment=comment)
    fields = ["status"]
    if not approve:
        DESTRUCTION_FLOW.check(destruction.status, DestructionStatus.REJECTED)
        destruction.status = DestructionStatus.REJECTED
        destruction.lines.update(active=False)
    elif approvals.next_step(destruction) is None:
        DESTRUCTION_FLOW.check(destruction.status, DestructionStatus.APPROVED)
        destruction.status, destruction.approved_at = DestructionStatus.APPROVED, clock.now()
        fields.append("approved_at")
    destruction.save(update_fields=fields)
    audit.record(actor=approver, target=destruction, project=destruction.project,
                 action="archives.destruction.approved" if approve else "archives.destruction.rejected",
                 approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment, "status": destruction.status})
    return destruction


def _require_approved(destruction: DestructionList) -> None:
    if destruction.status == DestructionStatus.REJECTED:
        raise Conflict(_("This list was rejected; its volumes are kept."), code="list_rejected", rule=RULE)
    if destruction.status == DestructionStatus.DESTROYED:
        raise Conflict(_("This list has already been carried out."), code="already_destroyed", rule=RULE)
    if destruction.status != DestructionStatus.APPROVED:
        raise Conflict(_("The list is not approved yet; nothing is destroyed before it is."), code="not_approved",
                       rule=RULE, clause=destruction.chain_clause)


def _witness(destruction: DestructionList, by: User, witness: User | None, password: str) -> User | None:
    needed = int(policies.value("archives.destruction.witnesses", destruction.project))
    if witness is None:
        if needed:
            raise DomainError(_("Name the witness who sees the volumes destroyed."), code="witness_required",
                              rule=RULE, details={"field": "witness"},
                              clause=policies.resolve("archives.destruction.witnesses", destruction.project).clause)
        return None
    if witness.pk == by.pk:
        raise NotAllowed(_("The witness is someone other than the one who destroys."), code="same_person", rule=RULE,
                         details={"field": "witness"})
    if not witness.is_active or not is_member(witness, destruction.project):
        raise DomainError(_("Name a member of this project's staff."), code="invalid_person", rule=RULE,
                          details={"field": "witness"})
    signatures.check_credentials(person=witness, password=password)
    return witness


def _cancel_applications(volumes: list[Volume], by: User, destruction: DestructionList) -> None:
    """Applications to borrow or read a volume now destroyed can never be served: closed, each audited, so
    nothing waits for approval or checkout on a volume that is gone."""
    waiting = ArchiveLoan.objects.select_for_update().filter(
        volume__in=volumes, status__in=[LoanStatus.PENDING, LoanStatus.APPROVED]).order_by("pk")
    for loan in waiting:
        LOAN_FLOW.check(loan.status, LoanStatus.CANCELLED)
        loan.status = LoanStatus.CANCELLED
        loan.closing_note = limits.fit(ArchiveLoan, "closing_note", _("The volume was destroyed (%(list)s).")
                                       % {"list": destruction.serial})
        loan.save(update_fields=["status", "closing_note"])
        audit.record(actor=by, action="archives.loan.cancelled", target=loan, project=loan.project_id,
                     data={"reason": loan.closing_note})


@audit.atomic()
def carry_out(*, destruction: DestructionList, by: User, method: str, witness: User | None = None,
              witness_password: str = "", note: str = "") -> DestructionList:
    """Record the destruction of an approved list: how, when, by whom, before whom; the volumes end destroyed,
    taken off their shelves (ARCH-10; 002 篇1 §1.5.2 保密文件应使用碎纸机处理)."""
    destruction = lock(destruction)
    project = destruction.project
    require_keeper(by, project)
    _require_approved(destruction)
    if method not in DestructionMethod.values:
        raise DomainError(_("Say how the volumes were destroyed."), code="invalid_method", rule=RULE,
                          details={"field": "method"})
    lines = list(destruction.lines.select_related("volume"))
    if method != DestructionMethod.SHREDDED and any(line.confidential for line in lines):
        raise NotAllowed(_("Confidential archives go through the shredder."), code="confidential_not_shredded",
                         rule=RULE, clause="002 篇1 §1.5.2 保密文件应使用碎纸机处理", details={"field": "method"})
    note = limits.fit(DestructionList, "note", note)
    volumes = list(Volume.objects.select_for_update().filter(pk__in=[line.volume_id for line in lines]).order_by("pk"))
    for volume in volumes:
        _require_not_busy(volume)
        VOLUME_FLOW.check(volume.status, VolumeStatus.DESTROYED)
    witness = _witness(destruction, by, witness, witness_password)
    now = clock.now()
    _cancel_applications(volumes, by, destruction)
    for volume in volumes:
        place = volume.place
        volume.status = VolumeStatus.DESTROYED
        volume.room, volume.cabinet, volume.shelf, volume.position = "", "", None, None
        volume.save(update_fields=["status", "room", "cabinet", "shelf", "position"])
        audit.record(actor=by, action="archives.volume.destroyed", target=volume, project=project,
                     data={"number": volume.number, "list": destruction.serial, "method": method, "place": place})
    DESTRUCTION_FLOW.check(destruction.status, DestructionStatus.DESTROYED)
    destruction.status, destruction.method, destruction.destroyed_at = DestructionStatus.DESTROYED, method, now
    destruction.destroyed_by, destruction.witness, destruction.note = by, witness, note
    destruction.save(update_fields=["status", "method", "destroyed_at", "destroyed_by", "witness", "note"])
    signatures.sign_as_session_user(target=destruction, project=project, capacity="archives_destroyed_by", person=by)
    if witness is not None:
        signatures.sign_with_credentials(target=destruction, project=project,
                                         capacity="archives_destruction_witness", person=witness,
                                         password=witness_password)
    audit.record(actor=by, action="archives.destruction.carried_out", target=destruction, project=project,
                 data={"method": method, "witness": getattr(witness, "pk", None), "volumes": len(volumes)})
    resolve(subject=f"archives.expired:{project.pk}", kinds=["archives.retention_expired"])
    return destruction
