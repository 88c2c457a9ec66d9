"""The ledger import as a background job (issue 22, KEY-LEDGER-4): the page submits the file, polls a progress bar
while the button is disabled, and ends with a report per row; the same file twice is refused with a pointer to the
first run; key numbers already in the ledger are reported as duplicates and never created twice."""
from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.clock import at_beijing
from core.models import AuditEvent, Job, JobState
from core.permissions import is_member
from core.testing.fixtures import table_rows, unchanged
from keys.models import KeySet
from keys.services.ledger_import import JOB_KIND, import_ledger

HEADER = ["编号", "类别", "名称/开启对象", "楼栋", "房号", "楼层", "设备", "房间号", "件数", "存放位置", "紧急备用", "备注"]
URL = "/keys/import/"


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def key_row(number: str, name: str = "东门", pieces=1) -> list:
    return [number, "公共区域钥匙", name, "1", "", 1, "", "", pieces, "C-1", "否", ""]


@pytest.fixture
def clerk(client, users, settings, travel):
    settings.PROPDESK_JOBS = "inline"
    travel(at_beijing(dt.date(2026, 12, 7), dt.time(10, 0)))
    client.force_login(users["kefu1"])
    return client


def submit(client, data: bytes, django_capture_on_commit_callbacks, name="ledger.xlsx", **form):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"file": SimpleUploadedFile(name, data), **form})


@pytest.mark.req("KEY-LEDGER-4")
def test_the_page_submits_a_job_that_runs_and_shows_its_report(clerk, project, django_capture_on_commit_callbacks):
    response = submit(clerk, xlsx([key_row("GQ-A-1"), key_row("GQ-A-2")]), django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=JOB_KIND, project=project)
    assert response.status_code == 302 and response["Location"] == f"{URL}?job={job.pk}"
    assert job.state == JobState.DONE and job.summary["created"] == 2 and job.summary["rows"] == 2
    assert job.done == job.total == 2 and job.data == b"" and job.holds_file
    assert set(KeySet.objects.filter(project=project).values_list("number", flat=True)) >= {"GQ-A-1", "GQ-A-2"}
    page = clerk.get(response["Location"]).content.decode()
    assert "ledger.xlsx" in page and "2" in page and "<progress" not in page
    status = clerk.get(f"/jobs/{job.pk}/status/").json()
    assert status["finished"] and status["percent"] == 100 and status["state"] == "done"
    assert AuditEvent.objects.filter(action="keys.ledger.imported").count() == 1


@pytest.mark.req("KEY-LEDGER-4")
def test_progress_moves_through_reading_checking_and_writing(project, users):
    seen: list[tuple] = []
    rows = [key_row(f"PR-{i}") for i in range(4500)]
    import_ledger(project=project, actor=users["kefu1"], data=xlsx(rows),
                  progress=lambda done, total=None, phase=None: seen.append((done, total, phase)))
    phases = [p for _d, _t, p in seen if p]
    assert phases == ["reading", "checking", "writing"]
    done = [d for d, _t, _p in seen]
    assert done == sorted(done) and done[-1] == 4500 and len(set(done)) >= 4  # 0, 2000, 4000, 4500


@pytest.mark.req("KEY-LEDGER-4")
def test_while_a_job_runs_the_button_is_disabled_the_bar_polls_and_a_second_import_is_refused(
        clerk, project, django_capture_on_commit_callbacks):
    clerk.post(URL, {"file": SimpleUploadedFile("a.xlsx", xlsx([key_row("RN-1")]))})  # queued: never started
    job = Job.objects.get(kind=JOB_KIND, project=project)
    assert job.state == JobState.QUEUED
    page = clerk.get(URL).content.decode()
    assert "<progress" in page and f"/jobs/{job.pk}/status/" in page and "jobs.js" in page
    assert '<button type="submit" disabled>' in page
    status = clerk.get(f"/jobs/{job.pk}/status/").json()
    assert not status["finished"] and status["state"] == "queued"
    with unchanged(KeySet, Job):
        response = submit(clerk, xlsx([key_row("RN-2")]), django_capture_on_commit_callbacks, name="b.xlsx")
    assert response.status_code == 409 and "job_running" in response.content.decode()
    assert f"/jobs/{job.pk}/" in response.content.decode()


@pytest.mark.req("KEY-LEDGER-4")
def test_the_same_file_again_is_refused_with_a_link_to_the_first_run(clerk, project,
                                                                     django_capture_on_commit_callbacks):
    data = xlsx([key_row(""), key_row("")])  # no numbers: without the check the second run would add two more keys
    submit(clerk, data, django_capture_on_commit_callbacks)
    first = Job.objects.get(kind=JOB_KIND, project=project)
    assert first.summary["created"] == 2
    with unchanged(KeySet, Job):
        response = submit(clerk, data, django_capture_on_commit_callbacks, name="renamed.xlsx")
    html = response.content.decode()
    assert response.status_code == 409 and "same_file" in html and f"/jobs/{first.pk}/" in html
    assert clerk.get(f"/jobs/{first.pk}/")["Location"] == f"{URL}?job={first.pk}"


