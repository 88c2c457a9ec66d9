"""Deposited keys through the pages, the print view, the Excel export and the API (KEY-DEPOSIT-1..5, CORE-10)."""
import io

import pytest
from django.utils.translation import gettext
from openpyxl import load_workbook

from core.models import Unit
from core.testing.fixtures import PASSWORD
from duty.models import DutyEntry
from keys.models import DepositStatus, KeyDeposit, OpeningStatus
from keys.tests.deposit_helpers import *
from keys.tests.deposit_helpers import SIG, approved_emergency, make_deposit, unit_and_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client


@pytest.mark.req("KEY-DEPOSIT-1")
def test_the_register_page_shows_in_chinese_and_takes_a_sealed_deposit(clerk, project, users):
    html = clerk.get("/keys/deposits/").content.decode()
    assert "业户钥匙寄存登记表" in html and "寄存" in html
    unit, resident = unit_and_resident(project)
    response = clerk.post("/keys/deposits/", {
        "unit": unit.pk, "resident": resident.pk, "pieces": "2", "storage": "A-09-02", "purpose": "应急备用",
        "sealed": "1", "seal_number": "S-777", "signer_name": resident.name, "signature": SIG})
    deposit = KeyDeposit.objects.get()
    assert response.status_code == 302 and deposit.status == DepositStatus.SEALED and deposit.seal_number == "S-777"
    detail = clerk.get(f"/keys/deposits/{deposit.pk}/").content.decode()
    assert deposit.serial in detail and resident.phone not in detail


