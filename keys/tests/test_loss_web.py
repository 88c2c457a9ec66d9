"""Pages, API, print views and Excel of the loss area (KEY-LOSS-1..3, KEY-REPAIR-1, KEY-VACANT-1, CORE-10)."""
import io

import pytest
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.testing.fixtures import PASSWORD
from keys.models import DuplicationStatus, LossReport
from keys.services import loss, repair_keys
from keys.services import loss_settlement as settle
from keys.states import KeyStatus
from keys.tests.loss_helpers import *
from keys.tests.loss_helpers import report


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client


@pytest.mark.req("KEY-LOSS-1")
def test_the_loss_page_shows_chinese_and_a_report_can_be_made_from_a_phone(clerk, users, unit_key):
    html = clerk.get("/keys/loss/").content.decode()
    assert _("Lost and damaged keys") in html and 'name="circumstances"' in html
    assert "状态" in html  # the catalogue is active: the page is in Chinese
    resp = clerk.post("/keys/loss/", {"key": unit_key.number, "kind": "lost", "place": "地下车库",
                                      "occurred_when": "今天14点", "circumstances": "口袋破了"})
    rep = LossReport.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/keys/loss/{rep.pk}/")
    page = clerk.get(f"/keys/loss/{rep.pk}/").content.decode()
    assert "地下车库" in page and unit_key.number in page


@pytest.mark.req("KEY-LOSS-1")
def test_a_refused_report_on_the_page_shows_why_and_records_nothing(clerk, unit_key):
    resp = clerk.post("/keys/loss/", {"key": unit_key.number, "kind": "lost", "place": "",
                                      "occurred_when": "今天", "circumstances": "x"})
    assert resp.status_code == 200 and "KEY-LOSS-1" in resp.content.decode()
    assert not LossReport.objects.exists()


@pytest.mark.req("KEY-LOSS-1", "KEY-LOSS-3")
def test_the_report_page_records_a_lock_change_and_refuses_an_early_close(client, users, unit_key):
    rep = report(unit_key, users)
    client.force_login(users["kfzg"])
    client.post(f"/keys/loss/{rep.pk}/lock-change/", {"description": "今日换锁"})
    rep.refresh_from_db()
    assert rep.measures.count() == 1 and rep.handled_at
    resp = client.post(f"/keys/loss/{rep.pk}/close/", follow=True)
    assert "KEY-LOSS-3" in resp.content.decode()
    rep.refresh_from_db()
    assert rep.status == "open"


