"""The damaged-parts register (返修损坏备件清单), shipped back every 15 days, and warranty or commercial repairs
tracked until the part comes back (STOCK-9, STOCK-12; 003 篇3 现场损坏备件记录要求, 篇2 §1.5.1)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, limits
from core.errors import Conflict, DomainError, NotFound
from stores import permissions
from stores.models import DamagedPart, Item, Warehouse
from stores.services.numbers import take
from stores.states import PartStatus, RepairRoute

REQUIRED = ("spec", "asset_no", "replaced_by", "new_serial", "old_serial", "reason")


@audit.atomic()
def register(*, warehouse: Warehouse, part: Item, by, quantity: int, replaced_on: dt.date,
             route: str = RepairRoute.NONE, **fields) -> DamagedPart:
    """Every field the register asks: part, spec, qty, asset no., replaced by, date, new and old serials, reason."""
    project = warehouse.project
    permissions.require_keeper(by, project)
    if part.company_id != project.company_id:
        raise NotFound(_("No such item."), code="item_not_found")
    clean = {name: limits.fit(DamagedPart, name, fields.get(name, ""), required=True, rule="STOCK-9")
             for name in REQUIRED}
    if int(quantity) <= 0:
        raise DomainError(_("Quantities are whole numbers above zero."), code="bad_quantity", rule="STOCK-9")
    if replaced_on > clock.today():
        raise DomainError(_("The replacement date cannot be in the future."), code="future_date", rule="STOCK-9")
    if route not in RepairRoute.values:
        raise DomainError(_("Unknown repair route."), code="bad_route", rule="STOCK-12")
    item = DamagedPart.objects.create(project=project, number=take(project, "damaged"), warehouse=warehouse,
                                      part=part, quantity=int(quantity), replaced_on=replaced_on, route=route,
                                      registered_by=by, registered_at=clock.now(), **clean)
    audit.record(actor=by, action="stores.damaged.registered", target=item, project=project,
                 data={"number": item.number, "part": part.code})
    return item


def ship_due(project):
    """Registered parts waiting longer than the shipping interval (15 days by policy) — the sweep's list."""
    from core import policies
    days = policies.value("stores.damaged.ship_every_days", project)
    return DamagedPart.objects.filter(project=project, status=PartStatus.REGISTERED,
                                      registered_at__lte=clock.now() - dt.timedelta(days=days))


def awaiting_return(project):
    """Parts out under warranty or commercial repair, not yet back (STOCK-12)."""
    return DamagedPart.objects.filter(project=project, status=PartStatus.SHIPPED).exclude(route=RepairRoute.NONE)


@audit.atomic()
def ship(*, parts: list[DamagedPart], by, shipment: str) -> int:
    if not parts:
        raise DomainError(_("Choose the parts to ship."), code="no_lines", rule="STOCK-9")
    project = parts[0].project
    permissions.require_keeper(by, project)
    shipment = limits.fit(DamagedPart, "shipment", shipment, required=True, rule="STOCK-9")
    locked = list(DamagedPart.objects.select_for_update().filter(pk__in=[p.pk for p in parts], project=project))
    if len(locked) != len(parts) or any(p.status != PartStatus.REGISTERED for p in locked):
        raise Conflict(_("Some parts are already shipped."), code="already_shipped", rule="STOCK-9")
    now = clock.now()
    DamagedPart.objects.filter(pk__in=[p.pk for p in locked]).update(status=PartStatus.SHIPPED, shipped_at=now,
                                                                   shipment=shipment)
    for p in locked:
        audit.record(actor=by, action="stores.damaged.shipped", target=p, project=project,
                     data={"number": p.number, "shipment": shipment})
    return len(locked)


@audit.atomic()
def returned(*, part: DamagedPart, by) -> DamagedPart:
    permissions.require_keeper(by, part.project)
    part = DamagedPart.objects.select_for_update().get(pk=part.pk)
    if part.status != PartStatus.SHIPPED or part.route == RepairRoute.NONE:
        raise Conflict(_("Only a part out for repair comes back."), code="not_out_for_repair", rule="STOCK-12")
    part.status, part.returned_at = PartStatus.RETURNED, clock.now()
    part.save(update_fields=["status", "returned_at"])
    audit.record(actor=by, action="stores.damaged.returned", target=part, project=part.project,
                 data={"number": part.number})
    return part
