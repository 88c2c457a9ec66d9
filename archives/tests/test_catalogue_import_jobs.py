"""The catalogue import as a background job (issue 22, ARCH-2): the page submits the file and shows the job's
report; the same file twice is refused with a pointer to the first run; a volume number already in the catalogue
is reported as a duplicate and never created twice."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archives.models import Volume
from archives.services.catalogue_import import JOB_KIND
from archives.tests.test_catalogue_import import xlsx
from core.clock import at_beijing
from core.models import Job, JobState
from core.testing.fixtures import login, table_rows, unchanged

pytestmark = [pytest.mark.django_db, pytest.mark.req("ARCH-2")]
URL = "/archives/import/"


@pytest.fixture
def archivist(client, project, users, settings, travel):
    from archives.tests.helpers import categories

    settings.PROPDESK_JOBS = "inline"
    travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))
    categories(project, users)
    return login(client, users["dangan"], project)


def submit(client, data, capture, name="catalogue.xlsx", **form):
    with capture(execute=True):
        return client.post(URL, {"file": SimpleUploadedFile(name, data), **form})


def test_the_page_runs_the_import_as_a_job_and_refuses_the_same_file_again(archivist, project,
                                                                          django_capture_on_commit_callbacks):
    data = xlsx([["QJ", 2019, "清洁记录", "短期", "客服部", "", ""]])
    answer = submit(archivist, data, django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=JOB_KIND, project=project)
    assert answer.status_code == 302 and job.state == JobState.DONE and job.summary["created"] == 1
    assert Volume.objects.filter(project=project, title="清洁记录").count() == 1
    assert archivist.get(answer["Location"]).status_code == 200
    with unchanged(Volume, Job):
        again = submit(archivist, data, django_capture_on_commit_callbacks, name="copy.xlsx")
    assert again.status_code == 409 and "same_file" in again.content.decode()
    assert f"/jobs/{job.pk}/" in again.content.decode()


def test_a_number_already_in_the_catalogue_is_a_duplicate_never_created_twice(archivist, project,
                                                                             django_capture_on_commit_callbacks):
    submit(archivist, xlsx([["QJ", 2019, "第一卷", "短期", "客服部", "", "DA-2019-QJ-0001"]]),
           django_capture_on_commit_callbacks)
    before = table_rows(Volume)
    submit(archivist, xlsx([["QJ", 2019, "另一个题名", "短期", "客服部", "", "DA-2019-QJ-0001"]]),
           django_capture_on_commit_callbacks, name="second.xlsx", only_good_rows="on")
    assert table_rows(Volume) == before
    job = Job.objects.filter(kind=JOB_KIND).latest("pk")
    assert job.summary["duplicates"] == 1 and job.report[0]["kind"] == "duplicate"
    assert job.error["code"] == "import_rejected"  # no row left to import: refused whole, nothing written
