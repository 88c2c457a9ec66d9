"""What every loan records, for a room's own loan model to build on (abstract: no table of its own).

The key room's KeyLoan carries these same fields under these names (it predates this module); a new room's
loan inherits them and adds what only it asks (which archive volume, which tool)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lending.states import Decision, LoanStatus

USER = settings.AUTH_USER_MODEL


class LoanRecord(models.Model):
    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("applicant"))
    holder = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("borrower"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("reason"), max_length=300)
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    chain = models.JSONField(default=list, help_text="Approval steps as resolved when applied.")
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.PENDING)
    applied_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_out_at = models.DateTimeField(_("lent at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    due_rule = models.CharField(max_length=20, blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_intact = models.BooleanField(null=True, blank=True)
    closing_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True


class ApprovalRecord(models.Model):
    """One decided step of a loan's chain; the concrete model adds `loan = ForeignKey(..., related_name="approvals")`
    and a unique (loan, step_index) constraint."""

    step_index = models.PositiveSmallIntegerField()
    step_code = models.CharField(max_length=40)
    step_label = models.CharField(max_length=100)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    approver = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["step_index"]
