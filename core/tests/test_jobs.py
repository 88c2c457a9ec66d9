"""The background job runner (core.jobs, issue 22): a job a dead process left behind is marked failed on the next
submission, poll or sweep, and gives its file and its place back; a kind that breaks never stays "running";
refusals change nothing. A kind registered here stands in for a room's (core knows no room)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import jobs, sweeps
from core.clock import at_beijing
from core.errors import DomainError
from core.models import Job, JobState
from core.testing.fixtures import unchanged

KIND = "core.test_job"
NOON = at_beijing(dt.date(2026, 12, 7), dt.time(12, 0))


def _ok(job, progress):
    progress(0, 3, "checking")
    progress(3)
    return jobs.Outcome(created=3, rows=3)


@pytest.fixture
def kind(settings, travel):
    settings.PROPDESK_JOBS = "inline"
    travel(NOON)
    jobs.register(KIND, label="test", run=_ok, may_use=lambda user, project: user.username != "baoan1",
                  page="home", rule="CORE-5")
    yield KIND
    jobs._KINDS.pop(KIND, None)


def _submit(project, user, data=b"rows", capture=None):
    with capture(execute=True):
        return jobs.submit(kind=KIND, project=project, actor=user, data=data, name="f.xlsx")


@pytest.mark.req("CORE-5")
def test_a_job_runs_to_the_end_and_is_audited(kind, project, users, django_capture_on_commit_callbacks):
    job = _submit(project, users["kefu1"], capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.done == job.total == 3 and job.summary["created"] == 3
    assert job.runner and job.started_at == NOON and job.finished_at == NOON and job.holds_file
    assert jobs.status(job)["percent"] == 100


@pytest.mark.req("CORE-5")
@pytest.mark.parametrize("how", ["dead_pid", "silent"])
def test_a_job_left_running_by_a_dead_process_is_marked_failed_and_frees_its_file(
        kind, project, users, travel, how, django_capture_on_commit_callbacks):
    job = jobs.submit(kind=KIND, project=project, actor=users["kefu1"], data=b"rows", name="f.xlsx")  # never run
    runner = f"{jobs.socket.gethostname()[:100]}:999999999" if how == "dead_pid" else "elsewhere:1"
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, runner=runner, heartbeat_at=NOON)
    if how == "silent":
        travel(NOON + dt.timedelta(seconds=301))
    assert sweeps.run_all()["jobs"] == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error["code"] == "job_lost" and not job.holds_file
    assert jobs.status(job)["finished"]
    again = _submit(project, users["kefu1"], capture=django_capture_on_commit_callbacks)  # the same file, again
    again.refresh_from_db()
    assert again.state == JobState.DONE


@pytest.mark.req("CORE-5")
def test_a_live_job_is_left_alone_by_the_sweep(kind, project, users):
    job = jobs.submit(kind=KIND, project=project, actor=users["kefu1"], data=b"rows")
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, runner=jobs._runner_id(), heartbeat_at=NOON)
    assert jobs.reap() == 0
    job.refresh_from_db()
    assert job.state == JobState.RUNNING


@pytest.mark.req("CORE-5")
def test_a_kind_that_breaks_ends_failed_never_running(kind, project, users, django_capture_on_commit_callbacks):
    def broken(job, progress):
        raise RuntimeError("a bug")

    jobs.register(KIND, label="test", run=broken, may_use=lambda user, project: True, page="home")
    with pytest.raises(RuntimeError):
        _submit(project, users["kefu1"], capture=django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=KIND)
    assert job.state == JobState.FAILED and job.error["code"] == "job_broke" and not job.holds_file


@pytest.mark.req("CORE-5")
def test_refusals_change_nothing(kind, project, other_project, users, django_capture_on_commit_callbacks):
    _submit(project, users["kefu1"], capture=django_capture_on_commit_callbacks)
    cases = [
        ({"kind": "core.nobody", "actor": users["kefu1"], "project": project}, "unknown_job_kind"),
        ({"kind": KIND, "actor": users["baoan1"], "project": project}, "role_not_allowed"),
        ({"kind": KIND, "actor": users["kefu1"], "project": other_project}, "not_found"),
        ({"kind": KIND, "actor": users["kefu1"], "project": project}, "same_file"),
    ]
    for given, code in cases:
        with unchanged(Job), pytest.raises(DomainError) as refused:
            jobs.submit(data=b"rows", name="f.xlsx", **given)
        assert refused.value.code == code, given
    queued = jobs.submit(kind=KIND, project=project, actor=users["kefu1"], data=b"other rows")  # not started
    with unchanged(Job), pytest.raises(DomainError) as refused:
        jobs.submit(kind=KIND, project=project, actor=users["kefu1"], data=b"third rows")
    assert refused.value.code == "job_running" and refused.value.details == {"job": queued.pk}
