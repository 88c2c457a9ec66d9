"""Catalogue import with a row-level report (issue 15; ARCH-2): every row checked, a report row by row, nothing
imported while a row is bad unless exactly the good rows are asked for, a set-based write, cells are data."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from archives.models import Volume, VolumeCounter
from archives.services import catalogue_import as svc
from archives.states import Retention, VolumeStatus
from archives.tests.helpers import categories, volume
from core.clock import at_beijing
from core.errors import DomainError
from core.models import AuditEvent, Policy

pytestmark = [pytest.mark.django_db, pytest.mark.req("ARCH-2")]

HEADERS = ["类别", "年度", "案卷题名", "保管期限", "部门", "外部单位", "案卷号"]


@pytest.fixture(autouse=True)
def monday(travel, project, users):
    travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))
    categories(project, users)


def xlsx(rows, headers=HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(project, users, data, name="catalogue.xlsx", **kw):
    return svc.import_volumes(project=project, actor=users["dangan"], data=data, name=name, **kw)


def test_a_clean_file_is_imported_with_numbers_given_in_order_and_one_audit_event(project, users):
    data = xlsx([["QJ", 2019, "2019年清洁卫生检查记录", "短期", "客服部", "", ""],
                 ["清洁卫生管理", 2019, "2019年清洁卫生抽查记录", "", "cs", "", ""],
                 ["ZB", 2018, "2018年值班记录", "15年", "客服部", "", "DA-2018-ZB-0007"],
                 ["ZB", 2026, "2026年值班记录", "长期", "客服部", "", ""]])
    result = run(project, users, data)
    assert result.created == 4 and result.errors == []
    assert result.numbers == ["DA-2019-QJ-0001", "DA-2019-QJ-0002", "DA-2018-ZB-0007", "DA-2026-ZB-0001"]
    zb = Volume.objects.get(number="DA-2018-ZB-0007")
    assert (zb.retention, zb.retention_years, zb.retain_until, zb.status) == (
        Retention.YEARS, 15, dt.date(2033, 12, 31), VolumeStatus.SEALED)  # a past year's volume is sealed
    assert Volume.objects.get(number="DA-2026-ZB-0001").status == VolumeStatus.OPEN
    # Imported volumes stand in the catalogue's order like opened ones: their category's shelf order is copied.
    assert zb.category_order == zb.category.order != 0
    assert VolumeCounter.objects.get(category__code="ZB", year=2018).last == 7  # never given again
    assert AuditEvent.objects.filter(action="archives.catalogue.imported").count() == 1
    opened = volume(project, users, "ZB", year=2018, title="又一卷")
    assert opened.number == "DA-2018-ZB-0008"


def test_every_bad_row_is_reported_in_words_and_nothing_is_imported(project, users, unchanged):
    volume(project, users, "QJ", year=2020, title="已有案卷")  # DA-2020-QJ-0001
    data = xlsx([["QJ", 2019, "好的一行", "", "客服部", "", ""],
                 ["XX", 2019, "未知类别", "", "客服部", "", ""],
                 ["QJ", 1800, "年度不对", "", "客服部", "", ""],
                 ["QJ", 2019, "", "", "客服部", "", ""],
                 ["QJ", 2019, "期限不对", "三年半", "客服部", "", ""],
                 ["QJ", 2019, "两个系列", "", "客服部", "市自来水公司", ""],
                 ["QJ", 2020, "号已用", "", "客服部", "", "DA-2020-QJ-0001"],
                 ["QJ", 2019, "号重复一", "", "客服部", "", "DA-2019-QJ-0005"],
                 ["QJ", 2019, "号重复二", "", "客服部", "", "DA-2019-QJ-0005"],
                 ["QJ", 2019, "号格式", "", "客服部", "", "QJ-5"],
                 ["QJ", 2019, "长" * 201, "", "客服部", "", ""]])
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, data)
    assert refused.value.code == "import_rejected"
    bad = {e["row"]: e["column"] for e in refused.value.details["errors"]}
    assert bad == {3: "类别", 4: "年度", 5: "案卷题名", 6: "保管期限", 7: "部门", 8: "案卷号", 10: "案卷号",
                   11: "案卷号", 12: "案卷题名"}
    report = svc.report(refused.value.details["lines"], refused.value.details["errors"])
    assert [r["row"] for r in report] == list(range(2, 13)) and report[0]["ok"] and not report[1]["ok"]


def test_the_good_rows_are_imported_only_when_asked_for(project, users):
    data = xlsx([["QJ", 2019, "好的一行", "", "客服部", "", ""], ["XX", 2019, "坏的一行", "", "客服部", "", ""]])
    result = run(project, users, data, only_good_rows=True)
    assert result.created == 1 and [e["row"] for e in result.errors] == [3]
    assert list(Volume.objects.values_list("title", flat=True)) == ["好的一行"]


def test_a_cell_that_looks_like_a_formula_is_a_title_never_computed(project, users):
    data = xlsx([["QJ", 2019, "=HYPERLINK(\"http://x\",\"点我\")", "", "客服部", "", ""],
                 ["QJ", 2019, "-3号楼记录", "", "客服部", "", ""], ["QJ", 2019, "@记录", "", "客服部", "", ""],
                 ["QJ", 2019, "+1", "", "客服部", "", ""]])
    run(project, users, data)
    assert sorted(Volume.objects.values_list("title", flat=True)) == sorted(
        ["=HYPERLINK(\"http://x\",\"点我\")", "-3号楼记录", "@记录", "+1"])


def test_a_csv_file_in_utf8_or_gb18030_is_read_too(project, users):
    text = "类别,年度,案卷题名,保管期限,部门\nQJ,2019,=1+2,短期,客服部\n"
    run(project, users, text.encode("utf-8-sig"), name="目录.csv")
    run(project, users, text.replace("=1+2", "第二卷").encode("gb18030"), name="目录.CSV")
    assert sorted(Volume.objects.values_list("title", flat=True)) == ["=1+2", "第二卷"]


def test_an_unreadable_file_missing_columns_or_too_many_rows_are_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, b"not a zip")
    assert refused.value.code == "malformed_file"
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, xlsx([["QJ", 2019]], headers=["类别", "年度"]))
    assert refused.value.code == "malformed_file" and refused.value.details["missing"] == ["案卷题名"]
    Policy.objects.create(key="archives.import.max_rows", project=project, value=2, clause="本项目规定")
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, xlsx([["QJ", 2019, f"卷{i}", "", "客服部", "", ""] for i in range(3)]))
    assert refused.value.code == "too_many_rows"
    Policy.objects.create(key="archives.import.max_bytes", project=project, value=100, clause="本项目规定")
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, xlsx([["QJ", 2019, "卷", "", "客服部", "", ""]]))
    assert refused.value.code == "file_too_large"


def test_only_the_archivist_imports_and_confidential_categories_need_the_manager_s_permission(
        project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.import_volumes(project=project, actor=users["kefu1"], data=xlsx([]), name="x.xlsx")
    assert refused.value.code == "role_not_allowed"
    with unchanged(), pytest.raises(DomainError) as refused:
        run(project, users, xlsx([["RS", 2019, "员工档案", "", "客服部", "", ""]]))
    assert refused.value.details["errors"][0]["column"] == "类别"


def test_two_thousand_rows_go_in_with_a_bounded_number_of_queries(project, users):
    rows = [["QJ" if i % 2 else "ZB", 2015 + i % 5, f"案卷{i}", "短期", "客服部", "", ""] for i in range(2000)]
    data = xlsx(rows)
    with CaptureQueriesContext(connection) as queries:
        result = run(project, users, data)
    assert result.created == 2000 and Volume.objects.filter(project=project).count() == 2000
    # Set-based: a few reads, the counters, the inserts in batches (SQLite splits a batch by its variable limit,
    # about 60 rows per INSERT here) — never one query per row.
    assert len(queries) < 100, len(queries)
    assert VolumeCounter.objects.get(category__code="QJ", year=2016).last == 200


def test_the_template_has_the_chinese_headers_and_imports_as_it_is(project, users):
    data = svc.template_bytes()
    header = [c.value for c in next(load_workbook(io.BytesIO(data)).active.iter_rows(max_row=1))]
    assert header == HEADERS
    svc.import_volumes(project=project, actor=users["dangan"], data=data, name="t.xlsx", only_good_rows=True)
    assert Volume.objects.filter(title="2019年清洁卫生检查记录").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed on this machine")
def test_a_file_written_by_libreoffice_is_read(project, users, tmp_path):
    source = tmp_path / "catalogue.csv"
    source.write_text("类别,年度,案卷题名,保管期限,部门\nQJ,2019,LibreOffice 卷,短期,客服部\n", encoding="utf-8")
    # CSV:44,34,76 — comma-separated, double-quoted, UTF-8 (LibreOffice otherwise reads the system charset)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path), str(source)],
                   check=True, timeout=120, capture_output=True)
    run(project, users, (tmp_path / "catalogue.xlsx").read_bytes())
    assert Volume.objects.filter(title="LibreOffice 卷").exists()
