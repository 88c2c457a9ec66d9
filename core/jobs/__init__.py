"""Background jobs (issue 22, "Bulk work"): imports and large exports run after the request that asks for them,
with progress a page polls and a report at the end.

The same runner as the sweeps: on Celery where CELERY_BROKER_URL is set (core.tasks.run_job), otherwise in a
thread of the web process, started after the submitting transaction commits — the embedded default needs no extra
service. A job left queued or running by a process that died is marked failed by the next submission, the next
poll of it or the hourly sweep (`reap`), so a page never waits for ever and the button comes back.

Rooms register their kinds (`register`) in AppConfig.ready; core knows no room. A kind's `run(job, progress)`
returns an `Outcome` or raises a DomainError that refuses the whole file (the job then ends `done` with the
refusal and its rows in the report: a refusal is an answer, not a failure of the runner).

Refusals of `submit`: `job_running` (one of this kind runs for the project: 409), `same_file` (this file was
imported into this project before: 409, with the first run), `unknown_job_kind`, and the kind's own permission."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit, clock
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Job, JobState, Project, User
from core.permissions import is_member, require_member

log = logging.getLogger(__name__)

REPORT_LIMIT = 5000  # problem rows kept per job; the summary counts them all
PROGRESS_EVERY = 0.4  # seconds between two progress writes
PHASES = {"reading": gettext_lazy("Reading the file"), "checking": gettext_lazy("Checking the rows"),
          "writing": gettext_lazy("Writing"), "exporting": gettext_lazy("Writing the file")}


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # words, e.g. 导入钥匙台账
    run: Callable[[Job, Progress], Outcome]
    may_use: Callable[[User, Project], bool]  # the room's permission predicate: may submit and see these jobs
    page: str  # URL name of the room's page that shows the job (with ?job=<id>)
    holds_files: bool = True  # an import: the same file is recognised; an export: never
    rule: str = ""  # the requirement the room's work fulfils, named in the refusals


@dataclass
class Outcome:
    created: int = 0
    rows: int = 0
    report: list[dict] = field(default_factory=list)  # {row, column, message, kind: "error" | "duplicate"}
    summary: dict = field(default_factory=dict)
    output: bytes = b""
    output_name: str = ""


_KINDS: dict[str, Kind] = {}


def register(name: str, *, label, run: Callable, may_use: Callable, page: str, holds_files: bool = True,
             rule: str = "") -> None:
    _KINDS[name] = Kind(name=name, label=label, run=run, may_use=may_use, page=page, holds_files=holds_files,
                        rule=rule)


def kind_of(job_or_name) -> Kind:
    name = job_or_name if isinstance(job_or_name, str) else job_or_name.kind
    try:
        return _KINDS[name]
    except KeyError:
        raise DomainError(_("This kind of job is not known."), code="unknown_job_kind") from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _runner_id() -> str:
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


# --- submitting -------------------------------------------------------------------------------------------------

def active(kind: str, project: Project) -> Job | None:
    """The queued or running job of this kind for the project (after reaping the dead), or None."""
    reap()
    return Job.objects.filter(kind=kind, project=project, state__in=JobState.active()).first()


def first_run(kind: str, project: Project, digest: str) -> Job | None:
    return Job.objects.filter(kind=kind, project=project, file_sha256=digest, holds_file=True).first()


def _refuse_running(job: Job) -> Conflict:
    return Conflict(_("One of these is already running for this project; wait for it to finish."),
                    code="job_running", rule=kind_of(job).rule or None, details={"job": job.pk})


def _refuse_same_file(job: Job) -> Conflict:
    return Conflict(_("This file was imported into this project before (%(when)s, by %(who)s); it is not imported "
                      "twice.") % {"when": clock.beijing(job.created_at).strftime("%Y-%m-%d %H:%M"),
                                   "who": job.actor.display_name},
                    code="same_file", rule=kind_of(job).rule or None, details={"job": job.pk})


def submit(*, kind: str, project: Project, actor: User, data: bytes = b"", name: str = "",
           options: dict | None = None) -> Job:
    """Queue a job; it starts once this transaction commits. Refused while one of the kind runs for the project,
    and for a file this project already imported (the refusal names the first run)."""
    spec = kind_of(kind)
    require_member(actor, project)
    if not spec.may_use(actor, project):
        raise NotAllowed(_("Your role does not allow this."), code="role_not_allowed", rule=spec.rule or None)
    digest = sha256(data) if data else ""
    running = active(kind, project)
    if running is not None:
        raise _refuse_running(running)
    if spec.holds_files and digest:
        earlier = first_run(kind, project, digest)
        if earlier is not None:
            raise _refuse_same_file(earlier)
    try:
        job = _create(spec, project, actor, data, name, digest, options or {})
    except IntegrityError:  # a second click or a second clerk in the same instant: the constraints decide
        running = active(kind, project)
        if running is not None:
            raise _refuse_running(running) from None
        earlier = first_run(kind, project, digest) if digest else None
        if earlier is not None:
            raise _refuse_same_file(earlier) from None
        raise
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


@audit.atomic()
def _create(spec: Kind, project: Project, actor: User, data: bytes, name: str, digest: str, options: dict) -> Job:
    job = Job.objects.create(kind=spec.name, project=project, actor=actor, data=data, file_name=name[:200],
                             file_sha256=digest, options=options, holds_file=spec.holds_files and bool(digest),
                             created_at=clock.now(), phase="reading")
    audit.record(actor=actor, action="core.job.submitted", target=job, project=project,
                 data={"kind": spec.name, "file": job.file_name, "sha256": digest, "bytes": len(data)})
    return job


# --- running ----------------------------------------------------------------------------------------------------

def dispatch(pk: int) -> None:
    """Start the job: on Celery where configured, inline when asked (tests), else in a thread of this process."""
    mode = getattr(settings, "PROPDESK_JOBS", "") or ("celery" if settings.CELERY_BROKER_URL else "thread")
    if mode == "celery":
        from core import tasks

        tasks.run_job.delay(pk)
    elif mode == "inline":
        run(pk)
    else:
        threading.Thread(target=_in_thread, args=(pk,), name=f"propdesk-job-{pk}", daemon=True).start()


def _in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        close_old_connections()
        connection.close()  # this thread's own connection


class Progress:
    """What a kind reports as it goes: rows done of the total, and the phase. Written at most every 0.4 s (and
    at every change of phase), in autocommit outside the kind's transaction, so another process's poll sees it."""

    def __init__(self, job: Job):
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, total: int | None = None, phase: str | None = None) -> None:
        now = time.monotonic()
        changed = phase is not None and phase != self.job.phase
        if total is not None:
            self.job.total = total
        self.job.done = min(done, self.job.total) if self.job.total else done
        if phase is not None:
            self.job.phase = phase
        if changed or now - self.last >= PROGRESS_EVERY:
            self.last = now
            Job.objects.filter(pk=self.job.pk).update(done=self.job.done, total=self.job.total, phase=self.job.phase,
                                                     heartbeat_at=clock.now())


def run(pk: int) -> None:
    """Claim a queued job and run it to the end. A job already claimed (by another worker) is left alone."""
    now = clock.now()
    claimed = Job.objects.filter(pk=pk, state=JobState.QUEUED).update(
        state=JobState.RUNNING, runner=_runner_id(), started_at=now, heartbeat_at=now)
    if not claimed:
        return
    job = Job.objects.select_related("project", "actor").get(pk=pk)
    spec = kind_of(job)
    finished = False
    try:
        try:
            outcome = spec.run(job, Progress(job))
        except DomainError as refused:
            _finish(job, refusal=refused)
        else:
            _finish(job, outcome=outcome)
        finished = True
    finally:
        if not finished:  # the kind broke (the traceback goes on to the thread's or Celery's log): never "running"
            log.error("job %s (%s) broke", pk, job.kind)
            _fail(job.pk, "job_broke", _("The job stopped because of an error in the program; nothing was imported."))


def _finish(job: Job, *, outcome: Outcome | None = None, refusal: DomainError | None = None) -> None:
    if refusal is not None:
        details = refusal.details or {}
        report = [{**e, "kind": e.get("kind", "error")} for e in details.get("errors", [])]
        fields = {"error": {"code": refusal.code, "message": str(refusal.message), "rule": refusal.rule or "",
                            "clause": str(refusal.clause or "")},
                  "report": report[:REPORT_LIMIT], "holds_file": False,
                  "summary": {**_counts(report, created=0, rows=details.get("rows", 0)), **details.get("counts", {})}}
    else:
        fields = {"report": outcome.report[:REPORT_LIMIT], "output": outcome.output, "output_name": outcome.output_name,
                  "holds_file": job.holds_file and outcome.created > 0,
                  "summary": {**_counts(outcome.report, created=outcome.created, rows=outcome.rows), **outcome.summary}}
    now = clock.now()
    with audit.atomic():
        Job.objects.filter(pk=job.pk).update(state=JobState.DONE, finished_at=now, heartbeat_at=now, data=b"",
                                             done=job.total, phase="", **fields)
        audit.record(actor=job.actor, action="core.job.finished", target=job, project=job.project_id,
                     data={"kind": job.kind, "summary": fields["summary"],
                           "refused": fields.get("error", {}).get("code", "")})


def _counts(report: list[dict], *, created: int, rows: int) -> dict:
    problems = {e["row"] for e in report if e.get("kind", "error") == "error"}
    duplicates = {e["row"] for e in report if e.get("kind") == "duplicate"} - problems
    return {"created": created, "rows": rows, "rejected": len(problems), "duplicates": len(duplicates),
            "report_cut": len(report) > REPORT_LIMIT}


def _fail(pk: int, code: str, message) -> int:
    """Mark a job that cannot finish failed: it holds no file and no place in the queue any more."""
    now = clock.now()
    with audit.atomic():
        failed = Job.objects.filter(pk=pk, state__in=JobState.active()).update(
            state=JobState.FAILED, finished_at=now, holds_file=False, data=b"", phase="",
            error={"code": code, "message": str(message), "rule": "", "clause": ""})
        if failed:
            job = Job.objects.get(pk=pk)
            audit.record(actor=None, action="core.job.failed", target=job, project=job.project_id,
                         data={"kind": job.kind, "code": code})
    return failed


# --- the dead ---------------------------------------------------------------------------------------------------

def _stale_seconds() -> int:
    return int(getattr(settings, "PROPDESK_JOB_STALE_SECONDS", 300))


def _alive(runner: str) -> bool:
    """False only when the runner is a process of this machine that no longer exists."""
    host, _sep, pid = runner.rpartition(":")
    if host != socket.gethostname()[:100] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap() -> int:
    """Mark failed the jobs a dead process left behind: running on a process of this machine that is gone, or
    silent (no progress written) for longer than PROPDESK_JOB_STALE_SECONDS, queued or running."""
    limit = clock.now() - dt.timedelta(seconds=_stale_seconds())
    lost = 0
    for pk, state, runner, heartbeat, created in Job.objects.filter(state__in=JobState.active()).values_list(
            "pk", "state", "runner", "heartbeat_at", "created_at"):
        dead = state == JobState.RUNNING and runner and not _alive(runner)
        if dead or (heartbeat or created) < limit:
            lost += _fail(pk, "job_lost", _("The job stopped when the server that ran it stopped; nothing was "
                                            "imported. Submit the file again."))
    return lost


def sweep() -> int:
    return reap()


# --- reading ----------------------------------------------------------------------------------------------------

def visible(user: User, pk: int) -> Job | None:
    """The job if this user may see it: a member of its project whom its kind admits."""
    job = Job.objects.select_related("project", "actor").defer("data", "output").filter(pk=pk).first()
    if job is None or job.kind not in _KINDS:
        return None
    if not is_member(user, job.project) or not _KINDS[job.kind].may_use(user, job.project):
        return None
    return job


def status(job: Job) -> dict:
    """What the page's progress bar shows (JSON)."""
    if job.state in JobState.active():  # a job whose process died answers "failed", never "running" for ever
        reap()
        job.refresh_from_db(fields=["state", "done", "total", "phase", "heartbeat_at"])
    percent = 100 if job.state == JobState.DONE else (int(job.done * 100 / job.total) if job.total else 0)
    return {"id": job.pk, "state": job.state, "state_words": str(JobState(job.state).label),
            "phase": str(PHASES.get(job.phase, "")), "done": job.done, "total": job.total, "percent": percent,
            "finished": job.state not in JobState.active()}
