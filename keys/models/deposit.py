"""Residents' deposited and sealed keys (KEY-DEPOSIT-1..9): 《业户钥匙寄存登记表》, openings, pickups,
lock changes, custody delegation, and 《单元钥匙交接单》."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit
from core.retention import Retained

from .ledger import KeySet

__all__ = [
    "DEPOSIT_FLOW",
    "OPENING_FLOW",
    "CollectorKind",
    "CustodyDelegation",
    "DepositApproval",
    "DepositCollection",
    "DepositLockChange",
    "DepositStatus",
    "EmergencyKind",
    "KeyDeposit",
    "KeyDepositOpening",
    "OpeningKind",
    "OpeningStatus",
    "UnitKeyHandover",
]


class DepositStatus(models.TextChoices):
    DEPOSITED = "deposited", _("Deposited")
    SEALED = "sealed", _("Sealed")
    OPENING_REQUESTED = "opening_requested", _("Opening requested")
    APPROVED = "approved", _("Opening approved")
    OPENED = "opened", _("Opened, awaiting re-seal")
    RESEALED = "resealed", _("Re-sealed")
    COLLECTED = "collected", _("Collected")
    RETURNED = "returned", _("Returned to the resident")

    @classmethod
    def closed_states(cls) -> frozenset[str]:
        return frozenset({cls.COLLECTED, cls.RETURNED})


DEPOSIT_FLOW = Flow("key-deposit", {
    DepositStatus.DEPOSITED: {DepositStatus.SEALED, DepositStatus.COLLECTED, DepositStatus.RETURNED},
    DepositStatus.SEALED: {DepositStatus.OPENING_REQUESTED, DepositStatus.COLLECTED, DepositStatus.RETURNED},
    DepositStatus.RESEALED: {DepositStatus.OPENING_REQUESTED, DepositStatus.COLLECTED, DepositStatus.RETURNED},
    # A refused request puts the envelope back as it was (sealed).
    DepositStatus.OPENING_REQUESTED: {DepositStatus.APPROVED, DepositStatus.SEALED},
    DepositStatus.APPROVED: {DepositStatus.OPENED},
    DepositStatus.OPENED: {DepositStatus.RESEALED, DepositStatus.COLLECTED, DepositStatus.RETURNED},
})


class OpeningKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    WRITTEN_REQUEST = "written_request", _("Resident's written request")


class EmergencyKind(models.TextChoices):
    FIRE = "fire", _("Fire")
    FLOODING = "flooding", _("Flooding")
    GAS_LEAK = "gas_leak", _("Gas leak")


class OpeningStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    OPENED = "opened", _("Unit entered")
    CLOSED = "closed", _("Left, record signed")


OPENING_FLOW = Flow("deposit-opening", {
    OpeningStatus.REQUESTED: {OpeningStatus.APPROVED, OpeningStatus.REJECTED},
    OpeningStatus.APPROVED: {OpeningStatus.OPENED},
    OpeningStatus.OPENED: {OpeningStatus.CLOSED},
})


class CollectorKind(models.TextChoices):
    RESIDENT = "resident", _("The resident")
    HOUSEKEEPER = "housekeeper", _("Housekeeper")
    HOURLY_WORKER = "hourly_worker", _("Hourly worker")
    RELATIVE = "relative", _("Relative")
    AGENT = "agent", _("Agent")


class KeyDeposit(Retained):
    """One line of 《业户钥匙寄存登记表》 (003 篇8 §4.1(1), §4.4(1)①)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial"), max_length=30, blank=True)
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    key = models.OneToOneField(KeySet, on_delete=models.PROTECT, related_name="deposit")
    pieces = models.PositiveSmallIntegerField(_("pieces"))
    sealed = models.BooleanField(_("sealed"), default=False)
    seal_number = models.CharField(_("seal number"), max_length=40, blank=True)
    seal_history = models.JSONField(default=list, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    may_collect = models.CharField(_("who may collect"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DepositStatus.choices)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deposited_at = models.DateTimeField(_("deposited at"))
    # Temporary deposit to hand to a named third party (003 §4.1(9)).
    is_temporary = models.BooleanField(_("temporary, for a third party"), default=False)
    third_party_name = models.CharField(_("third party"), max_length=100, blank=True)
    third_party_kind = models.CharField(max_length=20, choices=CollectorKind.choices, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    keeper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("key deposit")
        indexes = [models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return self.serial or f"deposit {self.pk}"


class KeyDepositOpening(models.Model):
    """One use of a sealed key: request, approval, witnesses, before/after record (KEY-DEPOSIT-2..4)."""

    deposit = models.ForeignKey(KeyDeposit, on_delete=models.PROTECT, related_name="openings")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=OpeningKind.choices)
    emergency_kind = models.CharField(_("emergency"), max_length=20, choices=EmergencyKind.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=OpeningStatus.choices,
                              default=OpeningStatus.REQUESTED)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    # Written request: confirmed with the unit's responsible person (001 篇15 (4)).
    responsible_confirmed_with = models.CharField(max_length=100, blank=True)
    resident_called_at = models.DateTimeField(_("resident called at"), null=True, blank=True)
    call_outcome = models.CharField(max_length=200, blank=True)
    paperwork_due_at = models.DateTimeField(null=True, blank=True)
    paperwork_completed_at = models.DateTimeField(null=True, blank=True)
    entered_at = models.DateTimeField(null=True, blank=True)
    before_note = models.CharField(max_length=300, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    after_note = models.CharField(max_length=300, blank=True)
    old_seal_number = models.CharField(max_length=40, blank=True)
    new_seal_number = models.CharField(max_length=40, blank=True)
    resealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sealed key opening")


class DepositApproval(models.Model):
    opening = models.ForeignKey(KeyDepositOpening, on_delete=models.CASCADE, related_name="approvals")
    step_index = models.PositiveSmallIntegerField()
    step_label = models.CharField(max_length=100)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    comment = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opening", "step_index"], name="deposit_approval_step_once")]


class DepositCollection(models.Model):
    """Who took the key away and how their identity was checked (KEY-DEPOSIT-5, -7)."""

    deposit = models.OneToOneField(KeyDeposit, on_delete=models.PROTECT, related_name="collection")
    collector_kind = models.CharField(max_length=20, choices=CollectorKind.choices)
    collector_name = models.CharField(max_length=100)
    access_pass_no = models.CharField(max_length=40, blank=True)
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_hint = models.CharField(max_length=8, blank=True)
    consent_called_at = models.DateTimeField(null=True, blank=True)
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collected_at = models.DateTimeField()


class DepositLockChange(models.Model):
    """The resident changed the lock: new key in, old key back; open until done (KEY-DEPOSIT-6)."""

    deposit = models.ForeignKey(KeyDeposit, on_delete=models.PROTECT, related_name="lock_changes")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)
    new_deposit = models.ForeignKey(KeyDeposit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)


class CustodyDelegation(models.Model):
    """The custodian's duties for deposited keys handed to a named person during leave (KEY-DEPOSIT-8)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    custodian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()


class UnitKeyHandover(Retained):
    """《单元钥匙交接单》: unit keys handed to the owner at move-in, both sign (001 篇13 a.1–a.2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    keys_description = models.CharField(_("keys handed over"), max_length=300)
    pieces = models.PositiveSmallIntegerField(_("pieces"))
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_at = models.DateTimeField()