@pytest.mark.req("KEY-LOSS-1", "KEY-LOSS-2")
def test_the_api_reports_damage_and_settles_it_by_payment(api_as, users, public_key, finance):
    api = api_as(users["xingzheng"])
    resp = api.post("/api/keys/loss-reports/", {"key": public_key.pk, "kind": "damaged", "place": "12层",
                                                "occurred_when": "上午", "circumstances": "钥匙折断",
                                                "reporter": users["gongcheng1"].pk}, format="json")
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["duty_entry_id"]
    resp = api_as(users["gongcheng1"]).post(f"/api/keys/loss-reports/{pk}/statement/", {"text": "不慎折断"},
                                            format="json")
    assert resp.status_code == 200 and resp.json()["statement_at"]
    assert api.post(f"/api/keys/loss-reports/{pk}/assess/", {"repairable": False, "note": "断裂"},
                    format="json").status_code == 200
    resp = api.post(f"/api/keys/loss-reports/{pk}/payment/", {"amount": "40", "receipt_number": "R1"}, format="json")
    assert resp.status_code == 403 and resp.json()["code"] == "wrong_department"
    assert api_as(users["xzzg"]).post(f"/api/keys/loss-reports/{pk}/compensation/", {}, format="json").status_code == 200
    resp = api_as(finance).post(f"/api/keys/loss-reports/{pk}/payment/", {"amount": "40.00", "receipt_number": "R1"},
                                format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "closed"


@pytest.mark.req("KEY-LOSS-1")
def test_the_api_hides_another_projects_report_and_answers_codes(api_as, users, unit_key):
    rep = report(unit_key, users)
    other = api_as(users["bj_kfzg"])
    assert other.get(f"/api/keys/loss-reports/{rep.pk}/").status_code == 404
    assert other.post(f"/api/keys/loss-reports/{rep.pk}/close/").status_code == 404
    resp = api_as(users["kfzg"]).post(f"/api/keys/loss-reports/{rep.pk}/close/")
    assert resp.status_code == 409 and resp.json()["code"] == "report_incomplete"
    resp = api_as(users["kefu1"]).post("/api/keys/loss-reports/", {"key": unit_key.pk, "kind": "lost", "place": "x",
                                                                   "occurred_when": "y", "circumstances": "z"},
                                       format="json")
    assert resp.status_code == 409 and resp.json()["code"] == "key_not_in_custody"


@pytest.mark.req("KEY-REPAIR-1")
def test_the_api_refuses_a_contractor_loan_check_without_confirmation_and_masks_pickup_ids(api_as, users, repair_key):
    api = api_as(users["kefu1"])
    resp = api.post("/api/keys/repair-loan-check/", {"key": repair_key.pk, "contractor_name": "王",
                                                     "contractor_company": "装饰公司"}, format="json")
    assert resp.status_code == 403 and resp.json()["code"] == "developer_confirmation_required"
    resp = api.post("/api/keys/developer-confirmations/", {
        "key": repair_key.pk, "contractor_company": "装饰公司", "developer_company": "翠湖地产",
        "developer_contact": "刘工", "reference": "KF-1"}, format="json")
    assert resp.status_code == 201, resp.content
    assert api.post("/api/keys/repair-loan-check/", {"key": repair_key.pk, "contractor_name": "王",
                                                     "contractor_company": "装饰公司"}, format="json").json() == {"ok": True}
    resp = api.post("/api/keys/repair-pickups/", {"key": repair_key.pk, "picker_name": "业主", "relation": "owner",
                                                  "id_kind": "id_card", "id_number": "110105198001011234"},
                    format="json")
    assert resp.status_code == 201 and resp.json()["id_number"].endswith("1234")
    assert "110105198001011234" not in resp.content.decode()


@pytest.mark.req("KEY-VACANT-1")
def test_the_api_refuses_cutting_before_approval_and_the_page_approves(api_as, client, users, vacant_key):
    api = api_as(users["kefu1"])
    resp = api.post("/api/keys/vacant-duplications/", {"key": vacant_key.pk, "reason": "保洁", "count": 1},
                    format="json")
    assert resp.status_code == 201
    pk = resp.json()["id"]
    resp = api.post(f"/api/keys/vacant-duplications/{pk}/cut/")
    assert resp.status_code == 409 and resp.json()["code"] == "duplication_not_approved"
    client.force_login(users["kefu2"])
    page = client.post(f"/keys/loss/duplicates/{pk}/approve/", follow=True).content.decode()
    assert "KEY-VACANT-1" in page
    client.force_login(users["kfzg"])
    client.post(f"/keys/loss/duplicates/{pk}/approve/")
    assert api.post(f"/api/keys/vacant-duplications/{pk}/cut/").json()["status"] == DuplicationStatus.CUT
    vacant_key.refresh_from_db()
    assert vacant_key.pieces == 3
    assert _("Vacant-unit key duplicates") in client.get("/keys/loss/duplicates/").content.decode()


@pytest.mark.req("KEY-REPAIR-1")
def test_the_repair_page_records_a_pickup_and_shows_refusals(clerk, repair_key):
    assert _("Repair-period keys") in clerk.get("/keys/loss/repair-keys/").content.decode()
    resp = clerk.post("/keys/loss/repair-keys/", {"form": "pickup", "key": repair_key.number, "picker_name": "亲属",
                                                  "relation": "family", "id_kind": "id_card",
                                                  "id_number": "110105198001011234"})
    assert resp.status_code == 200 and "KEY-REPAIR-1" in resp.content.decode()
    repair_key.refresh_from_db()
    assert repair_key.status == KeyStatus.IN_STORE
    resp = clerk.post("/keys/loss/repair-keys/", {"form": "pickup", "key": repair_key.number, "picker_name": "亲属",
                                                  "relation": "family", "id_kind": "id_card",
                                                  "id_number": "110105198001011234", "owner_consent": "1"})
    assert resp.status_code == 302
    repair_key.refresh_from_db()
    assert repair_key.status == KeyStatus.RETIRED


@pytest.mark.req("KEY-LOSS-1", "KEY-REPAIR-1")
def test_the_statement_and_the_pickup_register_print_with_signature_lines(clerk, users, lent_unit_key, repair_key):
    rep = report(lent_unit_key, users)
    loss.write_statement(report=rep, author=users["gongcheng1"], text="遗失经过说明", password=PASSWORD)
    html = clerk.get(f"/keys/print/loss/{rep.pk}/statement/").content.decode()
    assert "钥匙丢失情况说明" in html and "遗失经过说明" in html and users["gongcheng1"].display_name in html
    assert 'class="signatures"' in html
    repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="业主2-202",
                              relation="owner", id_kind="id_card", id_number="110105198001011234")
    html = clerk.get("/keys/print/repair-pickups/").content.decode()
    assert "返修钥匙领取登记表" in html and "业主2-202" in html and "1234" in html
    assert "110105198001011234" not in html and 'class="sign"' in html


@pytest.mark.req("KEY-LOSS-2", "KEY-REPAIR-1")
def test_the_loss_register_and_pickup_register_export_to_excel(clerk, users, public_key, repair_key, finance):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=False, note="断")
    settle.set_compensation(report=rep, set_by=users["xzzg"])
    settle.record_payment(report=rep, received_by=finance, amount="40", receipt_number="R-99")
    resp = clerk.get("/keys/export/losses.xlsx")
    assert resp.status_code == 200
    rows = list(load_workbook(io.BytesIO(resp.content)).active.values)
    assert len(rows) == 2 and public_key.number in rows[1] and "R-99" in rows[1]
    repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="业主",
                              relation="owner", id_kind="owner_certificate", certificate_number="产权证-001")
    rows = list(load_workbook(io.BytesIO(clerk.get("/keys/export/repair-pickups.xlsx").content)).active.values)
    assert len(rows) == 2 and "产权证-001" in rows[1]


@pytest.mark.req("KEY-LOSS-1", "KEY-LOSS-2")
def test_the_borrower_signs_the_statement_on_the_clerks_phone_and_a_settled_report_still_renders(clerk, users, world,
                                                                                                  lent_unit_key):
    rep = report(lent_unit_key, users)
    resp = clerk.post(f"/keys/loss/{rep.pk}/statement/", {"text": "经过", "password": "wrong"}, follow=True)
    assert "CORE-6" in resp.content.decode()
    clerk.post(f"/keys/loss/{rep.pk}/statement/", {"text": "在车库遗失", "password": PASSWORD})
    rep.refresh_from_db()
    assert rep.statement == "在车库遗失" and rep.statement_by == users["gongcheng1"]
    from keys.demo import loss as demo_loss

    settled = demo_loss.build(world)
    page = clerk.get(f"/keys/loss/{settled.pk}/").content.decode()
    assert "CW-DEMO-0001" in page and settled.key.number in page
