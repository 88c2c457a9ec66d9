"""Decoration (装修): the application, engineering's check of structural changes and drawings, approval, fees and
deposit charged, the permit, patrols by zone with violations followed to closure, acceptance, the deposit's refund
(DECOR-1, DECOR-2; 002 篇3 §4.7; 003 篇9 四)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.models import Project, Unit
from core.retention import Retained
from siteoffice.states import DecorationStatus, Severity, ViolationStatus

__all__ = ["Decoration", "DecorationApproval", "Patrol", "Violation"]

USER = settings.AUTH_USER_MODEL


class Decoration(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("application number"), max_length=30)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    owner_name = models.CharField(_("owner"), max_length=100)
    owner_phone = models.CharField(_("owner's phone"), max_length=30)
    contractor = models.CharField(_("contractor"), max_length=100)
    contractor_phone = models.CharField(_("contractor's phone"), max_length=30, blank=True)
    starts = models.DateField(_("decoration from"))
    ends = models.DateField(_("decoration until"))
    works = models.TextField(_("works"), max_length=2000)
    area = models.DecimalField(_("area (㎡)"), max_digits=9, decimal_places=2)
    structural = models.BooleanField(_("structural changes"), default=False)
    structural_detail = models.CharField(_("structural changes"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=DecorationStatus.choices,
                              default=DecorationStatus.PENDING)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    applied_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied at"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    fee_receipt = models.OneToOneField("siteoffice.Receipt", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")
    deposit_receipt = models.OneToOneField("siteoffice.Receipt", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="decoration_deposit")
    permit_number = models.CharField(_("permit number"), max_length=30, blank=True)
    permit_issued_at = models.DateTimeField(_("permit issued at"), null=True, blank=True)
    permit_issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    acceptance_note = models.CharField(_("acceptance"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decoration")
        verbose_name_plural = _("decorations")
        ordering = ["-applied_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "ends"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="siteoffice_decoration_serial_unique"),
            models.UniqueConstraint(fields=["project", "permit_number"], condition=~Q(permit_number=""),
                                    name="siteoffice_permit_number_unique"),
        ]

    def __str__(self) -> str:
        return self.serial


class DecorationApproval(ApprovalRecord):
    decoration = models.ForeignKey(Decoration, on_delete=models.PROTECT, related_name="approvals")
    drawings_checked = models.BooleanField(default=False)

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["decoration", "step_index"],
                                               name="siteoffice_one_decision_per_decoration_step")]


class Patrol(models.Model):
    """One decoration patrol of a zone (组团): who, when, what was seen."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    zone = models.CharField(_("zone"), max_length=30)
    patrolled_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    patrolled_at = models.DateTimeField(_("patrolled at"))
    households = models.PositiveIntegerField(_("households visited"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("decoration patrol")
        verbose_name_plural = _("decoration patrols")
        ordering = ["-patrolled_at", "-pk"]
        indexes = [models.Index(fields=["project", "patrolled_at"])]


class Violation(models.Model):
    """A violation found on a patrol (装修违章), followed to closure: rectified, then re-checked."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    decoration = models.ForeignKey(Decoration, on_delete=models.PROTECT, related_name="violations")
    patrol = models.ForeignKey(Patrol, on_delete=models.PROTECT, related_name="violations")
    description = models.CharField(_("violation"), max_length=500)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    deadline = models.DateField(_("rectify by"))
    status = models.CharField(_("status"), max_length=10, choices=ViolationStatus.choices,
                              default=ViolationStatus.OPEN)
    found_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    found_at = models.DateTimeField(_("found at"))
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    rectified_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rectification = models.CharField(_("rectification"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("re-checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    check_note = models.CharField(_("re-check"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("decoration violation")
        verbose_name_plural = _("decoration violations")
        ordering = ["-found_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "deadline"])]
