"""Shift key handover with 《钥匙交接单》 and the daily front-desk handover (KEY-SHIFT-1).

001 篇15 §1.1: the early shift collects the area keys from the control room, the middle shift returns
them, each time counting and filling in the slip. 002 篇6 §7: front-desk keys are handed over daily.
The keys stay the control room's (or the front desk's): a slip records custody and does not lend the key
through the key room, so KeySet.status is left alone.
"""
from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.flow import Flow
from core.handoffs import LogNote
from core.models import Project, User
from core.permissions import is_member, require_member
from core.retention import retain_until
from keys.categories import Category
from keys.models import KeySet, ShiftKeyItem, ShiftKeySlip, ShiftKeySlipLine, SlipKind, SlipStatus
from keys.states import FOLLOW_FLOW, FollowStatus, KeyStatus

RULE = "KEY-SHIFT-1"
CLAUSE = "001 篇15 §1.1"
# A collect slip stays "out" until the middle shift's return slip closes it.
SLIP_FLOW = Flow("shift-key-slip", {SlipStatus.OUT: {SlipStatus.RETURNED}})
PREFIX = {SlipKind.COLLECT: "JJL", SlipKind.RETURN: "JJH", SlipKind.FRONT_DESK: "JJQ"}


@audit.atomic()
def add_shift_key(*, project: Project, key: KeySet, actor: User) -> ShiftKeyItem:
    """Put an area key on the project's shift key list (KEY-SHIFT-1)."""
    require_member(actor, project)
    if key.project_id != project.pk:
        raise DomainError(_("No such record."), code="not_found", status=404)
    if key.status == KeyStatus.RETIRED:
        raise Conflict(_("A retired key cannot be put on the shift list."), code="key_retired", rule=RULE)
    item, created = ShiftKeyItem.objects.select_for_update().get_or_create(
        project=project, key=key, defaults={"added_by": actor, "added_at": clock.now()})
    if not created and item.active:
        raise Conflict(_("This key is already on the shift list."), code="already_listed", rule=RULE)
    item.active = True
    item.save()
    audit.record(actor=actor, action="keys.shift_key.listed", target=item, project=project,
                 data={"key": key.number})
    return item


@audit.atomic()
def remove_shift_key(*, item: ShiftKeyItem, actor: User) -> ShiftKeyItem:
    """Take an area key off the shift list; slips already written keep it (KEY-SHIFT-1)."""
    item = ShiftKeyItem.objects.select_for_update().select_related("key").get(pk=item.pk)
    require_member(actor, item.project)
    if not item.active:
        raise Conflict(_("This key is not on the shift list."), code="not_listed", rule=RULE)
    item.active = False
    item.save(update_fields=["active"])
    audit.record(actor=actor, action="keys.shift_key.unlisted", target=item, project=item.project,
                 data={"key": item.key.number})
    return item


def _keys_for(project: Project, kind: str, collected: ShiftKeySlip | None) -> list[KeySet]:
    if kind == SlipKind.RETURN and collected is not None:
        return [line.key for line in collected.lines.select_related("key").order_by("key__number")]
    if kind == SlipKind.FRONT_DESK:
        return list(KeySet.objects.filter(project=project, category=Category.FRONT_DESK)
                    .exclude(status=KeyStatus.RETIRED).order_by("number"))
    return [item.key for item in ShiftKeyItem.objects.filter(project=project, active=True)
            .select_related("key").order_by("key__number")]


def slip_keys(*, project: Project, kind: str, collected: ShiftKeySlip | None = None) -> list[KeySet]:
    """The keys a new slip of this kind lists (the form shows them)."""
    return _keys_for(project, kind, collected)


