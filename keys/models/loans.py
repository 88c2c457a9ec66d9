"""Loans and their approvals (KEY-LOAN-1..10, KEY-LOAN-12)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.lending.states import Decision  # noqa: F401  (re-exported: keys.models.Decision)
from core.models import Project
from core.retention import Retained
from keys.categories import Category, FormKind
from keys.states import LoanStatus

from .ledger import KeySet

USER = settings.AUTH_USER_MODEL


class PurposeKind(models.TextChoices):
    REPAIR = "repair", _("Repair")
    INSPECTION = "inspection", _("Inspection")
    CLEANING = "cleaning", _("Cleaning")
    VIEWING = "viewing", _("Viewing the unit")
    DECORATION = "decoration", _("Decoration supervision")
    EMERGENCY = "emergency", _("Emergency")
    OTHER_WORK = "other_work", _("Other work")


class KeyLoan(Retained):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="loans")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    form_kind = models.CharField(_("form"), max_length=10, choices=FormKind.choices)
    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="key_loans")
    holder = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="held_keys",
                               help_text=_("Who holds the key now; changes only by an approved transfer."))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    contractor_name = models.CharField(_("contractor"), max_length=100, blank=True)
    contractor_company = models.CharField(_("contractor company"), max_length=200, blank=True)
    purpose_kind = models.CharField(_("kind of work"), max_length=20, choices=PurposeKind.choices)
    purpose = models.CharField(_("reason"), max_length=300)
    address = models.CharField(_("address"), max_length=200, blank=True)
    owner_name = models.CharField(_("owner name"), max_length=100, blank=True)
    key_name = models.CharField(_("key name"), max_length=200, blank=True)
    room_number = models.CharField(_("room number"), max_length=40, blank=True)
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    is_important = models.BooleanField(_("important customer or special case"), default=False)
    is_emergency = models.BooleanField(_("emergency"), default=False)
    off_premises = models.BooleanField(_("taken off the premises"), default=False)
    paperwork_due_at = models.DateTimeField(null=True, blank=True)
    paperwork_completed_at = models.DateTimeField(null=True, blank=True)
    chain = models.JSONField(default=list, help_text="Approval steps as resolved when applied.")
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.PENDING)
    applied_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pieces_out = models.PositiveSmallIntegerField(null=True, blank=True)
    checked_out_at = models.DateTimeField(_("lent at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, db_index=True)
    due_rule = models.CharField(max_length=20, blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pieces_in = models.PositiveSmallIntegerField(null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_intact = models.BooleanField(null=True, blank=True)
    power_off = models.BooleanField(null=True, blank=True)
    windows_closed = models.BooleanField(null=True, blank=True)
    door_locked = models.BooleanField(null=True, blank=True)
    closing_note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("key loan")
        verbose_name_plural = _("key loans")
        constraints = [
            # The two-clerks-one-key race is settled by the database, not only by Python (KEY-LOAN-5).
            models.UniqueConstraint(fields=["key"], condition=Q(status="lent"), name="one_open_loan_per_key"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")), name="loan_period_ordered"),
        ]
        indexes = [
            models.Index(fields=["project", "status", "due_at"]),
            models.Index(fields=["project", "applied_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.key.number}"

    @property
    def is_viewing(self) -> bool:
        return self.purpose_kind == PurposeKind.VIEWING


class LoanApproval(ApprovalRecord):
    """One decided step of a key loan's chain (core.approvals)."""

    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="approvals")
    after_the_fact = models.BooleanField(default=False, help_text="Paperwork completed after an emergency loan.")
    is_emergency_release = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["loan", "step_index"], name="one_decision_per_step")]
        ordering = ["step_index"]
