"""Archive loans (ARCH-5, ARCH-7): a volume lent to a member of staff, or read in the archive room, through the
house's lending engine (core.lending) and approval chain (core.approvals)."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord, LoanRecord

from .catalogue import Volume


class LoanKind(models.TextChoices):
    BORROW = "borrow", _("Borrowed (kept within the company)")  # 借阅: 限期归还，不得带出公司
    READING = "reading", _("Read in the archive room")  # 查阅: 只阅不借


class ArchiveLoan(LoanRecord):
    volume = models.ForeignKey(Volume, on_delete=models.PROTECT, related_name="loans", verbose_name=_("volume"))
    kind = models.CharField(_("kind"), max_length=10, choices=LoanKind.choices)
    items_out = models.PositiveIntegerField(_("items counted out"), null=True, blank=True)
    items_in = models.PositiveIntegerField(_("items counted back"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive loan")
        verbose_name_plural = _("archive loans")
        constraints = [
            # One volume, one reader at a time: two archivists lending it at once, one wins (ARCH-5).
            models.UniqueConstraint(fields=["volume"], condition=Q(status="lent"), name="one_open_loan_per_volume"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")),
                                   name="archive_loan_period_ordered"),
        ]
        indexes = [
            models.Index(fields=["project", "status", "due_at"]),  # the overdue register and its sweep
            models.Index(fields=["holder", "status"]),  # a departing employee's clearance (ARCH-7)
            models.Index(fields=["project", "applied_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.volume.number}"


class ArchiveLoanApproval(ApprovalRecord):
    loan = models.ForeignKey(ArchiveLoan, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["loan", "step_index"], name="one_decision_per_archive_step")]
