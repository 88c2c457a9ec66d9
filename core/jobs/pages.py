"""The web side of background jobs: the status a page's progress bar polls, the link to a job (the first run of a
file refused as the same file points there), and what a room's page renders around its form."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from core import jobs
from core.errors import DomainError
from core.models import Job, JobState
from core.parsing import is_int


def job_url(job: Job) -> str:
    """The room's page showing this job (its progress, then its report)."""
    return f"{reverse(jobs.kind_of(job).page)}?job={job.pk}"


@login_required
@require_GET
def status_view(request, pk: int):
    job = jobs.visible(request.user, pk)
    if job is None:
        raise Http404
    return JsonResponse(jobs.status(job), headers={"Cache-Control": "no-store"})


@login_required
@require_GET
def open_view(request, pk: int):
    job = jobs.visible(request.user, pk)
    if job is None:
        raise Http404
    return HttpResponseRedirect(job_url(job))


def context(request, kind: str, project) -> dict:
    """For a room's job page: the job asked for (?job=<id>, this kind and project only) or else the one running,
    whether one is running (the button is disabled), its status and its report in rows."""
    spec = jobs.kind_of(kind)
    running = jobs.active(kind, project)
    job = None
    asked = request.GET.get("job", "")
    if is_int(asked):
        job = jobs.visible(request.user, int(asked))
        if job is not None and (job.kind != kind or job.project_id != project.pk):
            job = None
    if job is None:
        job = running
    if job is None:
        return {"job": None, "job_running": False, "job_label": spec.label}
    if job.state in JobState.active():
        job.refresh_from_db()
    return {"job": job, "job_running": running is not None, "job_label": spec.label, "job_status": jobs.status(job),
            "job_active": job.state in JobState.active(), "job_page": job_url(job),
            "job_summary": job.summary, "job_report": job.report, "job_error": job.error or None}


def refusal_context(exc: DomainError) -> dict:
    """A refusal of `submit`: `same_file` and `job_running` link to the job they name."""
    pk = exc.details.get("job") if exc.code in ("same_file", "job_running") else None
    job = Job.objects.filter(pk=pk).first() if pk else None
    return {"job_link": reverse("job-open", args=[job.pk]) if job else ""}
