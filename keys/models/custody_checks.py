"""Shift key handover slips (KEY-SHIFT-1) and supervisory custody checks with findings (KEY-CHECK-1)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Project
from core.retention import Retained
from keys.states import FollowStatus

from .ledger import KeySet
from .registers import InventoryCount

USER = settings.AUTH_USER_MODEL

__all__ = [
    "CheckFinding",
    "CheckKind",
    "CheckStatus",
    "CustodyCheck",
    "FindingStatus",
    "ShiftKeyItem",
    "ShiftKeySlip",
    "ShiftKeySlipLine",
    "SlipKind",
    "SlipStatus",
]


class ShiftKeyItem(models.Model):
    """One area key on the project's list of keys the shifts collect and return (editable)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(default=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="shift_key_item_unique")]


class SlipKind(models.TextChoices):
    COLLECT = "collect", _("Early shift collects from the control room")  # 早班到中控室领取
    RETURN = "return", _("Middle shift returns to the control room")  # 中班交回中控室
    FRONT_DESK = "front_desk", _("Daily front-desk key handover")  # 前台钥匙每天交接


class SlipStatus(models.TextChoices):
    OUT = "out", _("Keys out with the shift")
    RETURNED = "returned", _("Returned")
    SIGNED = "signed", _("Signed")


class ShiftKeySlip(Retained):
    """《钥匙交接单》: which keys, from whom to whom, counted against the ledger, signed by both."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=SlipKind.choices)
    day = models.DateField(_("day"))
    collected = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="returned_by_slip",
                                     help_text="For a return slip: the collect slip it closes.")
    handed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    status = models.CharField(_("status"), max_length=10, choices=SlipStatus.choices)
    expected_pieces = models.PositiveIntegerField()
    counted_pieces = models.PositiveIntegerField()
    explanation = models.CharField(_("explanation of the difference"), max_length=300, blank=True)
    follow_status = models.CharField(max_length=10, choices=FollowStatus.choices, blank=True)
    resolution = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("key handover slip")
        indexes = [models.Index(fields=["project", "kind", "day"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def mismatch(self) -> bool:
        return self.expected_pieces != self.counted_pieces


class ShiftKeySlipLine(models.Model):
    slip = models.ForeignKey(ShiftKeySlip, on_delete=models.PROTECT, related_name="lines")
    key = models.ForeignKey(KeySet, on_delete=models.PROTECT, related_name="+")
    ledger_pieces = models.PositiveSmallIntegerField()
    counted_pieces = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slip", "key"], name="shift_slip_line_unique")]


class CheckKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly self-check by Customer Service")  # 客服部每周自查
    MONTHLY = "monthly", _("Monthly check by Administration")  # 行政部每月检查
    SPOT = "spot", _("Unannounced spot check by management")  # 公司管理层不定期抽查 (KEY-CHECK-2)


class CheckStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    DONE = "done", _("Done")


class CustodyCheck(Retained):
    """A supervisory review of ledger, storage and returns for one period (000 §6)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=CheckKind.choices)
    department = models.CharField(max_length=20)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    checklist = models.JSONField(default=list, help_text="Items as resolved from the policy when started.")
    results = models.JSONField(default=dict, help_text="item code → {ok, note}")
    inventory = models.ForeignKey(InventoryCount, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=CheckStatus.choices, default=CheckStatus.OPEN)
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("custody check")
        constraints = [models.UniqueConstraint(fields=["project", "kind", "period_start"],
                                               condition=~models.Q(kind="spot"),
                                               name="one_custody_check_per_period")]


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CheckFinding(models.Model):
    """A problem found by a check: an owner, a rectification deadline, followed to closure."""

    check_record = models.ForeignKey(CustodyCheck, on_delete=models.PROTECT, related_name="findings")
    item = models.CharField(max_length=40, blank=True)
    description = models.CharField(_("finding"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(_("rectify by"))
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    action_taken = models.CharField(_("what was done"), max_length=300, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
