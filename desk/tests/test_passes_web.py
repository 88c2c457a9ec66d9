"""Pages of passes, the gate and lost property (PASS-1, LOST-1): the clerk registers on the page, the supervisor
approves, the guard opens the pass by its code and lets the goods out once; print views carry the number, the
code and the QR; the registers export to Excel; a role without the page is refused, another project's record is
not found."""
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.models import AuditEvent
from desk.models import AccessPass, GoodsPass, GoodsStatus, LostItem, LostStatus
from desk.tests.passes_helpers import (DAY, ID_NUMBER, MORNING, SIGNATURE, access_pass, approved_pass, found_item,
                                       unit_of)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


@pytest.mark.req("PASS-1")
def test_a_pass_is_registered_and_approved_on_its_pages(client, project, users):
    client.force_login(users["kefu1"])
    assert client.get("/desk/passes/new/").status_code == 200
    response = client.post("/desk/passes/new/", {
        "unit": unit_of(project).pk, "applicant_kind": "owner", "applicant_name": "业主1-201",
        "goods-1": "冰箱", "qty-1": "1", "goods-2": "纸箱", "qty-2": "3", "exit_date": DAY.isoformat()})
    made = GoodsPass.objects.get()
    assert response.status_code == 302 and made.goods == [{"name": "冰箱", "quantity": 1},
                                                         {"name": "纸箱", "quantity": 3}]
    response = client.post("/desk/passes/new/", {"unit": unit_of(project).pk, "applicant_kind": "owner",
                                                 "applicant_name": "业主", "exit_date": DAY.isoformat()})
    assert response.status_code == 200 and GoodsPass.objects.count() == 1  # no goods listed: refused
    client.force_login(users["kfzg"])
    assert made.serial in client.get(f"/desk/passes/{made.pk}/").content.decode()
    assert client.post(f"/desk/passes/{made.pk}/", {"action": "approve"}).status_code == 302
    assert GoodsPass.objects.get().status == GoodsStatus.APPROVED
    assert client.get("/desk/passes/?status=approved").status_code == 200


@pytest.mark.req("PASS-1")
def test_the_guard_opens_the_pass_by_its_code_and_lets_the_goods_out_once(client, project, users):
    made = approved_pass(project, users)
    client.force_login(users["baoan1"])
    html = client.get(f"/desk/gate/?code={made.code.lower()}").content.decode()
    assert made.serial in html and "冰箱" in html and 'data-usable="1"' in html and 'id="gate-exit"' in html
    response = client.post("/desk/gate/", {"code": made.code, "action": "exit", "discrepancy": ""})
    assert response.status_code == 302 and response["Location"].endswith(f"code={made.code}")
    made.refresh_from_db()
    assert made.status == GoodsStatus.USED and made.exit_guard == users["baoan1"] and made.exited_at == MORNING
    events = AuditEvent.objects.count()
    html = client.post("/desk/gate/", {"code": made.code, "action": "exit"}).content.decode()
    assert 'data-code="pass_used"' in html and 'data-usable="0"' in html and 'id="gate-exit"' not in html
    assert AuditEvent.objects.count() == events
    assert 'data-code="unknown_pass"' in client.get("/desk/gate/?code=ZZZZ2222").content.decode()


@pytest.mark.req("PASS-1")
def test_the_gate_is_the_guards_and_the_pass_desk_is_not(client, project, users):
    client.force_login(users["kefu1"])
    assert client.get("/desk/gate/").status_code == 403
    client.force_login(users["baoan1"])
    assert client.get("/desk/gate/").status_code == 200
    assert client.get("/desk/passes/").status_code == 403 and client.get("/desk/lost/").status_code == 403


