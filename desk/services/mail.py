"""Changes of the mail register (FRONT-2; 002 篇6 §6; 003 篇9 三.3 邮件代办、预订报刊杂志; 001 篇7 不准拆阅、毁坏或
扣压客户的书刊、信件、邮件): an item registered on arrival with its sealed state (a damaged one with a photo), the
resident told, the pickup signed for by the resident or an authorised person against identification. There is
no action that opens an item. Periodical subscriptions and their daily arrivals."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import attachments, audit, clock, limits, notifications, signatures
from core.errors import Conflict, DomainError, NotFound
from core.models import AttachmentKind, Project, Resident, Unit, User
from desk.models import (MAIL_FLOW, Collector, MailItem, MailKind, MailStatus, NoticeMethod, Period, SealState,
                         Subscription)
from desk.services.common import lock_project, next_serial
from desk.services.identity import checked_id, in_project, require_register_staff

RULE = "FRONT-2"
MAX_COPIES = 100


def lock(item: MailItem | int) -> MailItem:
    found = (MailItem.objects.select_for_update(of=("self",)).select_related("project")
             .filter(pk=getattr(item, "pk", item)).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _copies(value) -> int:
    if isinstance(value, bool) or not str(value).strip().isdigit() or not 1 <= int(str(value).strip()) <= MAX_COPIES:
        raise DomainError(_("The number of pieces must be a whole number from 1 to %(max)s.") % {"max": MAX_COPIES},
                          code="invalid_copies", rule=RULE, details={"field": "copies"})
    return int(str(value).strip())


def _tell_the_desk(item: MailItem) -> None:
    """Residents have no account (core.models.User): the outbox asks the clerk who took the item in to tell
    the resident; the note is resolved when the resident is told or collects the item."""
    notifications.notify(project=item.project, recipient=item.received_by, kind="desk.mail.arrived",
                         title=_("Tell %(name)s (%(unit)s): %(kind)s %(serial)s has arrived.") % {
                             "name": item.addressee, "unit": item.unit.label if item.unit else "—",
                             "kind": item.get_kind_display(), "serial": item.serial},
                         dedupe_key=f"desk.mail.arrived:{item.pk}", link=reverse("desk:mail-detail", args=[item.pk]),
                         subject=f"desk.mail:{item.pk}")


def _create(*, project: Project, received_by: User, kind: str, addressee: str, unit: Unit | None,
            resident: Resident | None, seal_state: str, damage_note: str = "", carrier: str = "",
            tracking_number: str = "", copies=1, subscription: Subscription | None = None) -> MailItem:
    lock_project(project)
    item = MailItem.objects.create(
        project=project, serial=next_serial(MailItem, project, "YJ"), kind=kind, carrier=carrier,
        tracking_number=tracking_number, unit=unit, resident=resident, addressee=addressee, copies=_copies(copies),
        subscription=subscription, seal_state=seal_state, damage_note=damage_note, received_at=clock.now(),
        received_by=received_by)
    audit.record(actor=received_by, action="desk.mail.registered", target=item, project=project,
                 data={"serial": item.serial, "kind": kind, "addressee": addressee, "seal": seal_state,
                       "tracking": tracking_number, "copies": item.copies})
    _tell_the_desk(item)
    return item


@audit.atomic()
def register_mail(*, project: Project, received_by: User, kind: str, addressee: str = "", unit: Unit | None = None,
                  resident: Resident | None = None, seal_state: str = SealState.INTACT, damage_note: str = "",
                  photo: bytes | None = None, photo_name: str = "", carrier: str = "", tracking_number: str = "",
                  copies=1) -> MailItem:
    """An item taken in for a resident, registered with its state; never opened. A damaged item is registered as
    damaged, with what is damaged and a photo (`damage_photo_required`) (FRONT-2)."""
    require_register_staff(received_by, project, rule=RULE)
    if kind not in MailKind.values:
        raise DomainError(_("Choose the kind of item."), code="invalid_kind", rule=RULE, details={"field": "kind"})
    if seal_state not in SealState.values:
        raise DomainError(_("Record the item's state on arrival: sealed and intact, or damaged."),
                          code="invalid_seal_state", rule=RULE, details={"field": "seal_state"})
    in_project(project, unit=unit, resident=resident)
    if unit is None and resident is None:
        raise DomainError(_("Name the unit or resident the item is for."), code="addressee_required", rule=RULE,
                          details={"field": "unit"})
    unit = unit or resident.units.first()
    addressee = limits.fit(MailItem, "addressee", addressee or (resident.name if resident else ""), required=True,
                           rule=RULE)
    carrier = limits.fit(MailItem, "carrier", carrier)
    tracking_number = limits.fit(MailItem, "tracking_number", tracking_number)
    damage_note = limits.fit(MailItem, "damage_note", damage_note, required=seal_state == SealState.DAMAGED,
                             rule=RULE)
    if seal_state == SealState.DAMAGED and not photo:
        raise DomainError(_("Photograph the damaged item as it arrived before registering it."),
                          code="damage_photo_required", rule=RULE, details={"field": "photo"})
    item = _create(project=project, received_by=received_by, kind=kind, addressee=addressee, unit=unit,
                   resident=resident, seal_state=seal_state, damage_note=damage_note if seal_state == SealState.DAMAGED
                   else "", carrier=carrier, tracking_number=tracking_number, copies=copies)
    if seal_state == SealState.DAMAGED:
        attachments.attach(target=item, project=project, uploaded_by=received_by, name=photo_name or "damage.jpg",
                           data=photo, kind=AttachmentKind.PHOTO)
    return item


@audit.atomic()
def record_notice(*, item: MailItem, notified_by: User, method: str) -> MailItem:
    """The resident told of the item, and how, at the server's time (FRONT-2)."""
    item = lock(item)
    require_register_staff(notified_by, item.project, rule=RULE)
    if item.status != MailStatus.HELD:
        raise Conflict(_("This item is no longer held at the desk."), code="not_held", rule=RULE)
    if method not in NoticeMethod.values:
        raise DomainError(_("Say how the resident was told."), code="invalid_notice_method", rule=RULE,
                          details={"field": "method"})
    item.notified_at, item.notified_by, item.notice_method = clock.now(), notified_by, method
    item.save(update_fields=["notified_at", "notified_by", "notice_method"])
    notifications.resolve(subject=f"desk.mail:{item.pk}", kinds=["desk.mail.arrived"])
    audit.record(actor=notified_by, action="desk.mail.notified", target=item, project=item.project,
                 data={"method": method})
    return item


