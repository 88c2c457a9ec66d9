"""The requisition, receiving, damaged-parts and freight pages: each opens for the storekeeper with its print view
and Excel, shows a clerk no form and refuses her its action (403, nothing changed), answers bad input with the
service's Chinese refusal and changes nothing, and carries the workflow through (STOCK-5, -6, -9, -10, -12)."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core.testing.fixtures import login
from stores.demo import build_stores
from stores.models import DamagedPart, FreightCharge, Receiving, Requisition
from stores.states import FreightStatus, PartStatus, ReqStatus
from stores.tests.test_pages_counts_tools import has_chinese, refusal

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def demo(world, morning):
    build_stores(world)
    return world


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


@pytest.mark.req("STOCK-5", "STOCK-6", "STOCK-9", "STOCK-10")
def test_every_list_form_detail_and_print_view_opens_for_the_storekeeper(demo, project, users, client):
    login(client, users["cangguan"], project)
    req = Requisition.objects.filter(project=project).first()
    rec = Receiving.objects.filter(project=project).first()
    part = DamagedPart.objects.filter(project=project).first()
    charge = FreightCharge.objects.filter(project=project).first()
    urls = [reverse("stores:requisitions"), reverse("stores:requisitions") + "?show=all",
            reverse("stores:requisition-new"), reverse("stores:requisition", args=[req.pk]),
            reverse("stores:requisition-print", args=[req.pk]), reverse("stores:receivings"),
            reverse("stores:receiving-new"), reverse("stores:receiving", args=[rec.pk]),
            reverse("stores:receiving-print", args=[rec.pk]), reverse("stores:damaged"),
            reverse("stores:damaged") + "?show=all", reverse("stores:damaged-new"),
            reverse("stores:damaged-part", args=[part.pk]), reverse("stores:damaged-print"),
            reverse("stores:freight"), reverse("stores:freight-one", args=[charge.pk]),
            reverse("stores:freight-print")]
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        assert has_chinese(page.content.decode()), url
    assert "paper-landscape.css" in client.get(reverse("stores:damaged-print")).content.decode()
    assert any(r[0] == req.number for r in sheet_rows(client.get(reverse("stores:requisitions-export"))))
    assert any(r[2] == "FH-2026-014" and r[8] == -1 for r in sheet_rows(client.get(reverse("stores:receivings-export"))))
    assert any(r[0] == part.number and r[4] == "1栋配电箱" for r in sheet_rows(client.get(reverse("stores:damaged-export"))))
    assert len(sheet_rows(client.get(reverse("stores:freight-export")))) == 3


@pytest.mark.req("STOCK-5", "STOCK-9", "STOCK-10")
def test_a_clerk_reads_the_registers_but_gets_no_form_and_is_refused_each_action(demo, project, users, site, items,
                                                                                 client, unchanged):
    login(client, users["kefu1"], project)
    assert reverse("stores:requisition-new") not in client.get(reverse("stores:requisitions")).content.decode()
    assert 'name="mode"' not in client.get(reverse("stores:freight")).content.decode()
    part = DamagedPart.objects.filter(project=project).first()
    with unchanged(part):
        assert client.get(reverse("stores:requisition-new")).status_code == 403
        assert client.get(reverse("stores:receiving-new")).status_code == 403
        assert client.get(reverse("stores:damaged-new")).status_code == 403
        assert client.get(reverse("stores:demand-plan")).status_code == 403
        assert client.post(reverse("stores:freight"), {"mode": "express", "amount": "20"}).status_code == 403
        assert client.post(reverse("stores:damaged"), {"part": part.pk, "shipment": "SF1"}).status_code == 403


@pytest.mark.req("STOCK-5", "STOCK-6")
def test_a_requisition_goes_through_its_steps_and_is_received_against_the_delivery_note(
        demo, project, users, site, items, client, unchanged):
    login(client, users["cangguan"], project)
    with unchanged():
        empty = client.post(reverse("stores:requisition-new"), {"warehouse": site.pk, "purpose": "备料"})
    assert empty.status_code == 400 and has_chinese(refusal(empty)) and "STOCK-5" in refusal(empty)
    made = client.post(reverse("stores:requisition-new"), {"warehouse": site.pk, "purpose": "更换水龙头",
                                                           "item_1": items["M-002"].pk, "quantity_1": 4})
    assert made.status_code == 302
    req = Requisition.objects.get(purpose="更换水龙头")
    url = reverse("stores:requisition", args=[req.pk])
    with unchanged(req):
        own = client.post(url, {"action": "approve"})
    assert own.status_code == 403 and has_chinese(refusal(own))
    for approver in ("gczg", "jingli", "zongjingli"):
        login(client, users[approver], project)
        assert client.post(url, {"action": "approve"}).status_code == 302, approver
    assert client.post(url, {"action": "dispatch", "how": "ship", "note": "顺丰 SF100"}).status_code == 302
    req.refresh_from_db()
    assert req.status == ReqStatus.SHIPPED
    login(client, users["cangguan"], project)
    made = client.post(reverse("stores:receiving-new"), {
        "warehouse": site.pk, "requisition": req.pk, "delivery_note": "FH-77", "packing_list": "ZX-77",
        "item_1": items["M-002"].pk, "listed_1": 4, "received_1": 3})
    assert made.status_code == 302
    rec = Receiving.objects.get(delivery_note="FH-77")
    req.refresh_from_db()
    assert req.status == ReqStatus.ARRIVED
    url = reverse("stores:receiving", args=[rec.pk])
    with unchanged(rec):
        bare = client.post(url, {"description": "少一只水龙头"})
    assert bare.status_code == 400 and has_chinese(refusal(bare)) and "STOCK-6" in refusal(bare)
    shown = client.post(url, {"description": "少一只水龙头", "photos": SimpleUploadedFile("box.png", PNG)})
    assert shown.status_code == 302 and rec.discrepancies.count() == 1


@pytest.mark.req("STOCK-6")
def test_receiving_without_the_delivery_note_is_refused_and_changes_nothing(demo, project, users, site, items,
                                                                            client, unchanged):
    login(client, users["cangguan"], project)
    with unchanged():
        bad = client.post(reverse("stores:receiving-new"), {"warehouse": site.pk, "delivery_note": "",
                                                            "packing_list": "ZX-1", "item_1": items["M-001"].pk,
                                                            "listed_1": 2, "received_1": 2})
    assert bad.status_code == 400 and has_chinese(refusal(bad))


@pytest.mark.req("STOCK-12")
def test_the_annual_demand_plan_is_drawn_up_once_a_year(demo, project, users, items, client, unchanged):
    login(client, users["zongjingli"], project)
    form = {"year": 2027, "item_1": items["M-001"].pk, "quantity_1": 200}
    assert client.post(reverse("stores:demand-plan"), form).status_code == 302
    with unchanged():
        again = client.post(reverse("stores:demand-plan"), form)
    assert again.status_code == 409 and has_chinese(refusal(again))


@pytest.mark.req("STOCK-9", "STOCK-12")
def test_a_damaged_part_is_registered_with_every_field_shipped_back_and_returned(demo, project, users, site, items,
                                                                                  client, unchanged):
    login(client, users["cangguan"], project)
    form = {"warehouse": site.pk, "part": items["M-002"].pk, "quantity": 1, "replaced_on": "2026-03-09",
            "spec": "DN15", "asset_no": "3栋水泵房", "replaced_by": "周师傅", "new_serial": "N-9", "old_serial": "",
            "reason": "漏水", "route": "commercial"}
    with unchanged():
        missing = client.post(reverse("stores:damaged-new"), form)
    assert missing.status_code == 400 and has_chinese(refusal(missing)) and "STOCK-9" in refusal(missing)
    assert client.post(reverse("stores:damaged-new"), {**form, "old_serial": "O-1"}).status_code == 302
    part = DamagedPart.objects.get(asset_no="3栋水泵房")
    with unchanged(part):
        nameless = client.post(reverse("stores:damaged"), {"part": part.pk, "shipment": ""})
    assert nameless.status_code == 400 and has_chinese(refusal(nameless))
    assert client.post(reverse("stores:damaged"), {"part": part.pk, "shipment": "SF-22"}).status_code == 302
    assert client.post(reverse("stores:damaged-part", args=[part.pk])).status_code == 302
    part.refresh_from_db()
    assert part.status == PartStatus.RETURNED


@pytest.mark.req("STOCK-10")
def test_freight_is_judged_by_the_rules_and_approved_by_another_person(demo, project, users, client, unchanged):
    login(client, users["cangguan"], project)
    with unchanged():
        costly = client.post(reverse("stores:freight"), {"mode": "express", "amount": "260"})
    assert costly.status_code == 400 and has_chinese(refusal(costly)) and "STOCK-10" in refusal(costly)
    assert client.post(reverse("stores:freight"), {"mode": "air", "amount": "90"}).status_code == 302
    charge = FreightCharge.objects.filter(project=project, amount=90).get()
    assert charge.status == FreightStatus.PENDING
    url = reverse("stores:freight-one", args=[charge.pk])
    with unchanged(charge):
        assert client.post(url, {"action": "approve"}).status_code == 403
    login(client, users["jingli"], project)
    with unchanged(charge):
        assert client.post(url, {"action": "reject"}).status_code == 400
    assert client.post(url, {"action": "approve"}).status_code == 302
    charge.refresh_from_db()
    assert charge.status == FreightStatus.APPROVED
