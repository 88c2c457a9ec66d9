"""Every store-room refusal no other test names: the service (or the API where the refusal is raised there) is driven
into it, the stable code is asserted, and the store room's tables read exactly as before (STOCK-2, STOCK-4, STOCK-5,
STOCK-6, STOCK-7, STOCK-9, STOCK-10, STOCK-11, STOCK-12)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import Conflict, DomainError, NotFound
from core.handoffs import RepairMaterial
from core.models import Company, Project
from stores.demo.stock import warehouses
from stores.models import DamagedPart, Item, StockDocument
from stores.services import counts, freight, parts, repairs, stock, supply, tools
from stores.states import Cause, DocKind, FreightMode, Grade, RepairRoute
from stores.tests.helpers import stocked


def _foreign_item() -> Item:
    """An item of another company's catalogue."""
    other = Company.objects.create(name="别家物业", code="other-stores-co")
    return Item.objects.create(company=other, code="M-001", name="LED灯泡")


# --- documents (STOCK-2, STOCK-4, STOCK-11) ---------------------------------------------------------------


@pytest.mark.req("STOCK-2")
@pytest.mark.parametrize("kind", ["borrowed", DocKind.STOCKTAKE])
def test_an_unknown_kind_of_document_or_a_hand_written_stocktake_adjustment_is_refused(project, users, site, items,
                                                                                       morning, unchanged, kind):
    with unchanged(), pytest.raises(DomainError) as refused:
        stock.create(project=project, by=users["cangguan"], kind=kind, warehouse=site,
                     lines=[{"item": items["M-001"], "quantity": 1}])
    assert refused.value.code == "bad_kind"


@pytest.mark.req("STOCK-2")
def test_a_document_without_lines_or_with_too_many_is_refused(project, users, site, items, morning, unchanged):
    with unchanged(), pytest.raises(DomainError) as empty:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site, lines=[])
    assert empty.value.code == "no_lines"
    many = [{"item": items["M-001"], "quantity": 1}] * (stock.MAX_LINES + 1)
    with unchanged(), pytest.raises(DomainError) as too_many:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site, lines=many)
    assert too_many.value.code == "too_many_lines"


@pytest.mark.req("STOCK-2")
def test_a_change_to_a_saved_document_without_lines_is_refused(project, users, site, items, morning, unchanged):
    doc = stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site,
                       lines=[{"item": items["M-001"], "quantity": 2}])
    line = doc.lines.get()
    with unchanged(doc, line), pytest.raises(DomainError) as refused:
        stock.update(document=doc, by=users["cangguan"], lines=[])
    assert refused.value.code == "no_lines"


@pytest.mark.req("STOCK-2")
def test_an_item_not_in_the_companys_catalogue_is_refused(project, users, site, items, morning, unchanged):
    foreign = _foreign_item()
    for item in (foreign, foreign.pk + 1000):
        with unchanged(), pytest.raises(NotFound) as refused:
            stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site,
                         lines=[{"item": item, "quantity": 1}])
        assert refused.value.code == "item_not_found"


@pytest.mark.req("STOCK-2")
def test_a_document_in_another_projects_warehouse_or_a_transfer_to_another_company_is_refused(
        project, other_project, users, site, items, morning, unchanged):
    elsewhere = warehouses(other_project)["site"]
    with unchanged(), pytest.raises(NotFound) as foreign_source:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=elsewhere,
                     lines=[{"item": items["M-001"], "quantity": 1}])
    assert foreign_source.value.code == "warehouse_not_found"
    stocked(project, users, site, items["M-001"], 5)
    outsider = Project.objects.create(company=_foreign_item().company, name="别家项目", code="other-site")
    foreign_wh = warehouses(outsider)["site"]
    with unchanged(), pytest.raises(NotFound) as foreign_target:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.TRANSFER, warehouse=site,
                     to_warehouse=foreign_wh, grade=Grade.GOOD, lines=[{"item": items["M-001"], "quantity": 1}])
    assert foreign_target.value.code == "warehouse_not_found"


