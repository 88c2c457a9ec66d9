"""First in, first out; expired stock never issued for use; expiry and maintenance reminders (STOCK-8); hazardous
goods apart, ABC locations and location cards (STOCK-11); the damaged-parts register shipped back every 15 days
and warranty or commercial repairs tracked until they return (STOCK-9, STOCK-12); freight rules as policy
(STOCK-10); repairs draw from stock through core.handoffs."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core import handoffs
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification, Policy
from stores.models import DamagedPart, Lot, StockDocument
from stores.selectors import stock as sel
from stores.services import freight, parts, stock
from stores.states import DocKind, FreightMode, FreightStatus, PartStatus, RepairRoute
from stores.sweeps import reminders
from stores.tests.helpers import at, issue, stocked


@pytest.mark.req("STOCK-8")
def test_issues_take_the_oldest_lot_first_and_never_an_expired_one(project, users, site, items, travel, unchanged):
    glue = items["M-001"]
    travel(at(dt.date(2026, 3, 1)))
    stocked(project, users, site, glue, 5, expires_on=dt.date(2026, 6, 30))
    travel(at(dt.date(2026, 3, 10)))
    stocked(project, users, site, glue, 5, expires_on=dt.date(2026, 4, 30))
    issue(project, users, site, glue, 3)
    assert list(Lot.objects.filter(warehouse=site, item=glue).values_list("received_on", "remaining")) == [
        (dt.date(2026, 3, 1), 2), (dt.date(2026, 3, 10), 5)]  # FIFO by arrival, not by expiry
    travel(at(dt.date(2026, 6, 5)))
    assert {lot.remaining for lot in sel.expiring_lots(project)} == {2, 5}
    reminders.sweep_project(project)
    assert Notification.objects.filter(kind="stores.expiring", recipient=users["cangguan"]).count() == 2
    doc = issue(project, users, site, glue, 3, audit=False)
    with unchanged(doc), pytest.raises(Conflict) as expired:
        stock.audit_document(document=doc, auditor=users["gczg"])  # 2 usable, the April lot is expired
    assert expired.value.code == "expired_stock"
    issue(project, users, site, glue, 2)


@pytest.mark.req("STOCK-8")
def test_a_tool_with_a_maintenance_cycle_is_reminded_when_due(project, users, site, items, travel):
    travel(at(dt.date(2026, 3, 10)))
    stocked(project, users, site, items["T-001"], 1, location=site.locations.get(code="A-01"))
    site.balances.filter(item=items["T-001"]).update(maintained_on=dt.date(2026, 3, 10))
    travel(at(dt.date(2026, 6, 7)))
    assert sel.maintenance_due(project) == []
    travel(at(dt.date(2026, 6, 8)))  # 90 days on
    assert [b.item for b in sel.maintenance_due(project)] == [items["T-001"]]


@pytest.mark.req("STOCK-11")
def test_hazardous_goods_only_in_the_hazardous_store_and_each_class_in_its_place(project, users, site, items,
                                                                              morning, unchanged):
    loc = {lo.code: lo for lo in site.locations.all()}
    thinner, switch = items["M-004"], items["M-003"]
    for item, place, code in ((thinner, None, "hazardous_apart"), (thinner, loc["B-01"], "hazardous_apart"),
                              (switch, loc["H-01"], "hazardous_apart"), (switch, loc["C-01"], "abc_mismatch")):
        with unchanged(), pytest.raises(DomainError) as refused:
            stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site,
                         lines=[{"item": item, "quantity": 1, "location": place}])
        assert refused.value.code == code
    stocked(project, users, site, thinner, 2, location=loc["H-01"])
    stocked(project, users, site, switch, 3, location=loc["A-01"])
    card = sel.location_card(loc["A-01"])
    assert [(r["item"], r["quantity"]) for r in card["rows"]] == [(switch, 3)]
    assert list(sel.hazardous_misplaced(project)) == []
    site.balances.filter(item=thinner).update(location=loc["B-01"])
    assert [b.item for b in sel.hazardous_misplaced(project)] == [thinner]


def _part(site, users, items, route=RepairRoute.WARRANTY, **over):
    fields = dict(spec="DZ47-63 C16", asset_no="ZC-0012", replaced_by="周师傅", new_serial="N-889",
                  old_serial="O-771", reason="触点烧蚀")
    fields.update(over)
    return parts.register(warehouse=site, part=items["M-003"], by=users["cangguan"], quantity=1,
                          replaced_on=dt.date(2026, 3, 9), route=route, **fields)


@pytest.mark.req("STOCK-9")
def test_the_damaged_parts_register_asks_every_field_and_reminds_to_ship_within_15_days(project, users, site,
                                                                                        items, travel, unchanged):
    travel(at(dt.date(2026, 3, 10)))
    with unchanged(), pytest.raises(DomainError):
        _part(site, users, items, old_serial="")
    part = _part(site, users, items)
    assert part.number.startswith("SH")
    travel(at(dt.date(2026, 3, 24)))
    assert list(parts.ship_due(project)) == []
    travel(at(dt.date(2026, 3, 25)))
    assert list(parts.ship_due(project)) == [part]
    reminders.sweep_project(project)
    assert Notification.objects.filter(kind="stores.ship_damaged").exists()
    parts.ship(parts=[part], by=users["cangguan"], shipment="PH-0325")
    assert list(parts.ship_due(project)) == []
    with pytest.raises(Conflict) as twice:
        parts.ship(parts=[part], by=users["cangguan"], shipment="PH-0326")
    assert twice.value.code == "already_shipped"


@pytest.mark.req("STOCK-12")
def test_a_part_under_warranty_or_commercial_repair_is_tracked_until_it_returns(project, users, site, items,
                                                                             morning):
    warranty, scrap = _part(site, users, items), _part(site, users, items, route=RepairRoute.NONE)
    parts.ship(parts=[warranty, scrap], by=users["cangguan"], shipment="PH-1")
    assert list(parts.awaiting_return(project)) == [warranty]
    with pytest.raises(Conflict):
        parts.returned(part=scrap, by=users["cangguan"])
    parts.returned(part=warranty, by=users["cangguan"])
    assert DamagedPart.objects.get(pk=warranty.pk).status == PartStatus.RETURNED
    assert list(parts.awaiting_return(project)) == []


@pytest.mark.req("STOCK-10")
@pytest.mark.parametrize("mode,amount,filed,writing,status", [
    (FreightMode.HIRED, "1100.00", "1000.00", "", FreightStatus.NOT_NEEDED),  # within 10 % (inclusive)
    (FreightMode.HIRED, "1100.01", "1000.00", "", FreightStatus.PENDING),
    (FreightMode.AIR, "50.00", None, "", FreightStatus.PENDING),  # air always
    (FreightMode.EXPRESS, "200.00", None, "", FreightStatus.NOT_NEEDED),  # the site's discretion
    (FreightMode.EXPRESS, "200.01", None, "书面申请：急需配件", FreightStatus.PENDING)])
def test_freight_rules(project, users, morning, mode, amount, filed, writing, status):
    charge = freight.enter(project=project, by=users["cangguan"], mode=mode, amount=amount, filed_price=filed,
                           written_request=writing)
    assert charge.status == status


@pytest.mark.req("STOCK-10")
def test_express_above_the_limit_needs_writing_and_approval_which_may_be_refused(project, users, morning,
                                                                                  unchanged, two_roles):
    with unchanged(), pytest.raises(DomainError) as unwritten:
        freight.enter(project=project, by=users["cangguan"], mode=FreightMode.EXPRESS, amount="260")
    assert unwritten.value.code == "written_request_required"
    charge = freight.enter(project=project, by=users["cangguan"], mode=FreightMode.EXPRESS, amount="260",
                           written_request="急需")
    with unchanged(charge), pytest.raises(NotAllowed) as own:
        freight.decide(charge=charge, approver=two_roles(users["cangguan"], "site_manager"), approved=True)
    assert own.value.code == "self_approval"
    freight.decide(charge=charge, approver=users["jingli"], approved=False, comment="改用普通快递")
    charge.refresh_from_db()
    assert charge.status == FreightStatus.REJECTED
    Policy.objects.create(key="stores.freight.express_limit", project=project, value=300, clause="test")
    assert freight.enter(project=project, by=users["cangguan"], mode=FreightMode.EXPRESS,
                         amount="260").status == FreightStatus.NOT_NEEDED
    assert freight.needs_approval(project, FreightMode.HIRED, Decimal(1200), Decimal(1000))


@pytest.mark.req("STOCK-2")
def test_a_repair_draws_its_materials_from_the_sites_stock_through_the_hand_off(project, users, site, items,
                                                                                morning, unchanged):
    stocked(project, users, site, items["M-001"], 3)
    issued = handoffs.issue_materials_for_repair(project, users["gongcheng1"], "WX20260310-0001",
                                                 [handoffs.RepairMaterial("M-001", 2)])
    doc = StockDocument.objects.get(number=issued.document)
    assert doc.kind == DocKind.OWN_USE and doc.reference == "WX20260310-0001" and doc.audited_at
    assert issued.lines == (("LED灯泡", 2, Decimal("8.50")),)
    assert sel.quantity(site, items["M-001"]) == 1
    with unchanged(), pytest.raises(Conflict) as short:
        handoffs.issue_materials_for_repair(project, users["gongcheng1"], "WX2",
                                            [handoffs.RepairMaterial("M-001", 2)])
    assert short.value.code == "insufficient_stock"
    with pytest.raises(NotAllowed):
        handoffs.issue_materials_for_repair(project, users["kefu1"], "WX3", [handoffs.RepairMaterial("M-001", 1)])