@audit.atomic()
def record_slip(*, project: Project, kind: str, recorded_by: User, handed_by: User, received_by: User,
                counts: dict[int, int], handed_password: str, received_password: str,
                explanation: str = "", collected: ShiftKeySlip | None = None) -> ShiftKeySlip:
    """Write one 《钥匙交接单》: keys counted against the ledger, both people sign (KEY-SHIFT-1).

    A count that differs from the ledger is refused unless explained; explained, it opens a follow-up."""
    require_member(recorded_by, project)
    if kind not in SlipKind.values:
        raise DomainError(_("Unknown kind of slip."), code="invalid_kind", rule=RULE)
    for person in (handed_by, received_by):
        if not person.is_active or not is_member(person, project):
            raise NotAllowed(_("%(name)s is not a staff member of this project.") % {"name": person.display_name},
                             code="not_project_staff", rule=RULE)
    if handed_by.pk == received_by.pk:
        raise NotAllowed(_("The one handing over and the one taking over must be two people."),
                         code="same_person", rule=RULE, clause=CLAUSE)
    if kind == SlipKind.RETURN:
        if collected is None:
            raise DomainError(_("Choose the collect slip whose keys are being returned."), code="collect_slip_required",
                              rule=RULE, clause=CLAUSE)
        collected = ShiftKeySlip.objects.select_for_update().get(pk=collected.pk)
        if collected.project_id != project.pk or collected.kind != SlipKind.COLLECT:
            raise DomainError(_("No such record."), code="not_found", status=404)
        SLIP_FLOW.check(collected.status, SlipStatus.RETURNED)
    else:
        collected = None
    keys = _keys_for(project, kind, collected)
    if not keys:
        code = "no_front_desk_keys" if kind == SlipKind.FRONT_DESK else "no_shift_keys"
        raise DomainError(_("There are no keys to hand over: set up the list of keys first."), code=code, rule=RULE)
    missing = [key.number for key in keys if key.pk not in counts or counts[key.pk] is None]
    if missing:
        raise DomainError(_("Count every key: %(list)s") % {"list": ", ".join(missing)}, code="uncounted",
                          rule=RULE, details={"missing": missing})
    if any(int(counts[key.pk]) < 0 for key in keys):
        raise DomainError(_("The count cannot be negative."), code="invalid_count", rule=RULE)
    # On a return the reference is what the early shift signed for; otherwise the ledger.
    reference = ({line.key_id: line.counted_pieces for line in collected.lines.all()} if collected
                 else {key.pk: key.pieces for key in keys})
    expected = sum(reference[key.pk] for key in keys)
    counted = sum(int(counts[key.pk]) for key in keys)
    differing = [key.number for key in keys if int(counts[key.pk]) != reference[key.pk]]
    explanation = limits.fit(ShiftKeySlip, "explanation", explanation)
    if differing and not explanation:
        raise DomainError(_("Counted %(counted)s piece(s) but the ledger says %(expected)s (%(keys)s); explain the "
                            "difference to record the slip.")
                          % {"counted": counted, "expected": expected, "keys": ", ".join(differing)},
                          code="count_mismatch_needs_explanation", rule=RULE, clause=CLAUSE,
                          details={"expected": expected, "counted": counted, "keys": differing})
    now = clock.now()
    slip = ShiftKeySlip.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], kind=kind, day=clock.beijing(now).date(), collected=collected,
        handed_by=handed_by, received_by=received_by, recorded_by=recorded_by, recorded_at=now,
        status=SlipStatus.OUT if kind == SlipKind.COLLECT else SlipStatus.SIGNED,
        expected_pieces=expected, counted_pieces=counted, explanation=explanation,
        follow_status=FollowStatus.OPEN if differing else "", retain_until=retain_until(2))
    slip.serial = f"{PREFIX[SlipKind(kind)]}{clock.beijing(now):%Y%m%d}-{slip.pk:06d}"
    slip.save(update_fields=["serial"])
    ShiftKeySlipLine.objects.bulk_create([
        ShiftKeySlipLine(slip=slip, key=key, ledger_pieces=reference[key.pk], counted_pieces=int(counts[key.pk]))
        for key in keys])
    # Each signs with their own password: a wrong one rolls the whole slip back.
    signatures.sign_with_credentials(target=slip, project=project, capacity="handed_by", person=handed_by,
                                     password=handed_password)
    signatures.sign_with_credentials(target=slip, project=project, capacity="received_by", person=received_by,
                                     password=received_password)
    if differing:
        _log_difference(slip, recorded_by, differing)
    if collected is not None:
        collected.status = SlipStatus.RETURNED
        collected.save(update_fields=["status"])
    audit.record(actor=recorded_by, action="keys.shift_slip.recorded", target=slip, project=project,
                 data={"kind": kind, "expected": expected, "counted": counted, "differing": differing,
                       "handed_by": handed_by.pk, "received_by": received_by.pk,
                       "collected": collected.serial if collected else None})
    return slip


def _source(slip: ShiftKeySlip) -> str:
    return f"keys.shift_slip:{slip.pk}"


def _log_difference(slip: ShiftKeySlip, recorded_by: User, differing: list[str]) -> None:
    """The follow-up is also an open duty-log event, so every shift handover carries it until resolved."""
    handoffs.log_key_custody(LogNote(
                 project=slip.project, recorded_by=recorded_by,
                 what_happened=_("Key handover slip %(serial)s: counted %(counted)s piece(s), expected %(expected)s "
                                 "(%(keys)s).") % {"serial": slip.serial, "counted": slip.counted_pieces,
                                                   "expected": slip.expected_pieces, "keys": ", ".join(differing)},
                 handling=slip.explanation, location=str(SlipKind(slip.kind).label),
                 people=f"{slip.handed_by.display_name} → {slip.received_by.display_name}", source=_source(slip)))


@audit.atomic()
def resolve_slip_followup(*, slip: ShiftKeySlip, resolved_by: User, resolution: str) -> ShiftKeySlip:
    """Close the follow-up a count difference opened: where the pieces went (KEY-SHIFT-1)."""
    slip = ShiftKeySlip.objects.select_for_update().get(pk=slip.pk)
    require_member(resolved_by, slip.project)
    if slip.follow_status != FollowStatus.OPEN:
        raise Conflict(_("This slip has no open follow-up."), code="not_open", rule=RULE)
    FOLLOW_FLOW.check(slip.follow_status, FollowStatus.RESOLVED)
    resolution = limits.fit(ShiftKeySlip, "resolution", resolution, label=_("resolution"))
    if not resolution:
        raise DomainError(_("Describe how the difference was resolved."), code="required", rule=RULE)
    slip.follow_status, slip.resolution, slip.resolved_by, slip.resolved_at = (
        FollowStatus.RESOLVED, resolution, resolved_by, clock.now())
    slip.save()
    handoffs.resolve_logged(project=slip.project, source=_source(slip), resolved_by=resolved_by,
                            result=slip.resolution)
    audit.record(actor=resolved_by, action="keys.shift_slip.followup_resolved", target=slip, project=slip.project,
                 data={"resolution": slip.resolution})
    return slip


def shift_keys_from(project: Project) -> str:
    return policies.value("keys.custody_checks.shift_keys_from", project)