@pytest.mark.req("STOCK-2")
def test_a_transfer_goes_to_another_warehouse_and_names_its_grade(project, users, ws, items, morning, unchanged):
    site, dept = ws["site"], ws["department"]
    stocked(project, users, site, items["M-001"], 5)
    line = [{"item": items["M-001"], "quantity": 1}]
    for target in (None, site):
        with unchanged(), pytest.raises(DomainError) as nowhere:
            stock.create(project=project, by=users["cangguan"], kind=DocKind.TRANSFER, warehouse=site,
                         to_warehouse=target, grade=Grade.GOOD, lines=line)
        assert nowhere.value.code == "bad_transfer"
    for grade in ("", "spare"):
        with unchanged(), pytest.raises(DomainError) as no_grade:
            stock.create(project=project, by=users["cangguan"], kind=DocKind.TRANSFER, warehouse=site,
                         to_warehouse=dept, grade=grade, lines=line)
        assert no_grade.value.code == "bad_grade"


@pytest.mark.req("STOCK-11")
def test_a_location_outside_the_receiving_warehouse_is_refused(project, users, ws, items, morning, unchanged):
    site, dept = ws["site"], ws["department"]
    stocked(project, users, site, items["M-001"], 5)
    shelf = site.locations.get(code="C-01")  # the site's shelf: not where a transfer to the department lands
    with unchanged(shelf), pytest.raises(DomainError) as refused:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.TRANSFER, warehouse=site,
                     to_warehouse=dept, grade=Grade.GOOD,
                     lines=[{"item": items["M-001"], "quantity": 1, "location": shelf}])
    assert refused.value.code == "bad_location"


# --- the API's own refusals (STOCK-2) -----------------------------------------------------------------------


@pytest.mark.req("STOCK-2")
def test_the_api_refuses_an_unknown_warehouse_or_item(project, users, site, items, morning, unchanged, api_as):
    api = api_as(users["cangguan"])
    foreign = _foreign_item()
    line = [{"item": items["M-001"].pk, "quantity": 1}]
    bodies = {
        "warehouse_not_found": [{"warehouse": 999_999, "kind": "purchase", "lines": line},
                                {"warehouse": site.pk, "kind": "transfer", "grade": "good", "to_warehouse": 999_999,
                                 "lines": line}],
        "item_not_found": [{"warehouse": site.pk, "kind": "purchase", "lines": [{"item": foreign.pk, "quantity": 1}]},
                           {"warehouse": site.pk, "kind": "purchase", "lines": [{"item": 999_999, "quantity": 1}]}],
    }
    for code, cases in bodies.items():
        for body in cases:
            with unchanged():
                answer = api.post("/api/stores/documents/", body, format="json")
            assert (answer.status_code, answer.json()["code"]) == (404, code), answer.content


@pytest.mark.req("STOCK-3")
def test_the_api_refuses_a_change_to_an_unknown_warehouse_or_item(project, users, site, items, morning, unchanged,
                                                                  api_as):
    doc = stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site,
                       lines=[{"item": items["M-001"], "quantity": 2}])
    line, api = doc.lines.get(), api_as(users["cangguan"])
    for body, code in (({"warehouse": 999_999}, "warehouse_not_found"),
                       ({"lines": [{"item": 999_999, "quantity": 1}]}, "item_not_found")):
        with unchanged(doc, line):
            answer = api.patch(f"/api/stores/documents/{doc.pk}/", body, format="json")
        assert (answer.status_code, answer.json()["code"]) == (404, code), answer.content


# --- stocktakes (STOCK-4) -----------------------------------------------------------------------------------


@pytest.mark.req("STOCK-4")
def test_an_unknown_kind_of_stocktake_is_refused(project, users, site, items, morning, unchanged):
    stocked(project, users, site, items["M-001"], 5)
    with unchanged(), pytest.raises(DomainError) as refused:
        counts.open_count(warehouse=site, by=users["cangguan"], kind="weekly")
    assert refused.value.code == "bad_kind"


@pytest.mark.req("STOCK-4")
def test_a_stocktake_with_a_line_not_counted_is_refused(project, users, site, items, morning, unchanged):
    stocked(project, users, site, items["M-001"], 10)
    stocked(project, users, site, items["M-002"], 5)
    count = counts.open_count(warehouse=site, by=users["cangguan"])
    bulb, tap = (count.lines.get(item=items["M-001"]), count.lines.get(item=items["M-002"]))
    with unchanged(count, bulb, tap), pytest.raises(DomainError) as refused:
        counts.submit(stocktake=count, by=users["cangguan"], counts={bulb.pk: {"counted": 10}})
    assert refused.value.code == "line_not_counted"


