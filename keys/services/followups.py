"""Faults met in use, return incidents and follow-up notes (KEY-LOAN-7, -10, -11)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock
from core.errors import DomainError, NotAllowed
from core.models import User
from core.permissions import require_member
from keys.models import FaultKind, KeyFault, KeyLoan, KeySet, LoanFollowUp, LoanIncident
from keys.services.common import require_custodian_staff, require_text
from keys.services.ledger import set_status
from keys.states import FOLLOW_FLOW, FollowStatus, KeyStatus, LoanStatus


@audit.atomic()
def report_fault(*, key: KeySet, reported_by: User, kind: str, description: str,
                 loan: KeyLoan | None = None) -> KeyFault:
    """A key that won't open or is damaged is reported and followed up (KEY-LOAN-11)."""
    require_member(reported_by, key.project)
    if kind not in FaultKind.values:
        raise DomainError(_("Choose what is wrong with the key."), code="invalid_fault", rule="KEY-LOAN-11")
    description = require_text(description, field=_("description"), rule="KEY-LOAN-11", fits=(KeyFault, "description"))
    if loan is not None and loan.key_id != key.pk:
        raise DomainError(_("That loan is for another key."), code="key_mismatch")
    fault = KeyFault.objects.create(key=key, loan=loan, kind=kind, description=description,
                                    reported_by=reported_by, reported_at=clock.now())
    audit.record(actor=reported_by, action="keys.fault.reported", target=fault, project=key.project,
                 data={"key": key.number, "kind": kind, "description": description})
    return fault


@audit.atomic()
def resolve_fault(*, fault: KeyFault, resolved_by: User, resolution: str, key_usable: bool) -> KeyFault:
    fault = KeyFault.objects.select_for_update().select_related("key").get(pk=fault.pk)
    require_custodian_staff(resolved_by, fault.key, rule="KEY-LOAN-11")
    FOLLOW_FLOW.check(fault.status, FollowStatus.RESOLVED)
    fault.resolution = require_text(resolution, field=_("resolution"), rule="KEY-LOAN-11",
                                    fits=(KeyFault, "resolution"))
    fault.status, fault.resolved_by, fault.resolved_at = FollowStatus.RESOLVED, resolved_by, clock.now()
    fault.save()
    key = KeySet.objects.select_for_update().get(pk=fault.key_id)
    if key.status in {KeyStatus.IN_STORE, KeyStatus.DAMAGED}:
        set_status(key=key, status=KeyStatus.IN_STORE if key_usable else KeyStatus.DAMAGED)
    audit.record(actor=resolved_by, action="keys.fault.resolved", target=fault, project=key.project,
                 data={"resolution": fault.resolution, "key_usable": key_usable})
    return fault


@audit.atomic()
def resolve_incident(*, incident: LoanIncident, resolved_by: User, resolution: str,
                     ledger_pieces: int | None = None) -> LoanIncident:
    """Close a return incident; the ledger's piece count may be corrected with it."""
    incident = LoanIncident.objects.select_for_update().select_related("loan__key").get(pk=incident.pk)
    key = incident.loan.key
    require_custodian_staff(resolved_by, key, rule="KEY-LOAN-10")
    FOLLOW_FLOW.check(incident.status, FollowStatus.RESOLVED)
    if resolved_by.pk == incident.responsible_id:
        raise NotAllowed(_("The person responsible cannot close their own incident."), code="self_approval",
                         rule="KEY-LOAN-10")
    incident.resolution = require_text(resolution, field=_("resolution"), rule="KEY-LOAN-10",
                                       fits=(LoanIncident, "resolution"))
    incident.status, incident.resolved_by, incident.resolved_at = FollowStatus.RESOLVED, resolved_by, clock.now()
    incident.save()
    if ledger_pieces is not None:
        if int(ledger_pieces) < 1:
            raise DomainError(_("A key set has at least one piece."), code="invalid_pieces")
        key = KeySet.objects.select_for_update().get(pk=key.pk)
        key.pieces = int(ledger_pieces)
        key.updated_at = clock.now()
        key.save(update_fields=["pieces", "updated_at"])
    audit.record(actor=resolved_by, action="keys.incident.resolved", target=incident, project=key.project,
                 data={"resolution": incident.resolution, "ledger_pieces": ledger_pieces})
    return incident


@audit.atomic()
def add_follow_up(*, loan: KeyLoan, written_by: User, note: str) -> LoanFollowUp:
    """Why a key is not back yet, and each chase until it is (KEY-LOAN-7, KEY-DAILY-1)."""
    require_member(written_by, loan.project)
    if loan.status != LoanStatus.LENT:
        raise DomainError(_("Only an unreturned key is followed up."), code="not_lent")
    note = require_text(note, field=_("reason / follow-up"), rule="KEY-LOAN-7", fits=(LoanFollowUp, "note"))
    follow = LoanFollowUp.objects.create(loan=loan, written_by=written_by, written_at=clock.now(), note=note)
    audit.record(actor=written_by, action="keys.loan.followed_up", target=loan, project=loan.project,
                 data={"note": note})
    return follow
