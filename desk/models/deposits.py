"""Items deposited at the desk or passed on for others, and publications handed out for others (寄存/转交/代发):
only with the supervisor's or department manager's approval; registered, signed in and signed out
(FRONT-3; 002 篇6 §4 不得替任何人寄存或转给任何物品,以及代发刊物,确有需要的,需经客务主管或部门经理批准)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.lending.models import ApprovalRecord
from core.models import Project, Unit

__all__ = ["DEPOSIT_FLOW", "HELD_STATES", "Deposit", "DepositApproval", "DepositKind", "DepositStatus"]

USER = settings.AUTH_USER_MODEL


class DepositKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposited for safekeeping")
    PASS_ON = "pass_on", _("Passed on to another person")
    PUBLICATION = "publication", _("Publication handed out for others")


class DepositStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved, not yet taken in")
    REJECTED = "rejected", _("Rejected")
    HELD = "held", _("Held at the desk")
    RELEASED = "released", _("Handed out")


DEPOSIT_FLOW = Flow("desk.deposit", {
    DepositStatus.PENDING: {DepositStatus.APPROVED, DepositStatus.REJECTED},
    DepositStatus.APPROVED: {DepositStatus.HELD},
    DepositStatus.HELD: {DepositStatus.RELEASED},
})
HELD_STATES = (DepositStatus.HELD,)


class Deposit(models.Model):
    """One line of the 寄存登记表: what, from whom, for whom; approved; signed in by the depositor; signed out."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=DepositKind.choices)
    description = models.CharField(_("items"), max_length=200)
    pieces = models.PositiveSmallIntegerField(_("pieces"))
    depositor_name = models.CharField(_("deposited by"), max_length=100)
    depositor_phone = models.CharField(_("phone"), max_length=30, blank=True)
    recipient_name = models.CharField(_("for"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("registered at"))
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DepositStatus.choices,
                              default=DepositStatus.PENDING)
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_in_at = models.DateTimeField(_("taken in at"), null=True, blank=True)
    taken_in_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    released_at = models.DateTimeField(_("handed out at"), null=True, blank=True)
    released_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    collector_name = models.CharField(_("collected by"), max_length=100, blank=True)
    collector_id_hint = models.CharField(_("ID number (last four)"), max_length=4, blank=True)
    collector_id_cipher = models.TextField(blank=True)

    class Meta:
        verbose_name = _("deposited item")
        verbose_name_plural = _("deposited items")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_deposit_serial_unique"),
            models.CheckConstraint(condition=models.Q(pieces__gte=1), name="desk_deposit_pieces_positive"),
            # Nothing is taken in without an approval on record (FRONT-3).
            models.CheckConstraint(name="desk_deposit_held_only_approved", condition=(
                ~models.Q(status__in=["held", "released"]) | models.Q(approved_at__isnull=False))),
        ]
        indexes = [models.Index(fields=["project", "status"]), models.Index(fields=["project", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.description}"

    @property
    def ref(self) -> str:
        return f"deposit:{self.pk}"


class DepositApproval(ApprovalRecord):
    deposit = models.ForeignKey(Deposit, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["deposit", "step_index"], name="one_decision_per_deposit_step")]
