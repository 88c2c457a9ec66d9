"""Outsiders reading archives (ARCH-8; 002 篇1 §1.2.8–1.2.9): a person of another unit brings an introduction
letter and their ID; the archivist registers them (the ID encrypted, shown masked; the letter scanned as an
encrypted attachment); a leader approves; they read in the archive room — the volume counted out and back, the
visitor signing on the screen. Confidential archives are not shown to outsiders (§1.2.4 保密档案不供查阅)."""
from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from archives.models import OutsiderReading, OutsiderStatus, Volume
from archives.services.access import require_keeper
from core import approvals, attachments, audit, clock, crypto, limits, pii, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.lending import counter
from core.models import AttachmentKind, User

RULE = "ARCH-8"


def lock(reading: OutsiderReading | int) -> OutsiderReading:
    pk = getattr(reading, "pk", reading)
    found = (OutsiderReading.objects.select_for_update(of=("self",)).select_related("volume__category", "project")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _letters(reading: OutsiderReading):
    return attachments.attachments_of(reading).filter(kind=AttachmentKind.AUTHORIZATION)


@audit.atomic()
def register(*, volume: Volume, registered_by: User, visitor_name: str, visitor_unit: str, id_number: str,
             purpose: str) -> OutsiderReading:
    project = volume.project
    require_keeper(registered_by, project)
    if volume.status == "destroyed":
        raise Conflict(_("Volume %(number)s has been destroyed.") % {"number": volume.number},
                       code="volume_destroyed", rule="ARCH-10")
    if volume.category.confidential:
        raise NotAllowed(_("Confidential archives are not shown to outsiders."), code="confidential_not_lent",
                         rule="ARCH-5")
    name = limits.fit(OutsiderReading, "visitor_name", visitor_name, required=True, rule=RULE)
    unit = limits.fit(OutsiderReading, "visitor_unit", visitor_unit, required=True, rule=RULE)
    purpose = limits.fit(OutsiderReading, "purpose", purpose, required=True, rule=RULE)
    id_number = pii.id_card_number(id_number)
    if id_number is None:
        raise DomainError(_("Give the visitor's ID number (15 or 18 characters)."), code="invalid_id_number",
                          rule=RULE, details={"field": "id_number"})
    steps, clause = approvals.resolve("archives.approval.outsider", project)
    reading = OutsiderReading.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], volume=volume, visitor_name=name, visitor_unit=unit,
        id_number_cipher=crypto.encrypt_text(id_number), id_number_hint=id_number[-4:], purpose=purpose,
        chain=steps, chain_clause=clause[:300], registered_by=registered_by, registered_at=clock.now(),
        status=OutsiderStatus.PENDING if steps else OutsiderStatus.APPROVED)
    reading.serial = f"WC{clock.beijing(reading.registered_at):%Y%m%d}-{reading.pk:06d}"
    reading.save(update_fields=["serial"])
    audit.record(actor=registered_by, action="archives.outsider.registered", target=reading, project=project,
                 data={"volume": volume.number, "visitor": name, "unit": unit, "id_hint": reading.id_number_hint})
    return reading


def attach_letter(*, reading: OutsiderReading, uploaded_by: User, name: str, data: bytes):
    """The introduction letter's scan: an encrypted attachment, every opening audited (CORE-3, CORE-9)."""
    require_keeper(uploaded_by, reading.project)
    return attachments.attach(target=reading, project=reading.project, uploaded_by=uploaded_by, name=name,
                              data=data, kind=AttachmentKind.AUTHORIZATION)


@audit.atomic()
def decide(*, reading: OutsiderReading, approver: User, approve: bool, comment: str = "") -> OutsiderReading:
    reading = lock(reading)
    if reading.status != OutsiderStatus.PENDING:
        raise Conflict(_("This registration is not awaiting approval."), code="not_pending", rule=RULE)
    if approve and not _letters(reading).exists():
        raise DomainError(_("Scan the visitor's introduction letter before it is approved."),
                          code="letter_required", rule=RULE)
    index, step = approvals.pending_step(reading)
    approvals.check_approver(reading, approver, step, parties=[reading.registered_by_id], rule=RULE,
                             own_message=_("You registered this visit; a leader approves it."))
    comment = limits.fit(reading.approvals.model, "comment", comment, required=not approve, rule=RULE)
    approvals.record(reading, index=index, step=step, approver=approver, approved=approve, comment=comment)
    if not approve:
        reading.status = OutsiderStatus.REJECTED
    elif approvals.next_step(reading) is None:
        reading.status, reading.approved_at = OutsiderStatus.APPROVED, clock.now()
    reading.save(update_fields=["status", "approved_at"])
    audit.record(actor=approver, action="archives.outsider.approved" if approve else "archives.outsider.rejected",
                 target=reading, project=reading.project, approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment})
    return reading


@audit.atomic()
def begin(*, reading: OutsiderReading, archivist: User, counted, signature_image: str) -> OutsiderReading:
    """The volume handed over in the archive room, counted together; the visitor signs on the screen."""
    reading = lock(reading)
    require_keeper(archivist, reading.project)
    if reading.status != OutsiderStatus.APPROVED:
        raise Conflict(_("This visit is not approved."), code="not_approved", rule=RULE)
    counted = counter.require_count(expected=reading.volume.item_count, counted=counted, rule=RULE)
    signatures.sign_on_screen(target=reading, project=reading.project, capacity="archives_outsider",
                              name=reading.visitor_name, image=signature_image, witnessed_by=archivist)
    reading.status, reading.started_at, reading.items_out = OutsiderStatus.READING, clock.now(), counted
    reading.save(update_fields=["status", "started_at", "items_out"])
    audit.record(actor=archivist, action="archives.outsider.began", target=reading, project=reading.project,
                 data={"items": counted})
    return reading


@audit.atomic()
def finish(*, reading: OutsiderReading, archivist: User, counted, note: str = "") -> OutsiderReading:
    reading = lock(reading)
    require_keeper(archivist, reading.project)
    if reading.status != OutsiderStatus.READING:
        raise Conflict(_("This visitor is not reading now."), code="not_reading", rule=RULE)
    counter.require_count(expected=reading.items_out, counted=counted, rule=RULE, code="return_mismatch",
                          message=_("Handed %(out)s item(s) to the visitor, %(back)s counted back: find the rest "
                                    "before the visitor leaves, or report the loss.")
                          % {"out": reading.items_out, "back": counted})
    reading.note = limits.fit(OutsiderReading, "note", note)
    reading.status, reading.ended_at, reading.items_in = OutsiderStatus.CLOSED, clock.now(), int(counted)
    reading.received_by = archivist
    reading.save(update_fields=["status", "ended_at", "items_in", "received_by", "note"])
    signatures.sign_as_session_user(target=reading, project=reading.project, capacity="archives_taken_back_by",
                                    person=archivist)
    audit.record(actor=archivist, action="archives.outsider.finished", target=reading, project=reading.project,
                 data={"items": int(counted)})
    return reading