@pytest.mark.req("KEY-DEPOSIT-1")
def test_a_deposit_without_the_residents_signature_is_refused_on_the_page_with_the_message(clerk, project):
    unit, resident = unit_and_resident(project)
    response = clerk.post("/keys/deposits/", {
        "unit": unit.pk, "resident": resident.pk, "pieces": "2", "storage": "A-09-02", "purpose": "应急备用",
        "sealed": "1", "seal_number": "S-777", "signer_name": resident.name, "signature": ""}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "CORE-6" in html and 'class="msg error"' in html
    assert not KeyDeposit.objects.exists()


@pytest.mark.req("KEY-DEPOSIT-3")
def test_the_opening_page_refuses_a_short_quorum_and_shows_the_rule(clerk, project, users):
    opening = approved_emergency(make_deposit(project, users), users)
    page = clerk.get(f"/keys/deposits/opening/{opening.pk}/").content.decode()
    assert gettext("Witnesses confirm and enter") in page
    response = clerk.post(f"/keys/deposits/opening/{opening.pk}/do/open/", {
        "witness_1": users["kefu1"].pk, "password_1": PASSWORD, "witness_2": users["kefu2"].pk,
        "password_2": PASSWORD, "before_note": "进入前"}, follow=True)
    assert "KEY-DEPOSIT-3" in response.content.decode()
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.APPROVED
    response = clerk.post(f"/keys/deposits/opening/{opening.pk}/do/open/", {
        "witness_1": users["kefu1"].pk, "password_1": PASSWORD, "witness_2": users["kefu2"].pk,
        "password_2": PASSWORD, "witness_3": users["baoan1"].pk, "password_3": PASSWORD, "before_note": "进入前"})
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.OPENED


@pytest.mark.req("KEY-DEPOSIT-1", "KEY-DEPOSIT-7", "KEY-DEPOSIT-8")
def test_the_handover_and_delegation_pages_answer_in_chinese(clerk):
    assert "单元钥匙交接单" in clerk.get("/keys/deposits/handover/").content.decode()
    assert clerk.get("/keys/deposits/delegation/").status_code == 200


@pytest.mark.req("KEY-DEPOSIT-1")
def test_the_print_view_and_excel_list_the_deposit(clerk, project, users):
    deposit = make_deposit(project, users)
    html = clerk.get("/keys/print/deposits/").content.decode()
    assert "业户钥匙寄存登记表" in html and deposit.serial in html and deposit.resident.name in html
    response = clerk.get("/keys/export/deposits.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert any(deposit.serial in [str(c) for c in row] for row in sheet.iter_rows(values_only=True))


@pytest.mark.req("KEY-DEPOSIT-1")
def test_the_handover_sheet_prints_both_signatures(clerk, project, users):
    unit, resident = unit_and_resident(project)
    response = clerk.post("/keys/deposits/handover/", {"unit": unit.pk, "resident": resident.pk,
                                                       "keys_description": "入户门钥匙", "pieces": "3",
                                                       "signer_name": resident.name, "signature": SIG}, follow=True)
    html = response.content.decode()
    assert "单元钥匙交接单" in html and resident.name in html and users["kefu1"].display_name in html


@pytest.mark.req("KEY-DEPOSIT-1", "KEY-DEPOSIT-2", "KEY-DEPOSIT-3")
def test_the_api_deposits_requests_approves_and_opens(api_as, project, users):
    unit, resident = unit_and_resident(project)
    api = api_as(users["kefu1"])
    response = api.post("/api/keys/deposits/", {
        "project": project.pk, "resident": resident.pk, "unit": unit.pk, "pieces": 2, "storage": "A-1",
        "purpose": "应急", "sealed": True, "seal_number": "S-9", "signer_name": resident.name,
        "signature_image": SIG}, format="json")
    assert response.status_code == 201, response.content
    deposit_id = response.json()["id"]
    response = api.post(f"/api/keys/deposits/{deposit_id}/request-opening/",
                        {"kind": "emergency", "emergency_kind": "fire", "reason": "火警"}, format="json")
    assert response.status_code == 201
    opening_id = response.json()["id"]
    assert api.post(f"/api/keys/deposit-openings/{opening_id}/approve/").json()["code"] == "not_approver"
    assert api_as(users["kfzg"]).post(f"/api/keys/deposit-openings/{opening_id}/approve/").status_code == 200
    assert api_as(users["jingli"]).post(f"/api/keys/deposit-openings/{opening_id}/approve/").status_code == 200
    body = {"witnesses": [{"person": users[n].pk, "password": PASSWORD} for n in ("kefu1", "kefu2", "baoan1")],
            "before_note": "进入前"}
    response = api.post(f"/api/keys/deposit-openings/{opening_id}/open/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "resident_call_required"
    assert api.post(f"/api/keys/deposit-openings/{opening_id}/call/", {"outcome": "已告知"}).status_code == 200
    response = api.post(f"/api/keys/deposit-openings/{opening_id}/open/", body, format="json")
    assert response.status_code == 200 and response.json()["status"] == "opened"
    assert DutyEntry.objects.filter(source=f"keys.deposit.opened:{opening_id}").exists()


@pytest.mark.req("KEY-DEPOSIT-1")
def test_the_api_hides_another_projects_deposit_and_refuses_bad_input(api_as, project, users):
    deposit = make_deposit(project, users)
    outsider = api_as(users["bj_kefu1"])
    assert outsider.get(f"/api/keys/deposits/{deposit.pk}/").status_code == 404
    response = outsider.post(f"/api/keys/deposits/{deposit.pk}/request-opening/",
                             {"kind": "emergency", "emergency_kind": "fire", "reason": "x"}, format="json")
    assert response.status_code == 404
    api = api_as(users["kefu1"])
    response = api.post("/api/keys/deposits/", {"project": project.pk}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    other_unit = Unit.objects.exclude(project=project).first()
    _unit, resident = unit_and_resident(project)
    response = api.post("/api/keys/deposits/", {
        "project": project.pk, "resident": resident.pk, "unit": other_unit.pk, "pieces": 2, "storage": "A-1",
        "purpose": "应急", "signer_name": "x", "signature_image": SIG}, format="json")
    assert response.status_code == 404 and KeyDeposit.objects.count() == 1
