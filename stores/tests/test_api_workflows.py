"""The store room's API for its workflows: each area answers 201/200 on the way through and 4xx with a stable code
on a refusal, nothing changed — stocktakes (STOCK-4, -11), tool loans (STOCK-7), requisitions and the demand plan
(STOCK-5, -12), receiving with photos (STOCK-6), damaged parts (STOCK-9), freight (STOCK-10)."""
from __future__ import annotations

import pytest

from core.testing.fixtures import PASSWORD
from stores.demo import build_stores
from stores.models import DamagedPart, FreightCharge, Receiving, Requisition, Stocktake, ToolLoan
from stores.selectors import stock as sel

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def demo(world, morning):
    build_stores(world)
    return world


def code(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


@pytest.mark.req("STOCK-4", "STOCK-11")
def test_stocktake_api_counts_with_reasons_and_changes_the_books_only_when_approved(
        demo, project, users, site, items, api_as, unchanged):
    keeper, head = api_as(users["cangguan"]), api_as(users["gczg"])
    assert code(api_as(users["kefu1"]).post("/api/stores/stocktakes/", {"warehouse": site.pk}, format="json")) == (
        403, "role_not_allowed")
    made = keeper.post("/api/stores/stocktakes/", {"warehouse": site.pk, "kind": "quarterly"}, format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    lines = [{"line": ln["id"], "counted": ln["book"] - (1 if ln["item_code"] == "M-001" else 0)}
             for ln in body["lines"]]
    count = Stocktake.objects.get(pk=body["id"])
    with unchanged(count):
        assert code(keeper.post(f"/api/stores/stocktakes/{count.pk}/submit/", {"lines": lines}, format="json")) == (
            400, "reason_required")
        assert code(keeper.post(f"/api/stores/stocktakes/{count.pk}/submit/", {"lines": "x"}, format="json"))[0] == 400
    lines[[ln["line"] for ln in lines].index(next(ln["id"] for ln in body["lines"] if ln["item_code"] == "M-001"))
          ].update({"cause": "spoilage", "reason": "受潮"})
    assert keeper.post(f"/api/stores/stocktakes/{count.pk}/submit/", {"lines": lines}, format="json").status_code == 200
    with unchanged(count):
        assert code(head.post(f"/api/stores/stocktakes/{count.pk}/reject/", {}, format="json")) == (400, "required")
    assert head.post(f"/api/stores/stocktakes/{count.pk}/approve/", {}, format="json").json()["status"] == "approved"
    assert sel.quantity(site, items["M-001"]) == 49
    assert keeper.post("/api/stores/stocktakes/reconcile/", {"warehouse": site.pk}, format="json").status_code == 201
    assert code(keeper.post("/api/stores/stocktakes/reconcile/", {"warehouse": site.pk}, format="json")) == (
        409, "already_reconciled")


@pytest.mark.req("STOCK-7")
def test_tool_loan_api_lends_with_the_password_and_takes_back(demo, project, users, site, items, api_as, unchanged):
    keeper = api_as(users["cangguan"])
    body = {"warehouse": site.pk, "tool": items["T-001"].pk, "holder": users["baoan1"].pk, "purpose": "检修",
            "days": 3}
    with unchanged():
        assert code(keeper.post("/api/stores/tool-loans/", {**body, "tool": items["M-001"].pk}, format="json")) == (
            404, "tool_not_found")
        assert code(keeper.post("/api/stores/tool-loans/", {**body, "days": 0}, format="json")) == (400, "bad_period")
    made = keeper.post("/api/stores/tool-loans/", body, format="json")
    assert made.status_code == 201, made.content
    loan = ToolLoan.objects.get(pk=made.json()["id"])
    with unchanged(loan):
        assert code(keeper.post(f"/api/stores/tool-loans/{loan.pk}/lend/", {"counted": 1, "password": "no"},
                                format="json")) == (403, "bad_credentials")
        assert code(keeper.post(f"/api/stores/tool-loans/{loan.pk}/lend/", {"counted": 2, "password": PASSWORD},
                                format="json")) == (400, "count_mismatch")
    assert keeper.post(f"/api/stores/tool-loans/{loan.pk}/lend/", {"counted": 1, "password": PASSWORD},
                       format="json").json()["status"] == "lent"
    back = keeper.post(f"/api/stores/tool-loans/{loan.pk}/return/", {"counted": 1, "password": PASSWORD,
                                                                     "intact": False, "note": "钻头崩口"},
                       format="json")
    assert back.status_code == 200 and back.json()["returned_intact"] is False
    assert api_as(users["kefu1"]).get(f"/api/stores/tool-loans/?project={project.pk}").status_code == 200


@pytest.mark.req("STOCK-5", "STOCK-12")
def test_requisition_api_through_its_steps_and_the_plan(demo, project, users, site, ws, items, api_as, unchanged):
    keeper = api_as(users["cangguan"])
    body = {"warehouse": site.pk, "purpose": "备料", "lines": [{"item": items["M-003"].pk, "quantity": 5}]}
    with unchanged():
        assert code(keeper.post("/api/stores/requisitions/", {**body, "warehouse": ws["department"].pk},
                                format="json")) == (400, "not_a_site")
        assert code(keeper.post("/api/stores/requisitions/", {**body, "lines": [{"item": 987654, "quantity": 1}]},
                                format="json")) == (404, "item_not_found")
    made = keeper.post("/api/stores/requisitions/", body, format="json")
    assert made.status_code == 201, made.content
    req = Requisition.objects.get(pk=made.json()["id"])
    boss = api_as(users["zongjingli"])
    with unchanged(req):
        assert code(boss.post(f"/api/stores/requisitions/{req.pk}/dispatch/", {}, format="json")) == (
            409, "not_approved")
        assert code(keeper.post(f"/api/stores/requisitions/{req.pk}/approve/", {}, format="json")) == (
            403, "self_approval")
    for who in ("gczg", "jingli", "zongjingli"):
        assert api_as(users[who]).post(f"/api/stores/requisitions/{req.pk}/approve/", {}, format="json"
                                       ).status_code == 200, who
    with unchanged(req):
        assert code(boss.post(f"/api/stores/requisitions/{req.pk}/dispatch/", {"purchased": True},
                              format="json")) == (409, "outside_plan")
    plan = {"project": project.pk, "year": 2026, "lines": [{"item": items["M-003"].pk, "quantity": 50}]}
    assert boss.post("/api/stores/requisitions/demand-plan/", plan, format="json").status_code == 201
    assert boss.post(f"/api/stores/requisitions/{req.pk}/dispatch/", {"purchased": True},
                     format="json").json()["status"] == "purchased"


@pytest.mark.req("STOCK-6")
def test_receiving_api_with_a_discrepancy_reported_with_photos(demo, project, users, site, items, api_as, unchanged):
    keeper = api_as(users["cangguan"])
    body = {"warehouse": site.pk, "delivery_note": "FH-9", "packing_list": "ZX-9",
            "lines": [{"item": items["M-001"].pk, "listed": 10, "received": 8}]}
    with unchanged():
        assert code(keeper.post("/api/stores/receiving/", {**body, "delivery_note": " "}, format="json"))[0] == 400
        assert code(keeper.post("/api/stores/receiving/", {**body, "lines": []}, format="json")) == (400, "no_lines")
    made = keeper.post("/api/stores/receiving/", body, format="json")
    assert made.status_code == 201, made.content
    rec = Receiving.objects.get(pk=made.json()["id"])
    assert made.json()["document_number"].startswith("RK")
    with unchanged(rec):
        assert code(keeper.post(f"/api/stores/receiving/{rec.pk}/discrepancy/", {"description": "少两只"})) == (
            400, "photos_required")
    from django.core.files.uploadedfile import SimpleUploadedFile
    shown = keeper.post(f"/api/stores/receiving/{rec.pk}/discrepancy/",
                        {"description": "少两只", "photos": [SimpleUploadedFile("a.png", PNG)]}, format="multipart")
    assert shown.status_code == 201, shown.content
    assert len(shown.json()["discrepancies"]) == 1


@pytest.mark.req("STOCK-9", "STOCK-12")
def test_damaged_parts_api_registers_ships_and_takes_back(demo, project, users, site, items, api_as, unchanged):
    keeper = api_as(users["cangguan"])
    body = {"warehouse": site.pk, "part": items["M-003"].pk, "quantity": 1, "replaced_on": "2026-03-09",
            "spec": "C16", "asset_no": "2栋配电箱", "replaced_by": "周师傅", "new_serial": "N1", "old_serial": "O1",
            "reason": "烧蚀", "route": "warranty"}
    with unchanged():
        assert code(keeper.post("/api/stores/damaged-parts/", {**body, "reason": ""}, format="json"))[0] == 400
        assert code(keeper.post("/api/stores/damaged-parts/", {**body, "replaced_on": "2026-04-01"},
                                format="json")) == (400, "future_date")
    made = keeper.post("/api/stores/damaged-parts/", body, format="json")
    assert made.status_code == 201, made.content
    part = DamagedPart.objects.get(pk=made.json()["id"])
    with unchanged(part):
        assert code(keeper.post(f"/api/stores/damaged-parts/{part.pk}/returned/")) == (409, "not_out_for_repair")
        # An id larger than a database integer (the API fuzzer's): refused as bad input, not SQLite's OverflowError.
        assert code(keeper.post("/api/stores/damaged-parts/ship/", {"parts": [part.pk, 2**64], "shipment": "SF9"},
                                format="json"))[0] == 400
    assert keeper.post("/api/stores/damaged-parts/ship/", {"parts": [part.pk], "shipment": "SF9"},
                       format="json").json() == {"shipped": 1}
    with unchanged(part):
        assert code(keeper.post("/api/stores/damaged-parts/ship/", {"parts": [part.pk], "shipment": "SF9"},
                                format="json")) == (409, "already_shipped")
    assert keeper.post(f"/api/stores/damaged-parts/{part.pk}/returned/").json()["status"] == "returned"


@pytest.mark.req("STOCK-10")
def test_freight_api_judges_the_bill_and_takes_the_managers_decision(demo, project, users, api_as, unchanged):
    keeper, manager = api_as(users["cangguan"]), api_as(users["jingli"])
    with unchanged():
        assert code(keeper.post("/api/stores/freight/", {"project": project.pk, "mode": "hired", "amount": "300"},
                                format="json")) == (400, "filed_price_required")
        assert code(keeper.post("/api/stores/freight/", {"project": project.pk, "mode": "boat", "amount": "3"},
                                format="json")) == (400, "bad_mode")
    easy = keeper.post("/api/stores/freight/", {"project": project.pk, "mode": "hired", "amount": "330",
                                                "filed_price": "300"}, format="json")
    assert easy.json()["status"] == "not_needed"
    over = keeper.post("/api/stores/freight/", {"project": project.pk, "mode": "hired", "amount": "331",
                                                "filed_price": "300"}, format="json")
    charge = FreightCharge.objects.get(pk=over.json()["id"])
    assert charge.status == "pending"
    with unchanged(charge):
        assert code(keeper.post(f"/api/stores/freight/{charge.pk}/decide/", {"approved": True}, format="json")) == (
            403, "self_approval")
        assert code(api_as(users["gczg"]).post(f"/api/stores/freight/{charge.pk}/decide/", {"approved": True},
                                               format="json")) == (403, "approver_not_allowed")
    assert manager.post(f"/api/stores/freight/{charge.pk}/decide/", {"approved": True},
                        format="json").json()["status"] == "approved"
    assert code(manager.post(f"/api/stores/freight/{charge.pk}/decide/", {"approved": True}, format="json")) == (
        409, "not_pending")
