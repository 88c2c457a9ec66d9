"""Decoration on the pages, the print views and the API (DECOR-1, DECOR-2)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.testing.fixtures import login
from siteoffice.models import Decoration, Violation
from siteoffice.tests.decoration_helpers import apply, permitted, prices
from siteoffice.tests.helpers import MORNING, at, unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def morning(travel, project, users):
    travel(at(MORNING))
    prices(project, users)


@pytest.mark.req("DECOR-1")
def test_an_application_goes_through_the_pages_to_its_permit(client, project, users):
    login(client, users["kefu1"], project)
    form = {"unit": unit(project, 4).pk, "owner_name": "赵先生", "owner_phone": "13800138000",
            "contractor": "安居装饰", "starts": "2026-03-10", "ends": "2026-04-30", "works": "厨卫翻新",
            "area": "abc", "structural": "on", "structural_detail": "拆除非承重隔墙"}
    refused = client.post("/siteoffice/decorations/", form)
    assert refused.status_code == 400 and not Decoration.objects.exists()
    done = client.post("/siteoffice/decorations/", {**form, "area": "50"})
    assert done.status_code == 302
    d = Decoration.objects.get()
    assert d.serial in client.get(done["Location"]).content.decode()
    login(client, users["gongcheng1"], project)
    url = f"/siteoffice/decorations/{d.pk}/"
    assert client.post(url, {"action": "approve"}).status_code == 400  # the drawings not reviewed
    assert client.post(url, {"action": "approve", "drawings_checked": "on"}).status_code == 302
    login(client, users["kfzg"], project)
    assert client.post(url, {"action": "approve"}).status_code == 302
    login(client, users["kefu1"], project)
    assert client.post(url, {"action": "charge", "method": "cash"}).status_code == 302
    assert client.post(url, {"action": "permit"}).status_code == 302
    d.refresh_from_db()
    assert d.permit_number in client.get(f"/siteoffice/decorations/{d.pk}/permit/").content.decode()
    application = client.get(f"/siteoffice/decorations/{d.pk}/application/").content.decode()
    assert d.serial in application and 'class="sign"' in application
    assert client.get("/siteoffice/decorations/export/").status_code == 200


@pytest.mark.req("DECOR-1")
def test_the_permit_is_not_printed_before_it_is_issued_and_the_phone_is_masked_for_a_guard(client, project, users):
    d = apply(project, users)
    login(client, users["kefu1"], project)
    early = client.get(f"/siteoffice/decorations/{d.pk}/permit/")
    assert early.status_code == 409 and early.context["err"]["code"] == "no_permit"
    d.refresh_from_db()
    assert not d.permit_number  # nothing issued by asking
    login(client, users["baoan1"], project)
    page = client.get(f"/siteoffice/decorations/{d.pk}/").content.decode()
    assert "13800138000" not in page


@pytest.mark.req("DECOR-2")
def test_a_patrol_and_its_violation_on_the_pages(client, project, users):
    d = permitted(project, users)
    zone = unit(project, 4).building.zone
    login(client, users["kefu2"], project)
    assert str(d.unit) in client.get(f"/siteoffice/patrols/?zone={zone}").content.decode()
    done = client.post("/siteoffice/patrols/", {"zone": zone, "action": "patrol", "decoration": d.pk,
                                                "description": "楼道堆放垃圾", "severity": "minor",
                                                "deadline": "2026-03-12"})
    assert done.status_code == 302
    v = Violation.objects.get()
    assert client.post("/siteoffice/patrols/", {"zone": zone, "action": "rectify", "violation": v.pk,
                                                "note": "已清理"}).status_code == 302
    assert client.post("/siteoffice/patrols/", {"zone": zone, "action": "pass", "violation": v.pk}).status_code == 302
    assert Violation.objects.get().status == "closed"


@pytest.mark.req("DECOR-1", "DECOR-2")
def test_the_api_takes_an_application_through_to_the_refund(api_as, project, users):
    clerk = api_as(users["kefu1"])
    made = clerk.post("/api/siteoffice/decorations/", {
        "project": project.pk, "unit": unit(project, 4).pk, "owner_name": "赵先生", "owner_phone": "13800138000",
        "contractor": "安居装饰", "starts": "2026-03-10", "ends": "2026-03-20", "works": "刷墙", "area": "20"},
        format="json")
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    assert api_as(users["baoan1"]).get(f"/api/siteoffice/decorations/{pk}/").json()["owner_phone"] != "13800138000"
    own = clerk.post(f"/api/siteoffice/decorations/{pk}/approve/", {}, format="json")
    assert own.status_code == 403 and own.json()["code"] == "self_approval"
    assert api_as(users["kfzg"]).post(f"/api/siteoffice/decorations/{pk}/approve/", {},
                                      format="json").json()["status"] == "approved"
    assert clerk.post(f"/api/siteoffice/decorations/{pk}/charge/", {"method": "card"},
                      format="json").json()["fee_receipt_number"]
    assert clerk.post(f"/api/siteoffice/decorations/{pk}/permit/").json()["permit_number"] == "ZXXK-2026-0001"
    patrol = clerk.post("/api/siteoffice/patrols/", {
        "project": project.pk, "zone": unit(project, 4).building.zone,
        "violations": [{"decoration": pk, "description": "噪音", "severity": "minor",
                        "deadline": (MORNING.date() + dt.timedelta(days=1)).isoformat()}]}, format="json")
    assert patrol.status_code == 201
    vid = patrol.json()["violations"][0]["id"]
    assert clerk.post(f"/api/siteoffice/violations/{vid}/rectify/", {"note": "已整改"}, format="json").status_code == 200
    assert clerk.post(f"/api/siteoffice/violations/{vid}/recheck/", {"passed": True},
                      format="json").json()["status"] == "closed"
    engineer = api_as(users["gongcheng1"])
    assert engineer.post(f"/api/siteoffice/decorations/{pk}/accept/", {"passed": True},
                         format="json").json()["status"] == "accepted"
    assert clerk.post(f"/api/siteoffice/decorations/{pk}/refund/", {"reason": "验收合格"},
                      format="json").json()["status"] == "closed"
