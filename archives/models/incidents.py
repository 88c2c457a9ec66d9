"""Loss, damage or leak of an archive (ARCH-6) and outsiders reading archives (ARCH-8)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord

from .catalogue import Volume
from .lending import ArchiveLoan

USER = settings.AUTH_USER_MODEL


class IncidentKind(models.TextChoices):
    LOST = "lost", _("Lost")
    DAMAGED = "damaged", _("Damaged")
    LEAKED = "leaked", _("Confidential material leaked")


class Accountability(models.TextChoices):
    NONE = "none", _("No fault found")
    WARNING = "warning", _("Criticised and warned")
    ADMINISTRATIVE = "administrative", _("Administrative responsibility")
    LEGAL = "legal", _("Referred for legal responsibility")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    DECIDED = "decided", _("Decided")


class ArchiveIncident(models.Model):
    """A written report (书面报告) of an archive lost, damaged or leaked, and the decision on accountability."""

    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("report number"), max_length=30, unique=True)
    volume = models.ForeignKey(Volume, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("volume"))
    loan = models.ForeignKey(ArchiveLoan, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents")
    kind = models.CharField(_("what happened"), max_length=10, choices=IncidentKind.choices)
    report = models.TextField(_("written report"), max_length=2000)
    responsible = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("person responsible"))
    responsible_name = models.CharField(_("person responsible"), max_length=100, blank=True)
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"))
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices,
                              default=IncidentStatus.OPEN)
    accountability = models.CharField(_("accountability"), max_length=16, choices=Accountability.choices,
                                      blank=True)
    decision_note = models.CharField(_("decision"), max_length=300, blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("archive incident")
        verbose_name_plural = _("archive incidents")
        indexes = [models.Index(fields=["project", "status", "reported_at"])]

    def __str__(self) -> str:
        return self.serial


class OutsiderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a leader's approval")
    APPROVED = "approved", _("Approved, awaiting the visit")
    READING = "reading", _("Reading in the archive room")
    CLOSED = "closed", _("Finished")
    REJECTED = "rejected", _("Rejected")


class OutsiderReading(models.Model):
    """A person of another unit reading a volume in the archive room: introduction letter (a scanned attachment,
    encrypted), ID (encrypted, masked), a leader's approval, counted out and back (ARCH-8; 002 篇1 §1.2.8)."""

    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("registration number"), max_length=30, unique=True)
    volume = models.ForeignKey(Volume, on_delete=models.PROTECT, related_name="outsider_readings",
                               verbose_name=_("volume"))
    visitor_name = models.CharField(_("visitor"), max_length=60)
    visitor_unit = models.CharField(_("visitor's unit"), max_length=100)
    id_number_cipher = models.TextField(blank=True)
    id_number_hint = models.CharField(_("ID number (last four)"), max_length=4, blank=True)
    purpose = models.CharField(_("reason"), max_length=300)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OutsiderStatus.choices,
                              default=OutsiderStatus.PENDING)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"))
    approved_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(_("reading began"), null=True, blank=True)
    items_out = models.PositiveIntegerField(null=True, blank=True)
    ended_at = models.DateTimeField(_("reading ended"), null=True, blank=True)
    items_in = models.PositiveIntegerField(null=True, blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outsider's reading")
        verbose_name_plural = _("outsiders' readings")
        indexes = [models.Index(fields=["project", "status", "registered_at"])]

    def __str__(self) -> str:
        return self.serial


class OutsiderApproval(ApprovalRecord):
    reading = models.ForeignKey(OutsiderReading, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["reading", "step_index"], name="one_decision_per_outsider_step")]
