"""Print views, Excel export and the ledger import (CORE-10, KEY-LEDGER-2, KEY-LEDGER-4)."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from keys.models import KeySet
from keys.services.ledger_import import ImportRejected, import_ledger, template_bytes
from keys.tests.helpers import apply, lend

HEADER = ["编号", "类别", "名称/开启对象", "楼栋", "房号", "楼层", "设备", "房间号", "件数", "存放位置", "紧急备用", "备注"]


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client


@pytest.mark.req("CORE-10")
def test_the_application_form_prints_with_each_approval_and_signature_lines(clerk, users, unit_key):
    loan = apply(unit_key, users)
    from keys.services import loans

    loans.approve_loan(loan=loan, approver=users["gczg"])
    html = clerk.get(f"/keys/print/loans/{loan.pk}/application/").content.decode()
    assert "客户房屋钥匙借用申请表" in html and users["gczg"].display_name in html
    assert "客服部审核" in html and "行政部审批" in html and 'class="sign"' in html


@pytest.mark.req("CORE-10")
def test_the_loan_register_prints_both_signatures(client, users, public_key):
    loan = lend(public_key, users)
    client.force_login(users["xingzheng"])
    html = client.get("/keys/print/register/", {"form": "public"}).content.decode()
    assert "公共区域钥匙借用登记表" in html and public_key.number in html
    assert users["gongcheng1"].display_name in html and users["xingzheng"].display_name in html
    assert loan.serial


@pytest.mark.req("CORE-10")
def test_the_key_list_prints_the_ledger(clerk, public_key):
    html = clerk.get("/keys/print/ledger/").content.decode()
    assert "客服钥匙明细登记表" in html and public_key.number in html


@pytest.mark.req("KEY-LEDGER-2")
def test_printed_tags_never_show_the_unit(clerk, unit_key):
    html = clerk.get("/keys/print/tags/", {"ids": str(unit_key.pk)}).content.decode()
    assert unit_key.number in html and "<svg" in html
    assert unit_key.name not in html and str(unit_key.unit) not in html


@pytest.mark.req("CORE-10")
def test_ledger_and_loans_export_to_excel(client, users, public_key):
    lend(public_key, users)
    client.force_login(users["xingzheng"])
    for url, needle in [("/keys/export/ledger.xlsx", public_key.number), ("/keys/export/loans.xlsx", public_key.number)]:
        response = client.get(url)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row]
        assert needle in values and sheet.max_row == 2


@pytest.mark.req("KEY-LEDGER-4")
def test_a_clean_ledger_is_imported_whole(project, users):
    data = xlsx([["", "公共区域钥匙", "东门", "1", "", 1, "", "", 2, "C-1", "否", ""],
                 ["HU-9", "客户房屋钥匙", "101入户门", "1", "101", 1, "", "", 3, "A-1", "是", "x"],
                 ["", "equipment", "水泵房", "", "", "", "水泵", "", 1, "C-2", "", ""]])
    result = import_ledger(project=project, actor=users["kefu1"], data=data)
    assert result.created == 3 and not result.errors
    numbers = set(KeySet.objects.filter(project=project).values_list("number", flat=True))
    assert {"GQ-1-01F-01", "HU-9", "SB-水泵-01"} <= numbers
    assert KeySet.objects.get(number="HU-9").is_emergency_spare


@pytest.mark.req("KEY-LEDGER-4")
def test_every_bad_row_is_reported_and_nothing_is_half_imported(project, users):
    data = xlsx([["A-1", "公共区域钥匙", "ok", "", "", "", "", "", 1, "C", "否", ""],
                 ["A-2", "不存在的类别", "x", "", "", "", "", "", 1, "C", "否", ""],
                 ["A-1", "公共区域钥匙", "", "", "", "", "", "", 0, "C", "也许", ""],
                 ["A-4", "客户房屋钥匙", "x", "9", "999", "", "", "", 1, "C", "否", ""]])
    with pytest.raises(ImportRejected) as err:
        import_ledger(project=project, actor=users["kefu1"], data=data)
    rows = {(e["row"], e["column"]) for e in err.value.details["errors"]}
    assert {(3, "类别"), (4, "名称/开启对象"), (4, "件数"), (4, "紧急备用"), (4, "编号"), (5, "楼栋"), (5, "房号")} <= rows
    assert not KeySet.objects.filter(project=project).exists()
    result = import_ledger(project=project, actor=users["kefu1"], data=data, only_good_rows=True)
    assert result.created == 1 and KeySet.objects.get(project=project).number == "A-1"


@pytest.mark.req("KEY-LEDGER-4")
def test_a_malformed_file_is_refused_clearly(clerk, project, users):
    from core.errors import DomainError

    for data in [b"", b"not an excel file", xlsx([], header=["foo", "bar"])]:
        with pytest.raises(DomainError) as err:
            import_ledger(project=project, actor=users["kefu1"], data=data)
        assert err.value.code == "malformed_file"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = clerk.post("/keys/import/", {})
    assert response.status_code == 400 and "file_required" in response.content.decode()


@pytest.mark.req("KEY-LEDGER-4")
def test_the_template_imports_as_is(project, users):
    assert import_ledger(project=project, actor=users["kefu1"], data=template_bytes()).created == 2
