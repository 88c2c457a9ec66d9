"""Lost property (失物招领; LOST-1; 001 篇7 s): an item found is handed to the desk, which registers the finder,
when and where it was found, what it is and where it is kept; the owner takes it back against their ID (kept
encrypted, shown masked) and signs on the desk's screen; an item nobody claims within the policy's period is
disposed of by a supervisor before a witness — never the same person — with the reason."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import attachments, audit, clock, crypto, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import AttachmentKind, Project, User
from core.permissions import has_role, is_member, require_member, require_policy_role
from desk.models import LOST_FLOW, DisposalMethod, LostItem, LostStatus
from desk.services.common import lock_project, next_serial
from desk.services.passes_access import clean_id_number

RULE = "LOST-1"


def may_keep(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.lost.keeper_roles", project))


def may_dispose(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.lost.disposer_roles", project))


def require_keeper(user: User, project: Project) -> None:
    require_member(user, project)
    require_policy_role(user, project, "desk.lost.keeper_roles", rule=RULE)


def keep_until(item: LostItem) -> dt.date:
    """The first day an unclaimed item may be disposed of: found date + the policy's days."""
    days = int(policies.value("desk.lost.keep_days", item.project))
    return clock.beijing(item.found_at).date() + dt.timedelta(days=days)


def lock(item: LostItem) -> LostItem:
    return LostItem.objects.select_for_update(of=("self",)).select_related("project").get(pk=item.pk)


@audit.atomic()
def register(*, project: Project, registered_by: User, description: str, found_at: dt.datetime, place: str,
             finder_name: str, kept_at: str, finder_phone: str = "", photo: tuple[str, bytes] | None = None
             ) -> LostItem:
    """Register a found item handed to the desk; when it was found is the finder's account, never later than
    now (LOST-1)."""
    require_keeper(registered_by, project)
    description = limits.fit(LostItem, "description", description, required=True, rule=RULE)
    place = limits.fit(LostItem, "place", place, required=True, rule=RULE)
    finder = limits.fit(LostItem, "finder_name", finder_name, required=True, rule=RULE)
    finder_phone = limits.fit(LostItem, "finder_phone", finder_phone)
    kept_at = limits.fit(LostItem, "kept_at", kept_at, required=True, rule=RULE)
    now = clock.now()
    if not isinstance(found_at, dt.datetime) or found_at.tzinfo is None:
        raise DomainError(_("Give the date and time the item was found."), code="invalid_time", rule=RULE,
                          details={"field": "found_at"})
    if found_at > now:
        raise DomainError(_("The time found cannot be later than now."), code="found_in_future", rule=RULE,
                          details={"field": "found_at"})
    lock_project(project)
    item = LostItem.objects.create(
        project=project, serial=next_serial(LostItem, project, "ZL"), description=description, found_at=found_at,
        place=place, finder_name=finder, finder_phone=finder_phone, kept_at=kept_at, registered_by=registered_by,
        registered_at=now)
    if photo is not None:
        attachments.attach(target=item, project=project, uploaded_by=registered_by, name=photo[0], data=photo[1],
                           kind=AttachmentKind.PHOTO)
    audit.record(actor=registered_by, action="desk.lost.registered", target=item, project=project,
                 data={"serial": item.serial, "item": description, "place": place, "finder": finder,
                       "found_at": found_at.isoformat(), "kept_at": kept_at})
    return item


@audit.atomic()
def hand_back(*, item: LostItem, returned_by: User, claimant_name: str, id_number: str, signature_image: str,
              claimant_phone: str = "") -> LostItem:
    """The owner takes the item back against their ID (encrypted, its last four shown) and signs on the desk's
    screen (core.signatures); an item is handed back once (LOST-1)."""
    item = lock(item)
    require_keeper(returned_by, item.project)
    if item.status != LostStatus.HELD:
        raise Conflict(_("This item is no longer held at the desk."), code="not_held", rule=RULE)
    name = limits.fit(LostItem, "claimant_name", claimant_name, required=True, rule=RULE)
    phone = limits.fit(LostItem, "claimant_phone", claimant_phone)
    number = clean_id_number(id_number)
    LOST_FLOW.check(item.status, LostStatus.RETURNED)
    signatures.sign_on_screen(target=item, project=item.project, capacity="lost_claimant", name=name,
                              image=signature_image, witnessed_by=returned_by)
    item.claimant_name, item.claimant_phone = name, phone
    item.claimant_id_cipher, item.claimant_id_hint = crypto.encrypt_text(number), number[-4:]
    item.status, item.returned_by, item.returned_at = LostStatus.RETURNED, returned_by, clock.now()
    item.save()
    audit.record(actor=returned_by, action="desk.lost.returned", target=item, project=item.project,
                 data={"claimant": name, "id_hint": item.claimant_id_hint})
    return item


@audit.atomic()
def dispose(*, item: LostItem, disposed_by: User, witness: User | None, method: str, reason: str) -> LostItem:
    """An item unclaimed past the keeping period disposed of by a supervisor before a witness of the project
    who is someone else, with how and why (LOST-1)."""
    item = lock(item)
    project = item.project
    require_member(disposed_by, project)
    rule_roles = policies.resolve("desk.lost.disposer_roles", project)
    if not may_dispose(disposed_by, project):
        raise NotAllowed(_("Unclaimed items are disposed of by the supervisor."), code="role_not_allowed",
                         rule=RULE, clause=rule_roles.clause)
    if item.status != LostStatus.HELD:
        raise Conflict(_("This item is no longer held at the desk."), code="not_held", rule=RULE)
    first_day = keep_until(item)
    if clock.today() < first_day:
        raise Conflict(_("The item is kept until %(day)s; it may be disposed of from then.") % {"day": first_day},
                       code="keep_period_not_over", rule=RULE,
                       clause=policies.resolve("desk.lost.keep_days", project).clause)
    if witness is None or not is_member(witness, project) or not witness.is_active:
        raise DomainError(_("Choose a witness of this project."), code="witness_required", rule=RULE,
                          details={"field": "witness"})
    if witness.pk == disposed_by.pk:
        raise NotAllowed(_("The witness is someone other than the person disposing of the item."),
                         code="same_person", rule=RULE, clause=rule_roles.clause)
    if method not in DisposalMethod.values:
        raise DomainError(_("Say how the item is disposed of."), code="invalid_choice", rule=RULE,
                          details={"field": "method"})
    item.disposal_reason = limits.fit(LostItem, "disposal_reason", reason, required=True, rule=RULE)
    LOST_FLOW.check(item.status, LostStatus.DISPOSED)
    item.status, item.disposal_method = LostStatus.DISPOSED, method
    item.disposed_by, item.disposal_witness, item.disposed_at = disposed_by, witness, clock.now()
    item.save()
    audit.record(actor=disposed_by, action="desk.lost.disposed", target=item, project=project,
                 data={"method": method, "reason": item.disposal_reason, "witness": witness.display_name})
    return item
