"""Destruction and the catalogue import on the pages, the print view, the Excel export and the API (ARCH-10;
issue 15): the same services behind each, stable codes over the API, nothing changed by a refusal."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from archives.models import DestructionList, Volume
from archives.services import destruction as svc
from archives.states import DestructionStatus, VolumeStatus
from archives.tests.helpers import categories, file, shelve, volume
from core.clock import at_beijing
from core.testing.fixtures import PASSWORD, login

pytestmark = pytest.mark.django_db

MONDAY_10 = at_beijing(dt.date(2026, 6, 8), dt.time(10, 0))


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(MONDAY_10)


@pytest.fixture
def vol(project, users):
    v = volume(project, users, "QJ", year=2010, title="2010年清洁卫生检查记录")
    file(v, users)
    shelve(v, users, 1)
    v.refresh_from_db()
    return v


@pytest.mark.req("ARCH-10")
def test_the_pages_walk_a_list_from_drawing_up_to_destruction_and_print_it(project, users, vol, client):
    login(client, users["dangan"], project)
    page = client.get("/archives/destructions/")
    assert page.status_code == 200 and vol.number in page.content.decode()  # offered: past its retention
    answer = client.post("/archives/destructions/", {"volume": [vol.pk], "reason": "保管期限已满"})
    destruction = DestructionList.objects.get()
    assert answer.status_code == 302 and answer.url == f"/archives/destructions/{destruction.pk}/"
    login(client, users["jingli"], project)  # the manager on a phone: one page, two buttons
    assert client.get(f"/archives/destructions/{destruction.pk}/").status_code == 200
    assert client.post(f"/archives/destructions/{destruction.pk}/", {"action": "approve"}).status_code == 302
    login(client, users["dangan"], project)
    refused = client.post(f"/archives/destructions/{destruction.pk}/", {
        "action": "destroy", "method": "torn", "witness": "", "witness_password": ""})
    assert refused.status_code == 400  # witness_required: nothing destroyed
    assert DestructionList.objects.get().status == DestructionStatus.APPROVED
    answer = client.post(f"/archives/destructions/{destruction.pk}/", {
        "action": "destroy", "method": "torn", "witness": users["kfzg"].pk, "witness_password": PASSWORD})
    assert answer.status_code == 302
    vol.refresh_from_db()
    assert vol.status == VolumeStatus.DESTROYED
    shown = client.get(f"/archives/volumes/{vol.pk}/").content.decode()
    assert destruction.serial in shown  # the catalogue shows its destruction record
    with override("en"):
        printed = client.get(f"/archives/destructions/{destruction.pk}/print/").content.decode()
    assert "档案销毁清册" in printed and vol.number in printed
    assert users["kfzg"].display_name in printed and users["jingli"].display_name in printed
    book = load_workbook(io.BytesIO(client.get("/archives/destructions/export/").content))
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == destruction.serial and rows[0][2] == vol.number


@pytest.mark.req("ARCH-10")
def test_a_clerk_does_not_reach_the_destruction_pages(project, users, vol, client):
    destruction = svc.draw_up(project=project, by=users["dangan"], volumes=[vol], reason="保管期限已满")
    login(client, users["baoan1"], project)
    for url in ("/archives/destructions/", f"/archives/destructions/{destruction.pk}/",
                f"/archives/destructions/{destruction.pk}/print/", "/archives/import/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/archives/destructions/{destruction.pk}/", {"action": "approve"}).status_code == 403
    assert DestructionList.objects.get().status == DestructionStatus.PENDING


@pytest.mark.req("ARCH-10")
def test_over_the_api_a_list_is_drawn_up_approved_and_carried_out_with_stable_refusals(
        project, other_project, users, vol, api_as):
    archivist, manager = api_as(users["dangan"]), api_as(users["jingli"])
    recent = volume(project, users, "QJ", year=2025, title="2025年记录")
    answer = archivist.post("/api/archives/destructions/", {"project": project.pk, "volumes": [recent.pk],
                                                            "reason": "无"}, format="json")
    assert answer.status_code == 403 and answer.json()["code"] == "within_retention"
    answer = archivist.post("/api/archives/destructions/", {"project": project.pk, "volumes": [vol.pk, 999999],
                                                            "reason": "无"}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_choice"
    answer = archivist.post("/api/archives/destructions/", {"project": project.pk, "volumes": [vol.pk],
                                                            "reason": "保管期限已满"}, format="json")
    assert answer.status_code == 201 and answer.json()["steps"] == ["site_manager"]
    pk = answer.json()["id"]
    answer = archivist.post(f"/api/archives/destructions/{pk}/carry-out/", {"method": "torn"}, format="json")
    assert answer.status_code == 409 and answer.json()["code"] == "not_approved"
    answer = archivist.post(f"/api/archives/destructions/{pk}/approve/", {}, format="json")
    assert answer.status_code == 403 and answer.json()["code"] == "self_approval"
    assert manager.post(f"/api/archives/destructions/{pk}/approve/", {}, format="json").status_code == 200
    answer = archivist.post(f"/api/archives/destructions/{pk}/carry-out/", {
        "method": "torn", "witness": users["kfzg"].pk, "witness_password": PASSWORD}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "destroyed"
    assert answer.json()["lines"][0]["volume_number"] == vol.number
    shown = archivist.get(f"/api/archives/volumes/{vol.pk}/").json()
    assert shown["status"] == "destroyed" and shown["destruction"]["serial"] == answer.json()["serial"]
    assert shown["destruction"]["witness"] == users["kfzg"].display_name
    outsider = api_as(users["bj_dangan"])
    assert outsider.get(f"/api/archives/destructions/{pk}/").status_code == 404
    assert archivist.get("/api/archives/destructions/").json()["count"] == 1


def _xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(["类别", "年度", "案卷题名", "保管期限", "部门"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.req("ARCH-2")
def test_the_import_page_reports_each_row_and_imports_nothing_until_the_file_is_clean(
        project, users, client, settings, django_capture_on_commit_callbacks):
    settings.PROPDESK_JOBS = "inline"  # the page submits a background job (core.jobs); here it runs on commit
    categories(project, users)
    login(client, users["dangan"], project)
    assert client.get("/archives/import/template/")["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = io.BytesIO(_xlsx([["QJ", 2019, "好的", "短期", "客服部"], ["XX", 2019, "坏的", "短期", "客服部"]]))
    bad.name = "catalogue.xlsx"
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        page = client.post("/archives/import/", {"file": bad})
    assert page.status_code == 302 and Volume.objects.count() == 0
    body = client.get(page["Location"]).content.decode()
    assert "没有类别“XX”" in body and "<td>3</td>" in body  # row 3: its problem in words
    bad.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/archives/import/", {"file": bad, "only_good_rows": "on"})
    assert page.status_code == 302 and list(Volume.objects.values_list("title", flat=True)) == ["好的"]


@pytest.mark.req("ARCH-2")
def test_the_import_api_answers_row_errors_with_a_stable_code(project, users, api_as):
    categories(project, users)
    client = api_as(users["dangan"])
    upload = io.BytesIO(_xlsx([["XX", 2019, "坏的", "短期", "客服部"]]))
    upload.name = "catalogue.xlsx"
    answer = client.post("/api/archives/catalogue-imports/", {"project": project.pk, "file": upload},
                         format="multipart")
    assert answer.status_code == 400 and answer.json()["code"] == "import_rejected"
    assert answer.json()["details"]["errors"][0]["row"] == 2 and Volume.objects.count() == 0
    upload = io.BytesIO("类别,年度,案卷题名,保管期限,部门\nQJ,2019,好的,短期,客服部\n".encode())
    upload.name = "catalogue.csv"
    answer = client.post("/api/archives/catalogue-imports/", {"project": project.pk, "file": upload},
                         format="multipart")
    assert answer.status_code == 201 and answer.json()["numbers"] == ["DA-2019-QJ-0001"]
    answer = api_as(users["kefu1"]).post("/api/archives/catalogue-imports/", {"project": project.pk},
                                         format="multipart")
    assert answer.status_code in (400, 403)
