"""Repairs draw from stock: the materials a technician picked on the task slip are issued from the site's stock
when the repair is completed — one own-use issue document, audited at once, priced from the catalogue (issue 19)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit
from core.errors import DomainError, NotFound
from core.handoffs import IssuedMaterials, RepairMaterial, StockOnHand
from stores import permissions
from stores.models import Balance, Item, Warehouse
from stores.services import stock
from stores.states import DocKind, Grade, Level


def site_warehouse(project) -> Warehouse:
    found = Warehouse.objects.filter(project=project, level=Level.SITE).order_by("pk").first()
    if found is None:
        raise NotFound(_("This site has no warehouse."), code="warehouse_not_found")
    return found


@audit.atomic()
def issue_for_repair(project, technician, repair_ref: str, lines: list[RepairMaterial]) -> IssuedMaterials:
    """Issue the picked materials; refused as a whole (nothing issued) when any is short."""
    permissions.require_issuer(technician, project)
    if not lines:
        raise DomainError(_("Pick at least one material."), code="no_lines", rule="STOCK-2")
    items = {i.code: i for i in Item.objects.filter(company_id=project.company_id,
                                                    code__in=[m.item_code for m in lines])}
    missing = [m.item_code for m in lines if m.item_code not in items]
    if missing:
        raise NotFound(_("No such item: %(codes)s") % {"codes": ", ".join(missing)}, code="item_not_found")
    doc = stock.create(project=project, by=technician, kind=DocKind.OWN_USE, warehouse=site_warehouse(project),
                       lines=[{"item": items[m.item_code], "quantity": m.quantity} for m in lines],
                       note=_("Materials for repair %(ref)s") % {"ref": repair_ref}, reference=repair_ref,
                       _system=True)
    stock.audit_document(document=doc, auditor=technician, _system=True)
    priced = tuple((items[m.item_code].name, int(m.quantity), items[m.item_code].price) for m in lines)
    return IssuedMaterials(document=doc.number, lines=priced)


def on_hand(project) -> list[StockOnHand]:
    """The site's good stock, for the technician's picker on the task slip (read-only; nothing when no site)."""
    site = Warehouse.objects.filter(project=project, level=Level.SITE).order_by("pk").first()
    if site is None:
        return []
    return [StockOnHand(b.item.code, b.item.name, b.item.spec, b.item.unit_label, b.quantity)
            for b in Balance.objects.filter(warehouse=site, grade=Grade.GOOD, quantity__gt=0, item__is_tool=False)
            .select_related("item").order_by("item__code")[:500]]
