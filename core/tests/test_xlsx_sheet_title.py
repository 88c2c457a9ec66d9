"""A register's sheet is named after what the user typed (a holiday's name): characters Excel forbids in a sheet
name are blanked instead of failing the export (CORE-10; found by reliability/checks/export_formulas.py)."""
import io

import pytest
from openpyxl import load_workbook

from core.xlsx import sheet_title, workbook_bytes


@pytest.mark.req("CORE-10")
def test_a_title_with_characters_excel_forbids_still_exports():
    book = load_workbook(io.BytesIO(workbook_bytes(title="元旦/春节: [值班]*?\\", headers=["姓名"], rows=[["王"]])))
    assert book.sheetnames == ["元旦 春节   值班"] and book.active["A2"].value == "王"
    assert sheet_title("'") == "Sheet1" and len(sheet_title("长" * 40)) == 31
