"""What follows a loan: extensions, transfers, incidents, faults, follow-up notes."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from keys.states import FollowStatus, RequestStatus

from .ledger import KeySet
from .loans import KeyLoan

USER = settings.AUTH_USER_MODEL


class LoanExtension(models.Model):
    """KEY-LOAN-8: asked before the deadline, approved by the custodian department."""

    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    new_due_at = models.DateTimeField(_("new due time"))
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(max_length=300, blank=True)


class LoanTransfer(models.Model):
    """KEY-LOAN-9: handing a lent key to someone else, only with prior approval by 行政部."""

    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="transfers")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    to_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(max_length=300, blank=True)


class IncidentKind(models.TextChoices):
    PIECES_MISMATCH = "pieces_mismatch", _("Piece count does not match")
    WRONG_KEY = "wrong_key", _("Returned key is not the one lent")
    NOT_INTACT = "not_intact", _("Key returned damaged")


class LoanIncident(models.Model):
    """KEY-LOAN-10: a mismatch at return, naming the responsible person, followed to resolution."""

    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    responsible = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    expected = models.CharField(max_length=100)
    actual = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=FollowStatus.choices, default=FollowStatus.OPEN)
    resolution = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)


class FaultKind(models.TextChoices):
    WONT_OPEN = "wont_open", _("Does not open the lock")
    DAMAGED = "damaged", _("Damaged")
    OTHER = "other", _("Other")


class KeyFault(models.Model):
    """KEY-LOAN-11: a fault met in use, reported and followed up."""

    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="faults")
    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, null=True, blank=True, related_name="faults")
    kind = models.CharField(_("fault"), max_length=20, choices=FaultKind.choices)
    description = models.CharField(_("description"), max_length=300)
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=FollowStatus.choices, default=FollowStatus.OPEN)
    resolution = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)


class LoanFollowUp(models.Model):
    """KEY-LOAN-7: why a same-day key is not back yet, and each chase until it is."""

    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="follow_ups")
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()
    note = models.CharField(_("reason / follow-up"), max_length=300)
