"""The store room's pages, print views, Excel and API: a technician draws a part for a repair from their phone;
a document is audited on its page; every print view opens; the opening-balance import reports row by row and
imports nothing while a row is bad (STOCK-1, STOCK-2, STOCK-3)."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.testing.fixtures import login
from stores.demo import build_stores
from stores.models import Location, StockDocument, Stocktake, ToolLoan
from stores.selectors import stock as sel
from stores.services import opening
from stores.states import DocStatus, Grade


@pytest.fixture
def demo(world, morning):
    build_stores(world)
    return world


def _dispatched(project, users):
    from desk.services import repairs as desk
    from desk.tests.test_repairs_factories import household

    repair = household(project, users["kefu1"])
    return desk.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])


@pytest.mark.req("STOCK-2")
def test_a_technician_draws_a_part_for_a_repair_through_the_api(demo, project, users, site, items, api_as):
    repair = _dispatched(project, users)
    body = {"project": project.pk, "repair": repair.slip_number, "lines": [{"item_code": "M-003", "quantity": 2}]}
    answer = api_as(users["gongcheng1"]).post("/api/stores/documents/draw-for-repair/", body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["document"].startswith("CK")
    assert sel.quantity(site, items["M-003"]) == 18
    too_many = {**body, "lines": [{"item_code": "M-003", "quantity": 99}]}
    refused = api_as(users["gongcheng1"]).post("/api/stores/documents/draw-for-repair/", too_many, format="json")
    assert (refused.status_code, refused.json()["code"]) == (409, "insufficient_stock")
    assert sel.quantity(site, items["M-003"]) == 18
    clerk = api_as(users["kefu1"]).post("/api/stores/documents/draw-for-repair/", body, format="json")
    assert clerk.status_code == 403
    assert StockDocument.objects.get(number=answer.json()["document"]).reference == repair.serial


@pytest.mark.req("STOCK-2")
def test_a_draw_must_name_a_repair_of_this_project_that_still_awaits_its_materials(demo, project, users, site,
                                                                                   items, api_as):
    from desk.services import repairs as desk

    repair = _dispatched(project, users)
    cancelled = desk.cancel_repair(repair=_dispatched(project, users), cancelled_by=users["kefu1"], reason="业主取消")
    documents = StockDocument.objects.count()
    for ref in ["BX-20260310-9999", "-", cancelled.serial, cancelled.slip_number or "WX-none"]:
        body = {"project": project.pk, "repair": ref, "lines": [{"item_code": "M-003", "quantity": 1}]}
        refused = api_as(users["gongcheng1"]).post("/api/stores/documents/draw-for-repair/", body, format="json")
        assert (refused.status_code, refused.json()["code"]) == (404, "repair_not_found"), ref
    assert StockDocument.objects.count() == documents
    assert sel.quantity(site, items["M-003"]) == 20
    by_serial = {"project": project.pk, "repair": repair.serial, "lines": [{"item_code": "M-003", "quantity": 1}]}
    assert api_as(users["gongcheng1"]).post("/api/stores/documents/draw-for-repair/", by_serial,
                                            format="json").status_code == 201


@pytest.mark.req("STOCK-3")
def test_a_document_saved_by_api_is_audited_on_its_page_and_its_warehouse_stays(demo, project, users, ws, items,
                                                                                api_as, client):
    made = api_as(users["cangguan"]).post("/api/stores/documents/", {
        "warehouse": ws["site"].pk, "kind": "purchase", "lines": [{"item": items["M-001"].pk, "quantity": 5}]},
        format="json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    moved = api_as(users["cangguan"]).patch(f"/api/stores/documents/{pk}/", {"warehouse": ws["department"].pk},
                                            format="json")
    assert (moved.status_code, moved.json()["code"]) == (409, "warehouse_fixed")
    own = api_as(users["cangguan"]).post(f"/api/stores/documents/{pk}/audit/")
    assert own.status_code == 403
    login(client, users["gczg"], project)
    page = client.post(reverse("stores:document", args=[pk]), {"action": "audit"})
    assert page.status_code == 302
    assert StockDocument.objects.get(pk=pk).status == DocStatus.AUDITED
    assert sel.quantity(ws["site"], items["M-001"]) == 55
    bad = client.post(reverse("stores:document", args=[pk]), {"action": "audit"})
    assert bad.status_code == 409


@pytest.mark.req("STOCK-1", "STOCK-4")
def test_pages_print_views_and_excel_open_for_the_storekeeper(demo, project, users, site, client):
    login(client, users["cangguan"], project)
    doc = StockDocument.objects.filter(project=project).first()
    urls = [reverse("stores:stock"), reverse("stores:stock") + f"?w={site.pk}&day=2026-03-10",
            reverse("stores:document", args=[doc.pk]), reverse("stores:document-print", args=[doc.pk]),
            reverse("stores:stocktake-print", args=[Stocktake.objects.first().pk]),
            reverse("stores:tool-loan-print", args=[ToolLoan.objects.first().pk]),
            reverse("stores:location-card", args=[Location.objects.filter(warehouse=site).first().pk]),
            reverse("stores:damaged-print"), reverse("stores:opening"), reverse("stores:stock") + "?w=abc&day=x"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    sheet = client.get(reverse("stores:balances-export"))
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).worksheets[0].iter_rows(values_only=True))
    assert any(r[1] == "M-001" and r[5] == 50 for r in rows)
    made = client.post(reverse("stores:stock") + f"?w={site.pk}", {"warehouse": site.pk, "kind": "own_use",
                                                                   "item": "x", "quantity": "1"})
    assert made.status_code == 404


def _sheet(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.req("STOCK-1", "STOCK-3")
def test_opening_balances_import_with_a_row_by_row_report(demo, project, users, ws, items, unchanged):
    dept = ws["department"]
    data = _sheet([["物料编码", "数量", "完好/损坏"], ["M-001", 12, "完好"], ["NOPE", 3, "完好"], ["M-002", 0, "损坏"],
                   ["M-003", 4, "损坏"], ["=1+2", "5", ""]])
    with unchanged():
        result = opening.import_opening(warehouse=dept, by=users["cangguan"], data=data, name="q.xlsx")
    assert [r["ok"] for r in result.report] == [True, False, False, True, False] and not result.documents
    result = opening.import_opening(warehouse=dept, by=users["cangguan"], data=data, name="q.xlsx", good_only=True)
    assert len(result.documents) == 2 and all(d.status == DocStatus.SAVED for d in result.documents)
    assert sel.quantity(dept, items["M-001"]) == 0  # opening documents are audited like any other
    from stores.services import stock
    for doc in result.documents:
        stock.audit_document(document=doc, auditor=users["gczg"])
    assert (sel.quantity(dept, items["M-001"]), sel.quantity(dept, items["M-003"], Grade.DAMAGED)) == (12, 4)
