"""Repair-period keys (返修钥匙): the resident's pickup in 《返修钥匙领取登记表》 with an identity check,
and the developer's confirmation a contractor needs before borrowing one (KEY-REPAIR-1, 003 篇8 §4.3)."""
from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from core import attachments, audit, clock, crypto, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.handoffs import LogNote
from core.models import AttachmentKind, Resident, User
from core.permissions import require_member
from keys.categories import Category
from keys.models import DeveloperConfirmation, KeySet, PickupIdKind, PickupRelation, RepairPickup
from keys.services.common import require_custodian_staff
from keys.services.ledger import set_status
from keys.states import KeyStatus

ID_NUMBER = re.compile(r"^(\d{15}|\d{17}[\dX])$")
RETENTION_YEARS = 2


def _require_repair_key(key: KeySet) -> None:
    if key.category != Category.REPAIR:
        raise DomainError(_("Key %(number)s is not a repair-period key.") % {"number": key.number},
                          code="not_repair_key", rule="KEY-REPAIR-1")


@audit.atomic()
def record_pickup(*, key: KeySet, registered_by: User, picker_name: str, relation: str, id_kind: str,
                  id_number: str = "", certificate_number: str = "", resident: Resident | None = None,
                  owner_consent: bool = False, note: str = "") -> RepairPickup:
    """A resident takes back a repair-period key after an identity check (KEY-REPAIR-1, 003 §4.3(3)).

    The owner shows an ID card or the owner certificate; anyone else an ID card or the owner's
    authorization letter, and the owner is phoned for consent — that call goes to the duty log."""
    key = KeySet.objects.select_for_update(of=("self",)).select_related("project", "unit").get(pk=key.pk)
    project = key.project
    require_custodian_staff(registered_by, key, rule="KEY-REPAIR-1")
    _require_repair_key(key)
    if key.status != KeyStatus.IN_STORE:
        raise Conflict(_("Key %(number)s is not in store (%(status)s).")
                       % {"number": key.number, "status": key.get_status_display()}, code="key_not_available",
                       rule="KEY-REPAIR-1")
    picker_name = limits.fit(RepairPickup, "picker_name", picker_name, required=True, rule="KEY-REPAIR-1",
                             label=_("collected by"))
    certificate_number = limits.fit(RepairPickup, "certificate_number", certificate_number)
    note = limits.fit(RepairPickup, "note", note)
    if relation not in PickupRelation.values:
        raise DomainError(_("Say who collects the key."), code="invalid_relation", rule="KEY-REPAIR-1")
    if id_kind not in PickupIdKind.values:
        raise DomainError(_("Choose the identity document shown."), code="identity_required", rule="KEY-REPAIR-1")
    if resident is not None and resident.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    id_number = (id_number or "").strip().upper()
    if id_kind == PickupIdKind.ID_CARD and not ID_NUMBER.match(id_number):
        raise DomainError(_("Enter the ID card number shown (15 or 18 characters)."), code="identity_required",
                          rule="KEY-REPAIR-1")
    if id_kind != PickupIdKind.ID_CARD and not certificate_number:
        raise DomainError(_("Enter the number of the owner certificate or authorization letter."),
                          code="identity_required", rule="KEY-REPAIR-1")
    if relation == PickupRelation.OWNER and id_kind == PickupIdKind.AUTHORIZATION:
        raise DomainError(_("The owner shows an ID card or the owner certificate."), code="identity_required",
                          rule="KEY-REPAIR-1")
    if relation != PickupRelation.OWNER:
        if id_kind == PickupIdKind.OWNER_CERTIFICATE:
            raise DomainError(_("Someone other than the owner shows an ID card or the owner's authorization letter."),
                              code="identity_required", rule="KEY-REPAIR-1")
        if not owner_consent:
            raise DomainError(_("Call the owner and obtain consent before handing the key to someone else."),
                              code="owner_consent_required", rule="KEY-REPAIR-1",
                              clause="003 篇8 §4.3(3) 与业户取得联系,说明情况经其同意后,方可办理相关手续")
    now = clock.now()
    pickup = RepairPickup.objects.create(
        project=project, key=key, resident=resident, picker_name=picker_name, relation=relation,
        id_kind=id_kind, id_number_cipher=crypto.encrypt_text(id_number) if id_number else "",
        id_number_hint=id_number[-4:], certificate_number=certificate_number,
        owner_consent_at=now if relation != PickupRelation.OWNER else None, pieces=key.pieces, picked_up_at=now,
        registered_by=registered_by, note=note, retain_until=_retain())
    if relation != PickupRelation.OWNER:
        # The time of the consent call is logged to the minute (003 §4.3(3)).
        handoffs.log_key_custody(LogNote(
                     project=project, recorded_by=registered_by, unit=key.unit,
                     what_happened=_("Owner phoned %(time)s and consented to repair key %(number)s going to %(name)s")
                     % {"time": clock.beijing(now).strftime("%H:%M"), "number": key.number, "name": picker_name},
                     people=picker_name, source=f"keys.repair_pickup:{pickup.pk}"))
    # The repair period is over: the key has gone back to its owner and leaves the key room's stock.
    set_status(key=key, status=KeyStatus.RETIRED)
    audit.record(actor=registered_by, action="keys.repair.picked_up", target=pickup, project=project,
                 data={"key": key.number, "relation": relation, "id_kind": id_kind, "id_hint": pickup.id_number_hint})
    return pickup


