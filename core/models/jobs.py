"""Background jobs (issue 22, "Bulk work"): an import or a large export that runs after the request that asked
for it, with its progress and, at the end, its report.

A job keeps the uploaded file itself (so a worker on another machine reads it from the database) and its SHA-256:
the same file imported again into the same project is recognised. Two partial unique constraints hold what the
runner checks first: one queued or running job of a kind per project, and one run per file that counts (a run
that imported nothing, or failed, lets the file be tried again)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tenancy import Project


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")

    @classmethod
    def active(cls) -> tuple[str, str]:
        return (cls.QUEUED, cls.RUNNING)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=60)  # registered by a room: core.jobs.register(kind, …)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    data = models.BinaryField(blank=True, default=b"")  # the upload; emptied when the job ends
    options = models.JSONField(default=dict, blank=True)
    # True while this run holds its file: queued, running, or done having written something.
    holds_file = models.BooleanField(default=False)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    phase = models.CharField(max_length=20, blank=True)  # reading, checking, writing (words in core.jobs)
    summary = models.JSONField(default=dict, blank=True)  # counts: created, rows, rejected, duplicates
    report = models.JSONField(default=list, blank=True)  # one entry per row with a problem: row, column, message, kind
    error = models.JSONField(default=dict, blank=True)  # a refusal of the whole file: code, message, rule
    output = models.BinaryField(blank=True, default=b"")  # an export's file
    output_name = models.CharField(max_length=200, blank=True)
    runner = models.CharField(max_length=120, blank=True)  # host:pid of the process running it
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.UniqueConstraint(fields=["kind", "project"], name="one_active_job_per_kind",
                                    condition=models.Q(state__in=["queued", "running"])),
            models.UniqueConstraint(fields=["kind", "project", "file_sha256"], name="one_run_per_file",
                                    condition=models.Q(holds_file=True)),
        ]
        indexes = [models.Index(fields=["project", "kind", "-created_at"], name="core_job_recent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"
