"""Complaints (《业主投诉记录表》): registered at the desk, sent to the responsible department, handled
and reported back, closed by the desk's follow-up; major ones escalated; monthly statistics and
quarterly/annual summaries with improvement proposals (COMPLAINT-1, COMPLAINT-2)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit
from core.retention import Retained
from core.roles import DepartmentCode

__all__ = ["COMPLAINT_FLOW", "Complaint", "ComplaintChannel", "ComplaintStatus", "ComplaintSummary",
           "SummaryKind"]

USER = settings.AUTH_USER_MODEL


class ComplaintChannel(models.TextChoices):
    """How the complaint came in (001 篇1 第四章 (一) 来访、电话、来函、其他信息)."""

    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit in person")
    LETTER = "letter", _("Letter")
    RETURN_VISIT = "return_visit", _("Return visit")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SENT = "sent", _("Sent to the department")
    HANDLED = "handled", _("Handled, reported back")
    CLOSED = "closed", _("Closed")


# registered → sent → handled → closed (001 篇1 第四章 (二)–(八)); nothing skips a step or goes back.
COMPLAINT_FLOW = Flow("desk-complaint", {
    ComplaintStatus.REGISTERED: {ComplaintStatus.SENT},
    ComplaintStatus.SENT: {ComplaintStatus.HANDLED},
    ComplaintStatus.HANDLED: {ComplaintStatus.CLOSED},
})


class Complaint(Retained):
    """One row of 《业主投诉记录表》, numbered TS-YYYY-NNNN per project and filed (COMPLAINT-2).

    `dispatch_due_at` (reach the department) is fixed at registration; `handling_due_at` (the
    department's handling and feedback) when it is sent. Overdue is a query on them."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    status = models.CharField(_("status"), max_length=12, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.REGISTERED)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("complainant"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    channel = models.CharField(_("channel"), max_length=12, choices=ComplaintChannel.choices)
    content = models.TextField(_("content"))
    subject = models.CharField(_("subject"), max_length=40, blank=True)
    department = models.CharField(_("responsible department"), max_length=20, choices=DepartmentCode.choices,
                                  blank=True)
    is_vip = models.BooleanField(_("important customer"), default=False)
    urgent = models.BooleanField(_("urgent"), default=False)
    major = models.BooleanField(_("major complaint"), default=False)
    contact = models.ForeignKey("desk.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_ref = models.CharField(max_length=40, blank=True, db_index=True)
    dispatch_due_at = models.DateTimeField(_("to reach the department by"))
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    escalation_note = models.CharField(_("escalation note"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    handling_due_at = models.DateTimeField(_("handling due by"), null=True, blank=True)
    handling = models.TextField(_("handling and result"), blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    follow_up = models.TextField(_("desk follow-up"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-registered_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "serial"], name="desk_complaint_serial_unique")]
        indexes = [models.Index(fields=["project", "status", "dispatch_due_at"]),
                   models.Index(fields=["project", "status", "handling_due_at"]),
                   models.Index(fields=["project", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.person_name}"


class SummaryKind(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    YEAR = "year", _("Annual")


class ComplaintSummary(Retained):
    """A saved monthly, quarterly or annual summary: figures snapshotted when saved and the supervisor's
    improvement proposals (001 篇1 第四章 (九)–(十一))."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=SummaryKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    figures = models.JSONField(default=dict)
    proposals = models.TextField(_("improvement proposals"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("complaint summary")
        verbose_name_plural = _("complaint summaries")
        ordering = ["-start", "kind"]
        constraints = [models.UniqueConstraint(fields=["project", "kind", "start"],
                                               name="desk_complaint_summary_unique")]
