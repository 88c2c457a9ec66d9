"""Lost and damaged keys (KEY-LOSS-1..3), repair-period key pickups and the developer's confirmation
(KEY-REPAIR-1), and duplicating vacant-unit keys (KEY-VACANT-1)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident
from core.retention import Retained

from .ledger import KeySet
from .loans import KeyLoan

USER = settings.AUTH_USER_MODEL

__all__ = [
    "DUPLICATION_FLOW", "LOSS_FLOW", "DeveloperConfirmation", "DuplicationRequest", "DuplicationStatus",
    "LossKind", "LossMeasure", "LossReport", "LossStatus", "MeasureKind", "PickupIdKind", "PickupRelation",
    "RepairPickup",
]


class LossKind(models.TextChoices):
    LOST = "lost", _("Lost")
    DAMAGED = "damaged", _("Damaged")


class LossStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_REPAIR = "in_repair", _("In repair")
    CLOSED = "closed", _("Closed")


LOSS_FLOW = Flow("loss", {
    LossStatus.OPEN: {LossStatus.IN_REPAIR, LossStatus.CLOSED},
    LossStatus.IN_REPAIR: {LossStatus.CLOSED},
})


class MeasureKind(models.TextChoices):
    SEARCH = "search", _("Search for the key")
    LOCK_CHANGE = "lock_change", _("Lock change")
    REPLACEMENT = "replacement", _("Replacement key cut")
    RESIDENT_INFORMED = "resident_informed", _("Resident informed")
    PROTECTION = "protection", _("Protective measure")
    OTHER = "other", _("Other measure")


class LossReport(Retained):
    """One report of a lost or damaged key, from the report to its closure (《钥匙丢失情况说明》)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="loss_reports")
    kind = models.CharField(_("kind"), max_length=10, choices=LossKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=LossStatus.choices, default=LossStatus.OPEN)
    loan = models.ForeignKey(KeyLoan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pieces = models.PositiveSmallIntegerField(_("pieces concerned"))
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 help_text=_("The borrower or holder who lost or damaged the key."))
    place = models.CharField(_("place"), max_length=200)
    occurred_when = models.CharField(_("when it happened (as stated)"), max_length=100)
    circumstances = models.TextField(_("circumstances"))
    whereabouts = models.CharField(_("possible whereabouts"), max_length=200, blank=True)
    handle_by = models.DateTimeField(_("to be handled by"), db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    duty_entry_id = models.BigIntegerField(null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True)
    statement_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    statement_at = models.DateTimeField(null=True, blank=True)
    # Damage (KEY-LOSS-2)
    repairable = models.BooleanField(_("repairable"), null=True, blank=True)
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessment_note = models.CharField(_("assessment"), max_length=300, blank=True)
    repair_sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    repair_sent_at = models.DateTimeField(null=True, blank=True)
    repaired_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    repaired_at = models.DateTimeField(null=True, blank=True)
    repair_note = models.CharField(_("repair note"), max_length=300, blank=True)
    # Compensation and payment (KEY-LOSS-2, KEY-LOSS-3)
    compensation = models.DecimalField(_("compensation"), max_digits=10, decimal_places=2, null=True, blank=True)
    compensation_basis = models.CharField(_("basis of the compensation"), max_length=300, blank=True)
    compensation_set_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    compensation_set_at = models.DateTimeField(null=True, blank=True)
    paid_amount = models.DecimalField(_("amount paid"), max_digits=10, decimal_places=2, null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)
    payment_received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    paid_at = models.DateTimeField(null=True, blank=True)
    # Security reassessment after a loss (KEY-LOSS-3)
    patrols_increased = models.BooleanField(null=True, blank=True)
    lock_changed = models.BooleanField(null=True, blank=True)
    reassessment = models.TextField(_("security reassessment"), blank=True)
    reassessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reassessed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("key loss report")
        verbose_name_plural = _("key loss reports")
        constraints = [
            # One open report per key: a second report of the same key joins the first.
            models.UniqueConstraint(fields=["key"], condition=~models.Q(status="closed"),
                                    name="one_open_loss_report_per_key"),
        ]
        indexes = [models.Index(fields=["project", "status", "handle_by"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key.number}"


class LossMeasure(models.Model):
    """An immediate measure taken on a report: search, lock change, replacement (KEY-LOSS-1)."""

    report = models.ForeignKey(LossReport, on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    description = models.CharField(_("description"), max_length=300)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    duty_entry_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]


class PickupRelation(models.TextChoices):
    OWNER = "owner", _("The owner in person")
    FAMILY = "family", _("Family member")
    AGENT = "agent", _("Agent")


class PickupIdKind(models.TextChoices):
    ID_CARD = "id_card", _("ID card")
    OWNER_CERTIFICATE = "owner_certificate", _("Owner certificate")
    AUTHORIZATION = "authorization", _("Authorization letter")


class RepairPickup(Retained):
    """A line of 《返修钥匙领取登记表》: a resident takes back a repair-period key (KEY-REPAIR-1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="repair_pickups")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    picker_name = models.CharField(_("collected by"), max_length=100)
    relation = models.CharField(_("relation"), max_length=10, choices=PickupRelation.choices)
    id_kind = models.CharField(_("identity document"), max_length=20, choices=PickupIdKind.choices)
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_hint = models.CharField(max_length=8, blank=True, editable=False)
    certificate_number = models.CharField(_("certificate or letter number"), max_length=60, blank=True)
    owner_consent_at = models.DateTimeField(_("owner consent by phone at"), null=True, blank=True)
    pieces = models.PositiveSmallIntegerField(_("pieces"))
    picked_up_at = models.DateTimeField(_("collected at"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("repair-period key pickup")
        indexes = [models.Index(fields=["project", "picked_up_at"])]


class DeveloperConfirmation(models.Model):
    """The developer's written confirmation that a contractor may borrow a repair key (KEY-REPAIR-1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="developer_confirmations")
    contractor_company = models.CharField(_("contractor company"), max_length=200)
    developer_company = models.CharField(_("developer company"), max_length=200)
    developer_contact = models.CharField(_("developer contact"), max_length=100)
    reference = models.CharField(_("reference"), max_length=100)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "valid_until"])]


class DuplicationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved, to be cut")
    REJECTED = "rejected", _("Rejected")
    CUT = "cut", _("Cut and recorded")


DUPLICATION_FLOW = Flow("duplication", {
    DuplicationStatus.PENDING: {DuplicationStatus.APPROVED, DuplicationStatus.REJECTED},
    DuplicationStatus.APPROVED: {DuplicationStatus.CUT},
})


class DuplicationRequest(Retained):
    """Asking to cut duplicates of a vacant-unit key; nothing is cut without the head's approval (KEY-VACANT-1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="duplication_requests")
    reason = models.CharField(_("reason"), max_length=300)
    count = models.PositiveSmallIntegerField(_("pieces to cut"))
    status = models.CharField(_("status"), max_length=10, choices=DuplicationStatus.choices,
                              default=DuplicationStatus.PENDING)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("comment"), max_length=300, blank=True)
    cut_recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cut_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(count__gte=1), name="duplication_count_positive")]
