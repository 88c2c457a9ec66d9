"""Changes of the paid area: the 有偿服务单 registered, performed, signed by the resident, settled or
waived, and closed (SERVICE-1; 004 篇3 记录, 003 篇14 §4.4.1 i)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies, signatures
from core.errors import DomainError
from core.models import Project, Resident, Unit, User
from core.parsing import is_int
from core.permissions import has_role, require_member, require_policy_role
from core.retention import retain_until
from desk.kinds import MatterKind
from desk.models import PAID_FLOW, Contact, PaidService, PaidStatus
from desk.services.common import next_serial

RULE = "SERVICE-1"
MAX_ITEMS = 50  # one slip is one visit: a handful of items, never thousands
MAX_QUANTITY = 1000


def _require_roles(user: User, project: Project, key: str) -> None:
    require_member(user, project)
    require_policy_role(user, project, key, rule=RULE)


def may_handle(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.paid.staff_roles", project))


def money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(_("“%(field)s” must be an amount of money.") % {"field": field}, code="invalid_amount",
                          rule=RULE, details={"field": field}) from None
    if not amount.is_finite() or amount < 0 or amount > Decimal(99999999) or amount != amount.quantize(
            Decimal("0.01")):
        raise DomainError(_("“%(field)s” must be an amount of money.") % {"field": field}, code="invalid_amount",
                          rule=RULE, details={"field": field})
    return amount.quantize(Decimal("0.01"))


def price_lines(project: Project, items: list[dict]) -> tuple[list[dict], Decimal]:
    """Price each chosen item from the project's list; a price typed for an item overrides the list."""
    catalogue = {row["code"]: row for row in policies.value("desk.paid.price_list", project)}
    lines, total = [], Decimal("0.00")
    limits.count(items, field=_("Service items"), limit=MAX_ITEMS)
    for item in items or []:
        code = str(item.get("code", ""))
        if code not in catalogue:
            raise DomainError(_("Choose the service items from the price list."), code="invalid_item", rule=RULE,
                              clause=policies.resolve("desk.paid.price_list", project).clause,
                              details={"field": "items"})
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not is_int(quantity) or not 1 <= int(quantity) <= MAX_QUANTITY:
            raise DomainError(_("The quantity must be a whole number from 1 to %(max)s.") % {"max": MAX_QUANTITY},
                              code="invalid_quantity", rule=RULE, details={"field": "items"})
        quantity = int(quantity)
        given = item.get("price")
        price = money(given if given not in (None, "") else catalogue[code]["price"], _("price"))
        amount = price * quantity
        lines.append({"code": code, "name": catalogue[code]["name"], "unit": catalogue[code].get("unit", ""),
                      "price": str(price), "quantity": quantity, "amount": str(amount)})
        total += amount
    if not lines:
        raise DomainError(_("Choose at least one service item."), code="items_required", rule=RULE,
                          details={"field": "items"})
    return lines, total


def lock_service(service: PaidService) -> PaidService:
    return PaidService.objects.select_for_update().select_related("project").get(pk=service.pk)


@audit.atomic()
def register_service(*, project: Project, registered_by: User, person_name: str, phone: str = "",
                     unit: Unit | None = None, resident: Resident | None = None, items: list[dict],
                     description: str = "", contact: Contact | None = None) -> PaidService:
    """Register a 有偿服务单 with its priced items and the server's time (SERVICE-1)."""
    _require_roles(registered_by, project, "desk.paid.staff_roles")
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    if resident is not None and resident.project_id != project.pk:
        raise DomainError(_("The resident is not in this project."), code="resident_not_in_project", rule="CORE-1")
    if contact is not None and contact.project_id != project.pk:
        raise DomainError(_("The contact is not in this project."), code="contact_not_in_project", rule="CORE-1")
    person_name = limits.fit(PaidService, "person_name", person_name or (resident.name if resident else ""),
                             required=True, rule=RULE, label=_("resident"))
    phone = limits.fit(PaidService, "phone", phone)
    if unit is None and resident is not None:
        unit = resident.units.first()
    lines, total = price_lines(project, items)
    service = PaidService.objects.create(
        project=project, serial=next_serial(PaidService, project, "YC"), registered_at=clock.now(),
        registered_by=registered_by, resident=resident, unit=unit, person_name=person_name,
        phone=phone, description=limits.text(description, field=_("description")), items=lines, total=total,
        contact=contact, retain_until=retain_until(int(policies.value("desk.paid.retention_years", project))))
    if contact is not None:
        from desk.services.intake import link_matter

        link_matter(contact=contact, matter_ref=service.ref, actor=registered_by)
    audit.record(actor=registered_by, action="desk.paid.registered", target=service, project=project,
                 data={"serial": service.serial, "total": str(total), "items": [line["code"] for line in lines]})
    return service


