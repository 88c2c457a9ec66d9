"""The ledger: adding, changing and retiring key sets; numbering and tags (KEY-LEDGER-1..3)."""
from __future__ import annotations

import re

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core import audit, clock, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Building, Project, Unit, User
from core.permissions import require_member
from keys.categories import UNIT_BOUND, Category
from keys.models import KeySet
from keys.services.common import require_custodian_staff
from keys.states import KEY_FLOW, KeyStatus

LEDGER_FIELDS = ("number", "category", "name", "building", "unit", "floor", "equipment", "room_number", "pieces",
                 "storage", "is_emergency_spare", "notes")


def suggest_number(*, project: Project, category: str, building: Building | None = None, floor: int | None = None,
                   equipment: str = "") -> str:
    """Next number by the company's rule: public doors by floor, equipment rooms by equipment (KEY-LEDGER-2)."""
    rules = policies.value("keys.numbering", project)
    pattern = rules.get(category) or rules["default"]
    values = {"building": building.code if building else "X", "floor": floor or 0,
              "equipment": re.sub(r"\W+", "", equipment)[:12] or "EQ", "prefix": category.upper()[:3]}
    # A rule without {seq} names one number: once it is taken there is nothing to count through.
    for seq in range(1, 100_000 if "{seq" in pattern else 2):
        candidate = pattern.format(seq=seq, **values)
        if not KeySet.objects.filter(project=project, number=candidate).exists():
            return candidate
    raise Conflict(_("No free key number left for this rule."), code="numbering_exhausted")


def _validate(project: Project, data: dict) -> None:
    category = data.get("category")
    if category not in Category.values:
        raise DomainError(_("Unknown key category."), code="invalid_category", rule="KEY-CAT-1")
    if not data.get("pieces") or int(data["pieces"]) < 1:
        raise DomainError(_("A key set has at least one piece."), code="invalid_pieces", rule="KEY-LEDGER-1")
    for field in ("name", "storage"):
        if not str(data.get(field) or "").strip():
            raise DomainError(_("“%(field)s” is required.") % {"field": KeySet._meta.get_field(field).verbose_name},
                              code="required", rule="KEY-LEDGER-1", details={"field": field})
    unit = data.get("unit")
    if category in UNIT_BOUND and unit is None and category != Category.MAILBOX:
        raise DomainError(_("A resident's key must name its unit."), code="unit_required", rule="KEY-LEDGER-1")
    for field in ("unit", "building"):
        obj = data.get(field)
        if obj is not None and obj.project_id != project.pk:
            raise NotFound(_("No such record."), code="not_found")


@audit.atomic()
def create_key(*, project: Project, actor: User, **data) -> KeySet:
    """Add a key set to the ledger (KEY-LEDGER-1). The number follows the rule when not given."""
    require_member(actor, project)
    data = {k: v for k, v in data.items() if k in LEDGER_FIELDS}
    _validate(project, data)
    if data.get("unit") is not None and data.get("building") is None:
        data["building"] = data["unit"].building
        data.setdefault("floor", data["unit"].floor)
    if not data.get("number"):
        data["number"] = suggest_number(project=project, category=data["category"], building=data.get("building"),
                                        floor=data.get("floor"), equipment=data.get("equipment", ""))
    now = clock.now()
    try:
        with transaction.atomic():
            key = KeySet.objects.create(project=project, created_at=now, updated_at=now, **data)
    except IntegrityError as exc:
        raise Conflict(_("Key number %(number)s is already in the ledger.") % {"number": data["number"]},
                       code="duplicate_number", rule="KEY-LEDGER-1") from exc
    audit.record(actor=actor, action="keys.key.created", target=key, project=project,
                 data={"number": key.number, "category": key.category, "pieces": key.pieces})
    return key


@audit.atomic()
def update_key(*, key: KeySet, actor: User, **changes) -> KeySet:
    require_custodian_staff(actor, key, rule="KEY-LEDGER-4")
    key = KeySet.objects.select_for_update().get(pk=key.pk)
    before = {f: str(getattr(key, f)) for f in changes if f in LEDGER_FIELDS}
    for field, value in changes.items():
        if field in LEDGER_FIELDS and field != "category":
            setattr(key, field, value)
    _validate(key.project, {f: getattr(key, f) for f in LEDGER_FIELDS})
    key.updated_at = clock.now()
    try:
        with transaction.atomic():
            key.save()
    except IntegrityError as exc:
        raise Conflict(_("Key number %(number)s is already in the ledger.") % {"number": key.number},
                       code="duplicate_number") from exc
    audit.record(actor=actor, action="keys.key.updated", target=key, project=key.project,
                 data={"before": before, "after": {f: str(getattr(key, f)) for f in before}})
    return key


@audit.atomic()
def retire_key(*, key: KeySet, actor: User, reason: str) -> KeySet:
    require_custodian_staff(actor, key, rule="KEY-LEDGER-1")
    key = KeySet.objects.select_for_update().get(pk=key.pk)
    if key.status == KeyStatus.LENT:
        raise Conflict(_("A lent key cannot be retired."), code="key_lent")
    if not reason.strip():
        raise DomainError(_("Give the reason for retiring the key."), code="required")
    KEY_FLOW.check(key.status, KeyStatus.RETIRED)  # a key already retired is not retired again
    key.status = KeyStatus.RETIRED
    key.updated_at = clock.now()
    key.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="keys.key.retired", target=key, project=key.project, data={"reason": reason})
    return key


def find_by_scan(*, project: Project, scanned: str) -> KeySet:
    """Resolve what a scanner typed or a clerk entered: the tag code, a tag URL, or the key number."""
    text = (scanned or "").strip()
    if not text:
        raise DomainError(_("Scan a tag or type a key number."), code="required")
    token = text.rstrip("/").split("/")[-1].upper()
    # Tag and exact number in one read; a tag match wins if the two name different keys.
    found = list(KeySet.objects.filter(Q(tag_token=token) | Q(number=text), project=project)[:2])
    key = (next((k for k in found if k.tag_token == token), None) or (found[0] if found else None)
           or KeySet.objects.filter(project=project, number__iexact=text).first())
    if key is None:
        raise NotFound(_("No key with tag or number “%(text)s” in this project.") % {"text": text}, code="unknown_tag")
    return key


def tag_payload(key: KeySet) -> str:
    """What the QR code carries: an opaque token (or intranet URL) — never the unit (KEY-LEDGER-2)."""
    base = settings.TAG_BASE_URL.rstrip("/")
    return f"{base}/keys/t/{key.tag_token}" if base else key.tag_token


def tag_svg(key: KeySet, *, scale: int = 4) -> str:
    return segno.make(tag_payload(key), error="m").svg_inline(scale=scale)


def set_status(*, key: KeySet, status: str) -> None:
    """Internal: status changes made by loan, loss and inventory services inside their transactions. The change must
    be one the key's transition table allows (KEY_FLOW); setting the status a key already has changes nothing."""
    if status == key.status:
        return
    KEY_FLOW.check(key.status, status)
    key.status = status
    key.updated_at = clock.now()
    key.save(update_fields=["status", "updated_at"])


def unit_in_project(project: Project, label: str) -> Unit | None:
    building_code, _sep, number = label.partition("-")
    return Unit.objects.filter(project=project, building__code=building_code, number=number).first()