@pytest.mark.req("STOCK-4")
def test_a_stocktakes_adjustment_is_never_un_audited(project, users, site, items, morning, unchanged):
    stocked(project, users, site, items["M-001"], 10)
    count = counts.open_count(warehouse=site, by=users["cangguan"])
    bulb = count.lines.get()
    counts.submit(stocktake=count, by=users["cangguan"], counts={
        bulb.pk: {"counted": 8, "cause": Cause.SHORTAGE, "reason": "维修领用未登记"}})
    count.refresh_from_db()
    if count.adjustment_id is None:  # an approval chain: the books change once it is approved
        counts.approve(stocktake=count, approver=users["jingli"])
        count.refresh_from_db()
    adjustment = StockDocument.objects.get(pk=count.adjustment_id)
    assert adjustment.kind == DocKind.STOCKTAKE
    balance = site.balances.get(item=items["M-001"])
    with unchanged(adjustment, count, balance), pytest.raises(Conflict) as refused:
        stock.unaudit_document(document=adjustment, auditor=users["gczg"])
    assert refused.value.code == "stocktake_final"


# --- requisitions, plans and deliveries (STOCK-5, STOCK-6, STOCK-12) ----------------------------------------


@pytest.mark.req("STOCK-5")
def test_a_requisition_is_made_by_a_site_with_lines_of_the_catalogue(project, users, ws, items, morning, unchanged):
    site, dept = ws["site"], ws["department"]
    line = [{"item": items["M-001"], "quantity": 2}]
    with unchanged(), pytest.raises(DomainError) as not_site:
        supply.apply(warehouse=dept, by=users["cangguan"], lines=line, purpose="备料")
    assert not_site.value.code == "not_a_site"
    with unchanged(), pytest.raises(DomainError) as empty:
        supply.apply(warehouse=site, by=users["cangguan"], lines=[], purpose="备料")
    assert empty.value.code == "no_lines"
    foreign = _foreign_item()
    for item in (foreign, foreign.pk + 1000):
        with unchanged(), pytest.raises(NotFound) as unknown:
            supply.apply(warehouse=site, by=users["cangguan"], lines=[{"item": item, "quantity": 1}], purpose="备料")
        assert unknown.value.code == "item_not_found"


@pytest.mark.req("STOCK-12")
def test_a_second_plan_for_the_same_year_is_refused(project, users, items, morning, unchanged):
    plan = supply.draw_up_plan(project=project, by=users["zongjingli"], year=2026,
                               lines=[{"item": items["M-002"], "quantity": 6}])
    line = plan.lines.get()
    with unchanged(plan, line), pytest.raises(Conflict) as refused:
        supply.draw_up_plan(project=project, by=users["zongjingli"], year=2026,
                            lines=[{"item": items["M-002"], "quantity": 1}])
    assert refused.value.code == "plan_exists"


