"""Attendance (考勤): the designated clerk, clock events, leave of post, the monthly report (ATTEND-1, ATTEND-2)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project
from core.retention import Retained
from duty.states import RequestStatus

USER = settings.AUTH_USER_MODEL

__all__ = ["AttendanceClerk", "AttendanceReport", "ClockEvent", "ClockKind", "PostAbsence", "PostLeave",
           "ReportStatus"]


class ClockKind(models.TextChoices):
    IN = "in", _("Clock in")
    OUT = "out", _("Clock out")


# A person is off duty until they clock in, on duty until they clock out: clocking in twice is refused.
PRESENCE_FLOW = Flow("duty-presence", {ClockKind.OUT: {ClockKind.IN}, ClockKind.IN: {ClockKind.OUT}})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared")
    SUBMITTED = "submitted", _("Submitted to HR")


REPORT_FLOW = Flow("duty-attendance-report", {ReportStatus.DRAFT: {ReportStatus.DRAFT, ReportStatus.SUBMITTED}})


class AttendanceClerk(models.Model):
    """The person the supervisor designates to keep a project's attendance (ATTEND-1, 001 篇11 §1.1.1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    designated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    designated_at = models.DateTimeField()
    active = models.BooleanField(default=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendance clerk")
        verbose_name_plural = _("attendance clerks")
        constraints = [models.UniqueConstraint(fields=["project"], condition=Q(active=True),
                                               name="duty_one_active_attendance_clerk")]


class ClockEvent(Retained):
    """One clock-in or clock-out, at server time; nobody types it (ATTEND-1, CORE-4). Kept 2 years."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=3, choices=ClockKind.choices)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["project", "person", "at"]), models.Index(fields=["project", "at"])]


class PostLeave(Retained):
    """A request to leave the post during work, decided by a superior before leaving (ATTEND-2, 001 篇11 §1.2.3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("leave of post")
        verbose_name_plural = _("leaves of post")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["project", "person", "requested_at"])]


class PostAbsence(Retained):
    """An absence from the post without approval, seen and recorded by the supervisor or clerk (ATTEND-2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    observed_at = models.DateTimeField(_("observed at"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300)

    class Meta:
        verbose_name = _("absence from post")
        verbose_name_plural = _("absences from post")
        ordering = ["-observed_at", "-pk"]
        indexes = [models.Index(fields=["project", "person", "observed_at"])]


class AttendanceReport(Retained):
    """A month's attendance of a project, prepared by the clerk and submitted to HR by the policy day
    (ATTEND-1, 001 篇11 §1.1.3). `figures` is the snapshot taken at submission: later clock events or roster
    revisions do not change what HR received."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    due_on = models.DateField(_("due on"))
    figures = models.JSONField(default=list)
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField()
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_late = models.BooleanField(_("submitted late"), default=False)
    late_reason = models.CharField(_("reason for lateness"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance report")
        verbose_name_plural = _("attendance reports")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"], name="duty_attendance_report_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%Y-%m}"