@audit.atomic()
def perform_service(*, service: PaidService, performed_by: User, note: str = "") -> PaidService:
    """Staff record that they performed the service, at the server's time (SERVICE-1)."""
    service = lock_service(service)
    _require_roles(performed_by, service.project, "desk.paid.staff_roles")
    PAID_FLOW.check(service.status, PaidStatus.PERFORMED)
    note = limits.fit(PaidService, "work_note", note)
    service.status, service.performed_by, service.performed_at = PaidStatus.PERFORMED, performed_by, clock.now()
    service.work_note = note
    service.save()
    audit.record(actor=performed_by, action="desk.paid.performed", target=service, project=service.project,
                 data={"note": service.work_note})
    return service


@audit.atomic()
def sign_service(*, service: PaidService, witnessed_by: User, name: str, image: str) -> PaidService:
    """The resident signs the slip on the desk's screen (SERVICE-1)."""
    service = lock_service(service)
    _require_roles(witnessed_by, service.project, "desk.paid.staff_roles")
    PAID_FLOW.check(service.status, PaidStatus.SIGNED)
    name = limits.fit(PaidService, "signer_name", name)
    signatures.sign_on_screen(target=service, project=service.project, capacity="paid_service_resident", name=name,
                              image=image, witnessed_by=witnessed_by)
    service.status, service.signed_at, service.signer_name = PaidStatus.SIGNED, clock.now(), name
    service.save()
    audit.record(actor=witnessed_by, action="desk.paid.signed", target=service, project=service.project,
                 data={"name": service.signer_name})
    return service


def _close(service: PaidService, actor: User, outcome: str) -> PaidService:
    from desk.services.intake import follow_matter_closed
    from desk.services.visits import register_closure

    service.status, service.closed_at = PaidStatus.CLOSED, clock.now()
    service.save()
    subject = "、".join(line["name"] for line in service.items)[:100]
    register_closure(project=service.project, kind=MatterKind.SERVICE, source_ref=service.ref,
                     source_number=service.serial, closed_at=service.closed_at, person_name=service.person_name,
                     phone=service.phone, unit=service.unit, subject=subject, department="cs", major=False,
                     actor=actor)
    if service.contact_id:
        follow_matter_closed(matter_ref=service.ref, closed_by=actor, outcome=outcome)
    return service


@audit.atomic()
def record_payment(*, service: PaidService, received_by: User, amount, receipt_number: str) -> PaidService:
    """Payment received against a receipt closes the signed slip (SERVICE-1)."""
    service = lock_service(service)
    _require_roles(received_by, service.project, "desk.paid.staff_roles")
    PAID_FLOW.check(service.status, PaidStatus.CLOSED)
    amount = money(amount, _("amount paid"))
    if amount != service.total:
        raise DomainError(_("The amount paid must be the total of %(total)s; waive the charge instead of "
                            "taking less.") % {"total": service.total}, code="amount_mismatch", rule=RULE,
                          details={"field": "amount"})
    service.receipt_number = limits.fit(PaidService, "receipt_number", receipt_number, required=True, rule=RULE,
                                        label=_("receipt number"))
    service.amount_paid, service.received_by, service.paid_at = amount, received_by, clock.now()
    audit.record(actor=received_by, action="desk.paid.paid", target=service, project=service.project,
                 data={"amount": str(amount), "receipt": service.receipt_number})
    return _close(service, received_by, _("Service %(serial)s done, paid %(amount)s (receipt %(receipt)s).") % {
        "serial": service.serial, "amount": amount, "receipt": service.receipt_number})


@audit.atomic()
def waive_charge(*, service: PaidService, waived_by: User, reason: str) -> PaidService:
    """A supervisor waives the charge, with the reason, and the slip closes (SERVICE-1)."""
    service = lock_service(service)
    _require_roles(waived_by, service.project, "desk.paid.waive_roles")
    PAID_FLOW.check(service.status, PaidStatus.CLOSED)
    service.waive_reason = limits.fit(PaidService, "waive_reason", reason, required=True, rule=RULE,
                                      label=_("reason for waiver"))
    service.waived, service.waived_by, service.amount_paid = True, waived_by, Decimal("0.00")
    audit.record(actor=waived_by, action="desk.paid.waived", target=service, project=service.project,
                 data={"reason": service.waive_reason, "total": str(service.total)})
    return _close(service, waived_by, _("Service %(serial)s done, charge waived: %(reason)s") % {
        "serial": service.serial, "reason": service.waive_reason})


@audit.atomic()
def cancel_service(*, service: PaidService, cancelled_by: User, reason: str) -> PaidService:
    service = lock_service(service)
    _require_roles(cancelled_by, service.project, "desk.paid.staff_roles")
    PAID_FLOW.check(service.status, PaidStatus.CANCELLED)
    service.cancel_reason = limits.fit(PaidService, "cancel_reason", reason, required=True, rule=RULE, label=_("reason"))
    service.status, service.cancelled_at, service.cancelled_by = PaidStatus.CANCELLED, clock.now(), cancelled_by
    service.save()
    audit.record(actor=cancelled_by, action="desk.paid.cancelled", target=service, project=service.project,
                 data={"reason": service.cancel_reason})
    return service