@audit.atomic()
def collect_mail(*, item: MailItem, handed_by: User, collector: str, collector_name: str = "", id_type: str,
                 id_number: str, signature: str) -> MailItem:
    """Handed out against identification and a signature drawn on the screen, to the resident or to a person the
    resident authorised (FRONT-2; 002 篇6 §6)."""
    item = lock(item)
    require_register_staff(handed_by, item.project, rule=RULE)
    MAIL_FLOW.check(item.status, MailStatus.COLLECTED)
    if collector not in Collector.values:
        raise DomainError(_("Say who collects: the resident or a person the resident authorised."),
                          code="invalid_collector", rule=RULE, details={"field": "collector"})
    name = limits.fit(MailItem, "collector_name",
                      collector_name or (item.addressee if collector == Collector.RESIDENT else ""),
                      required=True, rule=RULE)
    id_type, cipher, hint = checked_id(id_type, id_number, rule=RULE)
    signatures.sign_on_screen(target=item, project=item.project, capacity="mail_collector", name=name,
                              image=signature, witnessed_by=handed_by)
    item.status, item.collected_at, item.handed_by = MailStatus.COLLECTED, clock.now(), handed_by
    item.collector, item.collector_name, item.collector_id_type = collector, name, id_type
    item.collector_id_cipher, item.collector_id_hint = cipher, hint
    item.save()
    notifications.resolve(subject=f"desk.mail:{item.pk}")
    audit.record(actor=handed_by, action="desk.mail.collected", target=item, project=item.project,
                 data={"collector": collector, "name": name, "id_hint": hint})
    return item


# --- Periodical subscriptions -----------------------------------------------------------------------------------
def lock_subscription(subscription: Subscription | int) -> Subscription:
    found = (Subscription.objects.select_for_update(of=("self",)).select_related("project", "resident", "unit")
             .filter(pk=getattr(subscription, "pk", subscription)).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


@audit.atomic()
def add_subscription(*, project: Project, created_by: User, resident: Resident, title: str, period: str, copies=1,
                     starts_on: dt.date, ends_on: dt.date) -> Subscription:
    """A resident's subscription the desk takes in for them (FRONT-2; 003 篇9 三.3 预订报刊杂志)."""
    require_register_staff(created_by, project, rule=RULE)
    if resident is None:
        raise DomainError(_("Name the subscriber."), code="resident_required", rule=RULE, details={"field": "resident"})
    in_project(project, resident=resident)
    title = limits.fit(Subscription, "title", title, required=True, rule=RULE)
    if period not in Period.values:
        raise DomainError(_("Choose how often it comes."), code="invalid_period", rule=RULE,
                          details={"field": "period"})
    if not isinstance(starts_on, dt.date) or not isinstance(ends_on, dt.date) or ends_on < starts_on:
        raise DomainError(_("Give the subscription's first and last day, the last not before the first."),
                          code="invalid_dates", rule=RULE, details={"field": "ends_on"})
    subscription = Subscription.objects.create(
        project=project, resident=resident, unit=resident.units.first(), title=title, period=period,
        copies=_copies(copies), starts_on=starts_on, ends_on=ends_on, created_by=created_by, created_at=clock.now())
    audit.record(actor=created_by, action="desk.mail.subscribed", target=subscription, project=project,
                 data={"title": title, "period": period, "copies": subscription.copies,
                       "from": starts_on.isoformat(), "to": ends_on.isoformat()})
    return subscription


@audit.atomic()
def record_arrival(*, subscription: Subscription, received_by: User) -> MailItem:
    """Today's issue of a subscription taken in: one arrival a day, within the subscription (FRONT-2)."""
    subscription = lock_subscription(subscription)
    require_register_staff(received_by, subscription.project, rule=RULE)
    today = clock.today()
    if not subscription.starts_on <= today <= subscription.ends_on:
        raise Conflict(_("The subscription does not run today."), code="subscription_not_current", rule=RULE)
    start, end = clock.day_bounds(today)
    if subscription.arrivals.filter(received_at__gte=start, received_at__lte=end).exists():
        raise Conflict(_("Today's issue of this subscription is already registered."), code="already_arrived",
                       rule=RULE)
    return _create(project=subscription.project, received_by=received_by,
                   kind=MailKind.NEWSPAPER if subscription.period == Period.DAILY else MailKind.PERIODICAL,
                   addressee=subscription.resident.name, unit=subscription.unit, resident=subscription.resident,
                   seal_state=SealState.INTACT, carrier=subscription.title, copies=subscription.copies,
                   subscription=subscription)