@pytest.mark.req("PASS-1")
def test_an_access_pass_is_issued_checked_at_the_gate_and_handed_back(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/access/new/", {
        "holder_name": "刘师傅", "id_number": ID_NUMBER, "company_name": "鸿基装饰", "area": "1栋", "purpose": "装修",
        "valid_from": DAY.isoformat(), "valid_until": DAY.isoformat(),
        "photo": SimpleUploadedFile("face.png", PNG, content_type="image/png")})
    card = AccessPass.objects.get()
    assert response.status_code == 302
    html = client.get(f"/desk/access/{card.pk}/").content.decode()
    assert "123X" in html and ID_NUMBER not in html
    client.force_login(users["baoan1"])
    html = client.get(f"/desk/gate/?code={card.code}").content.decode()
    assert "刘师傅" in html and ID_NUMBER not in html and 'id="gate-check"' in html
    photo = re.search(r'src="(/attachments/file/\d+/)"', html).group(1)
    assert client.get(photo).status_code == 200  # the guard sees who the pass belongs to
    assert client.post("/desk/gate/", {"code": card.code, "action": "check"}).status_code == 302
    assert card.checks.count() == 1
    client.force_login(users["kefu1"])
    client.post(f"/desk/access/{card.pk}/", {"action": "return"})
    assert AccessPass.objects.get().status == "returned"


@pytest.mark.req("PASS-1", "CORE-10")
def test_the_passes_print_with_their_code_and_qr_and_export(client, project, users):
    made, card = approved_pass(project, users), access_pass(project, users)
    client.force_login(users["kefu1"])
    html = client.get(f"/desk/passes/{made.pk}/print/").content.decode()
    assert made.serial in html and made.code in html and "<svg" in html and 'class="sign"' in html
    html = client.get(f"/desk/access/{card.pk}/print/").content.decode()
    assert card.serial in html and "<svg" in html and ID_NUMBER not in html
    for url, serial in (("/desk/passes/export.xlsx", made.serial), ("/desk/access/export.xlsx", card.serial)):
        response = client.get(url)
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert response.status_code == 200 and sheet.cell(2, 1).value == serial
        assert ID_NUMBER not in str(list(sheet.values))


@pytest.mark.req("LOST-1")
def test_lost_property_is_registered_returned_and_printed_on_its_pages(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/lost/new/", {"description": "雨伞", "found_at": "2026-11-26T08:00",
                                               "place": "大堂", "finder_name": "保洁", "kept_at": "前台"})
    item = LostItem.objects.get()
    assert response.status_code == 302 and item.found_at.hour == 0  # 08:00 Beijing is 00:00 UTC
    response = client.post("/desk/lost/new/", {"description": "钥匙", "found_at": "2026-11-26T10:00",
                                               "place": "大堂", "finder_name": "保洁", "kept_at": "前台"})
    assert response.status_code == 200 and LostItem.objects.count() == 1  # found after now: refused
    client.post(f"/desk/lost/{item.pk}/", {"action": "return", "signer_name": "业主 王女士", "id_number": ID_NUMBER,
                                           "signature": SIGNATURE})
    assert LostItem.objects.get().status == LostStatus.RETURNED
    html = client.get("/desk/lost/print/").content.decode()
    assert item.serial in html and "123X" in html and ID_NUMBER not in html
    response = client.get("/desk/lost/export.xlsx")
    assert load_workbook(io.BytesIO(response.content)).active.cell(2, 1).value == item.serial
    assert client.get("/desk/lost/?show=due").status_code == 200


@pytest.mark.req("LOST-1", "CORE-1")
def test_another_projects_records_are_not_found(client, project, users):
    made, item = approved_pass(project, users), found_item(project, users)
    client.force_login(users["bj_kefu1"])
    for url in (f"/desk/passes/{made.pk}/", f"/desk/passes/{made.pk}/print/", f"/desk/lost/{item.pk}/"):
        assert client.get(url).status_code == 404
    client.force_login(users["bj_baoan1"])
    html = client.get(f"/desk/gate/?code={made.code}").content.decode()
    assert 'data-code="unknown_pass"' in html and not re.search(made.serial, html)
