"""The daily review of unreturned keys and the periodic inventory (KEY-DAILY-1, KEY-DAILY-2)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from keys.states import FollowStatus

from .ledger import KeySet
from .loans import KeyLoan

USER = settings.AUTH_USER_MODEL


class DailyReview(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()
    expected_on_hook = models.PositiveIntegerField()
    counted_on_hook = models.PositiveIntegerField(_("keys counted on the hooks"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "day"], name="one_daily_review_per_day")]


class DailyReviewEntry(models.Model):
    review = models.ForeignKey(DailyReview, on_delete=models.PROTECT, related_name="entries")
    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, related_name="+")
    overdue = models.BooleanField()
    reason = models.CharField(_("reason"), max_length=300)


class InventoryKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly self-check")
    MONTHLY = "monthly", _("Monthly full inventory")


class InventoryStatus(models.TextChoices):
    COUNTING = "counting", _("Counting")
    RECONCILING = "reconciling", _("Discrepancies open")
    CLOSED = "closed", _("Closed")


class InventoryCount(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=InventoryKind.choices)
    department = models.CharField(max_length=20)
    categories = models.JSONField(default=list)
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=InventoryStatus.choices, default=InventoryStatus.COUNTING)


class LineResult(models.TextChoices):
    PRESENT = "present", _("Present and complete")
    PIECES_MISMATCH = "pieces_mismatch", _("Piece count differs")
    MISSING = "missing", _("Missing from its hook")
    OUT_ON_LOAN = "out_on_loan", _("Out on a recorded loan")
    FAULTY = "faulty", _("On its hook but does not work")  # KEY-DAILY-3: 功能性


class InventoryLine(models.Model):
    count = models.ForeignKey(InventoryCount, on_delete=models.PROTECT, related_name="lines")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="+")
    expected_status = models.CharField(max_length=20)
    expected_pieces = models.PositiveSmallIntegerField()
    counted_pieces = models.PositiveSmallIntegerField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=LineResult.choices, blank=True)
    works = models.BooleanField(_("key works"), null=True, blank=True,
                                help_text="KEY-DAILY-3: checked for every key found on its hook; None when not found.")
    discrepancy = models.BooleanField(default=False)
    follow_status = models.CharField(max_length=10, choices=FollowStatus.choices, blank=True)
    resolution = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["count", "key"], name="inventory_line_unique")]