@pytest.mark.req("KEY-LEDGER-4")
def test_a_file_refused_whole_may_be_sent_again_for_its_good_rows(clerk, project, django_capture_on_commit_callbacks):
    data = xlsx([key_row("OK-1"), key_row("BAD-1", pieces=0)])
    submit(clerk, data, django_capture_on_commit_callbacks)
    refused = Job.objects.get(kind=JOB_KIND, project=project)
    assert refused.error["code"] == "import_rejected" and not refused.holds_file
    assert not KeySet.objects.filter(number__in=["OK-1", "BAD-1"]).exists()
    submit(clerk, data, django_capture_on_commit_callbacks, only_good_rows="on")
    assert list(KeySet.objects.filter(number__in=["OK-1", "BAD-1"]).values_list("number", flat=True)) == ["OK-1"]


@pytest.mark.req("KEY-LEDGER-4")
def test_key_numbers_already_in_the_ledger_are_reported_as_duplicates_and_never_created_twice(
        clerk, project, django_capture_on_commit_callbacks):
    submit(clerk, xlsx([key_row("DU-1"), key_row("DU-2")]), django_capture_on_commit_callbacks)
    before = table_rows(KeySet)
    submit(clerk, xlsx([key_row("DU-1", "另一个名称"), key_row("DU-3")]), django_capture_on_commit_callbacks,
           name="second.xlsx")
    assert table_rows(KeySet) == before
    second = Job.objects.filter(kind=JOB_KIND).latest("pk")
    assert second.error["code"] == "import_rejected" and second.summary["duplicates"] == 1
    assert second.report == [{"row": 2, "column": "编号", "kind": "duplicate", "message": second.report[0]["message"]}]
    page = clerk.get(f"{URL}?job={second.pk}").content.decode()
    assert "DU-1" in page and ("重复" in page or "Duplicate" in page)
    submit(clerk, xlsx([key_row("DU-1", "另一个名称"), key_row("DU-3"), key_row("DU-3")]),
           django_capture_on_commit_callbacks, name="third.xlsx", only_good_rows="on")
    third = Job.objects.filter(kind=JOB_KIND).latest("pk")
    assert third.summary["created"] == 1 and third.summary["duplicates"] == 2
    assert KeySet.objects.filter(project=project, number="DU-1").get().name == "东门"
    assert KeySet.objects.filter(project=project, number="DU-3").count() == 1


@pytest.mark.req("KEY-LEDGER-4")
def test_bad_rows_are_reported_row_by_row_and_nothing_is_created_for_them(clerk, project,
                                                                           django_capture_on_commit_callbacks):
    rows = [key_row("BR-1"), ["BR-2", "不存在的类别", "x", "", "", "", "", "", 1, "C", "否", ""],
            ["BR-3", "公共区域钥匙", "", "", "", "", "", "", "两", "C", "否", ""]]
    before = table_rows(KeySet)
    submit(clerk, xlsx(rows), django_capture_on_commit_callbacks)
    assert table_rows(KeySet) == before
    job = Job.objects.get(kind=JOB_KIND, project=project)
    assert job.state == JobState.DONE and job.summary["rejected"] == 2 and job.summary["created"] == 0
    assert {(e["row"], e["column"]) for e in job.report} == {(3, "类别"), (4, "名称/开启对象"), (4, "件数")}
    page = clerk.get(f"{URL}?job={job.pk}").content.decode()
    assert "unknown category" in page or "不存在的类别" in page
    submit(clerk, xlsx(rows), django_capture_on_commit_callbacks, only_good_rows="on")
    assert set(KeySet.objects.filter(number__startswith="BR-").values_list("number", flat=True)) == {"BR-1"}


@pytest.mark.req("KEY-LEDGER-4")
def test_an_unreadable_file_ends_the_job_with_the_reason_and_nothing_created(clerk, project,
                                                                             django_capture_on_commit_callbacks):
    before = table_rows(KeySet)
    submit(clerk, b"garbage", django_capture_on_commit_callbacks, name="x.xlsx")
    assert table_rows(KeySet) == before
    job = Job.objects.get(kind=JOB_KIND, project=project)
    assert job.error["code"] == "malformed_file" and not job.holds_file
    assert "xlsx" in clerk.get(f"{URL}?job={job.pk}").content.decode()


@pytest.mark.req("KEY-LEDGER-4")
def test_another_project_s_member_never_sees_the_job(clerk, project, users, client,
                                                     django_capture_on_commit_callbacks):
    submit(clerk, xlsx([key_row("OP-1")]), django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=JOB_KIND, project=project)
    outsider = next(u for u in users.values() if not is_member(u, project) and not u.is_superuser)
    client.force_login(outsider)
    assert client.get(f"/jobs/{job.pk}/status/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/").status_code == 404


@pytest.mark.req("KEY-LEDGER-4")
@pytest.mark.django_db(transaction=True)
def test_on_the_embedded_default_the_job_runs_in_a_thread_after_the_request(client, users, project, settings):
    settings.PROPDESK_JOBS = "thread"
    client.force_login(users["kefu1"])
    response = client.post(URL, {"file": SimpleUploadedFile("t.xlsx", xlsx([key_row(f"TH-{i}") for i in range(50)]))})
    assert response.status_code == 302
    job = Job.objects.get(kind=JOB_KIND, project=project)
    deadline = time.monotonic() + 60
    while job.state in JobState.active() and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.state == JobState.DONE and job.summary["created"] == 50
    assert KeySet.objects.filter(number__startswith="TH-").count() == 50
