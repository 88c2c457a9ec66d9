"""Excel exports write text that a spreadsheet would run as a formula as plain text (CORE-10; ASVS 5.2.x)."""
import io
import zipfile

import pytest
from openpyxl import load_workbook

from core.xlsx import FORMULA_LEADS, workbook_bytes

PAYLOADS = ['=HYPERLINK("http://example.invalid","点我")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


@pytest.mark.req("CORE-10")
def test_formula_like_text_is_written_as_text_in_every_column():
    data = workbook_bytes(title="登记", headers=["姓名", "内容"], rows=[[p, p] for p in PAYLOADS] + [["王业主", 3]])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere in the sheet
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=False))
    for row, payload in zip(rows, PAYLOADS):
        for cell in row:
            # (XML reads a carriage return back as a line feed: the text is the same line break)
            assert cell.value == payload.replace("\r", "\n") and cell.data_type == "s"
            assert cell.quotePrefix  # Excel and LibreOffice show it as text, and keep it text when edited
    assert [c.value for c in rows[-1]] == ["王业主", 3] and rows[-1][1].data_type == "n"  # numbers stay numbers
    assert set(FORMULA_LEADS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.req("CORE-10")
def test_an_export_page_writes_a_residents_formula_as_text(client, project, users):
    from desk.models import Contact
    from desk.services import intake

    intake.register_contact(project=project, received_by=users["kefu1"], channel="call", kind="help",
                            person_name='=HYPERLINK("http://example.invalid")', phone="13800000000",
                            content="@SUM(1,2)")
    assert Contact.objects.count() == 1
    client.force_login(users["kefu1"])
    response = client.get("/desk/contacts/export.xlsx")
    assert response.status_code == 200
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