def _retain():
    from core.retention import retain_until

    return retain_until(RETENTION_YEARS)


def _confirmation_text(name: str, value: str, label) -> str:
    return limits.fit(DeveloperConfirmation, name, value, required=True, rule="KEY-REPAIR-1", label=label)


@audit.atomic()
def record_developer_confirmation(*, key: KeySet, recorded_by: User, contractor_company: str, developer_company: str,
                                  developer_contact: str, reference: str, valid_until: dt.date | None = None,
                                  attachment_name: str = "", attachment_data: bytes = b"") -> DeveloperConfirmation:
    """Record the developer's confirmation material for a contractor (KEY-REPAIR-1, 003 §4.3(4))."""
    key = KeySet.objects.select_related("project").get(pk=key.pk)
    require_custodian_staff(recorded_by, key, rule="KEY-REPAIR-1")
    _require_repair_key(key)
    if valid_until is not None and valid_until < clock.today():
        raise DomainError(_("The confirmation has already expired."), code="confirmation_expired", rule="KEY-REPAIR-1")
    confirmation = DeveloperConfirmation.objects.create(
        project=key.project, key=key,
        contractor_company=_confirmation_text("contractor_company", contractor_company, _("contractor company")),
        developer_company=_confirmation_text("developer_company", developer_company, _("developer company")),
        developer_contact=_confirmation_text("developer_contact", developer_contact, _("developer contact")),
        reference=_confirmation_text("reference", reference, _("reference")),
        valid_until=valid_until, recorded_by=recorded_by, recorded_at=clock.now())
    if attachment_data:
        attachments.attach(target=confirmation, project=key.project, uploaded_by=recorded_by,
                           name=attachment_name or "confirmation", data=attachment_data, kind=AttachmentKind.SCAN)
    audit.record(actor=recorded_by, action="keys.repair.confirmation_recorded", target=confirmation,
                 project=key.project, data={"key": key.number, "contractor": confirmation.contractor_company,
                                            "developer": confirmation.developer_company,
                                            "reference": confirmation.reference})
    return confirmation


def valid_confirmation(*, key: KeySet, contractor_company: str, on: dt.date | None = None):
    on = on or clock.today()
    company = (contractor_company or "").strip()
    qs = DeveloperConfirmation.objects.filter(key=key, contractor_company__iexact=company)
    return qs.filter(valid_until__isnull=True).first() or qs.filter(valid_until__gte=on).first()


def require_developer_confirmation(*, key: KeySet, contractor_name: str = "", contractor_company: str = "") -> None:
    """Pre-check for applying for a loan: a contractor borrows a repair key only with the developer's
    confirmation on record (KEY-REPAIR-1). Call it from loans.apply_for_loan / the loan page / the API."""
    if key.category != Category.REPAIR or not (contractor_name.strip() or contractor_company.strip()):
        return
    resolved = policies.resolve("keys.repair.confirmation_required", key.project)
    if not resolved.value:
        return
    if not contractor_company.strip() or valid_confirmation(key=key, contractor_company=contractor_company) is None:
        raise NotAllowed(_("A contractor borrows a repair-period key only with the developer's confirmation on record."),
                         code="developer_confirmation_required", rule="KEY-REPAIR-1", clause=resolved.clause,
                         details={"key": key.number, "contractor_company": contractor_company})


def decrypt_id_number(*, user: User, pickup: RepairPickup) -> str:
    """Only for roles allowed to see personal data in full; audited (CORE-3)."""
    require_member(user, pickup.project)
    from core.permissions import has_role

    if not (user.is_superuser or has_role(user, pickup.project, *policies.value("core.pii.reveal_roles", pickup.project))):
        raise NotAllowed(_("Your role may not see residents' personal data in full."), code="pii_not_allowed",
                         rule="CORE-3")
    audit.record(actor=user, action="core.pii.revealed", target=pickup, project=pickup.project,
                 data={"field": "id_number"})
    return crypto.decrypt_text(pickup.id_number_cipher)