@pytest.mark.req("STOCK-6")
def test_a_delivery_without_lines_is_refused(project, users, site, morning, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        supply.receive(warehouse=site, by=users["cangguan"], delivery_note="FH-2026-031", packing_list="ZX-031",
                       lines=[])
    assert refused.value.code == "no_lines"


# --- damaged parts (STOCK-9, STOCK-12) ----------------------------------------------------------------------

FIELDS = {"spec": "DZ47-63 C16", "asset_no": "ZC-0012", "replaced_by": "周师傅", "new_serial": "N-889",
          "old_serial": "O-771", "reason": "触点烧蚀"}


def _register(site, users, part, route=RepairRoute.WARRANTY):
    return parts.register(warehouse=site, part=part, by=users["cangguan"], quantity=1,
                          replaced_on=dt.date(2026, 3, 9), route=route, **FIELDS)


@pytest.mark.req("STOCK-12")
def test_an_unknown_repair_route_is_refused(project, users, site, items, morning, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        _register(site, users, items["M-003"], route="gift")
    assert refused.value.code == "bad_route"


@pytest.mark.req("STOCK-9")
def test_a_part_of_another_companys_catalogue_is_not_registered(project, users, site, morning, unchanged):
    foreign = _foreign_item()
    with unchanged(), pytest.raises(NotFound) as refused:
        _register(site, users, foreign)
    assert refused.value.code == "item_not_found"


@pytest.mark.req("STOCK-9")
def test_a_shipment_without_parts_is_refused(project, users, morning, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        parts.ship(parts=[], by=users["cangguan"], shipment="SF1234567890")
    assert refused.value.code == "no_lines"


@pytest.mark.req("STOCK-12")
def test_only_a_part_out_for_repair_comes_back(project, users, site, items, morning, unchanged):
    waiting = _register(site, users, items["M-003"])  # registered, not shipped yet
    scrap = _register(site, users, items["M-003"], route=RepairRoute.NONE)
    parts.ship(parts=[scrap], by=users["cangguan"], shipment="SF1234567890")  # shipped, but not for repair
    for part in (waiting, DamagedPart.objects.get(pk=scrap.pk)):
        with unchanged(part), pytest.raises(Conflict) as refused:
            parts.returned(part=part, by=users["cangguan"])
        assert refused.value.code == "not_out_for_repair"


# --- repairs draw from stock (STOCK-2) ----------------------------------------------------------------------


@pytest.mark.req("STOCK-2")
def test_a_repair_draw_needs_a_material_of_the_catalogue(project, users, site, items, morning, unchanged):
    stocked(project, users, site, items["M-003"], 5)
    with unchanged(), pytest.raises(DomainError) as empty:
        repairs.issue_for_repair(project, users["gongcheng1"], "WX20260310-0007", [])
    assert empty.value.code == "no_lines"
    with unchanged(), pytest.raises(NotFound) as unknown:
        repairs.issue_for_repair(project, users["gongcheng1"], "WX20260310-0007",
                                 [RepairMaterial("M-003", 1), RepairMaterial("X-999", 1)])
    assert unknown.value.code == "item_not_found"


@pytest.mark.req("STOCK-2")
def test_a_repair_draw_on_a_project_without_a_site_warehouse_is_refused(other_project, users, items, morning,
                                                                        unchanged, two_roles):
    technician = two_roles(users["gongcheng1"], "technician", in_project=other_project)
    with unchanged(), pytest.raises(NotFound) as refused:
        repairs.issue_for_repair(other_project, technician, "WX20260310-0008", [RepairMaterial("M-003", 1)])
    assert refused.value.code == "warehouse_not_found"


# --- tools (STOCK-7) ----------------------------------------------------------------------------------------


@pytest.mark.req("STOCK-7")
def test_a_loan_form_names_a_tool_of_the_catalogue(project, users, site, items, morning, unchanged):
    for thing in (items["M-001"], Item.objects.create(company=_foreign_item().company, code="T-001", name="冲击钻",
                                                      is_tool=True)):
        with unchanged(), pytest.raises(NotFound) as refused:
            tools.apply(warehouse=site, tool=thing, holder=users["gongcheng1"], registered_by=users["cangguan"],
                        purpose="更换灯具", days=2)
        assert refused.value.code == "tool_not_found"


@pytest.mark.req("STOCK-7")
@pytest.mark.parametrize("days", [0, -1, 31])
def test_a_tool_is_lent_for_one_to_thirty_days(project, users, site, items, morning, unchanged, days):
    stocked(project, users, site, items["T-001"], 1)
    with unchanged(), pytest.raises(DomainError) as refused:
        tools.apply(warehouse=site, tool=items["T-001"], holder=users["gongcheng1"], registered_by=users["cangguan"],
                    purpose="更换灯具", days=days)
    assert refused.value.code == "bad_period"


# --- freight (STOCK-10) -------------------------------------------------------------------------------------


@pytest.mark.req("STOCK-10")
def test_an_unknown_freight_mode_is_refused(project, users, morning, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        freight.enter(project=project, by=users["cangguan"], mode="ship", amount="100")
    assert refused.value.code == "bad_mode"


@pytest.mark.req("STOCK-10")
@pytest.mark.parametrize(("amount", "filed", "field"), [("abc", "100", "amount"), ("-5", "100", "amount"),
                                                        ("NaN", "100", "amount"), ("Infinity", "100", "amount"),
                                                        ("100", "x", "filed_price"), ("100", "-1", "filed_price")])
def test_an_amount_that_is_not_yuan_is_refused(project, users, morning, unchanged, amount, filed, field):
    with unchanged(), pytest.raises(DomainError) as refused:
        freight.enter(project=project, by=users["cangguan"], mode=FreightMode.HIRED, amount=amount,
                      filed_price=filed)
    assert refused.value.code == "bad_amount"
    assert refused.value.details == {"field": field}


@pytest.mark.req("STOCK-10")
@pytest.mark.parametrize("filed", [None, ""])
def test_a_hired_vehicle_without_its_filed_price_is_refused(project, users, morning, unchanged, filed):
    with unchanged(), pytest.raises(DomainError) as refused:
        freight.enter(project=project, by=users["cangguan"], mode=FreightMode.HIRED, amount="300", filed_price=filed)
    assert refused.value.code == "filed_price_required"
