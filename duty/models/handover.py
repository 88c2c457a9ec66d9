"""Shift handover (交接班): the sheet, items counted face to face, refusals, equipment operations,
carried-forward work (HANDOVER-1..8)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project
from core.retention import Retained

__all__ = ["CarryItem", "EquipmentOperation", "Handover", "HandoverCount", "HandoverItem", "HandoverRefusal",
           "HandoverStatus", "HANDOVER_FLOW", "ItemCategory", "ItemCondition", "OperationKind"]

USER = settings.AUTH_USER_MODEL


class HandoverStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    READY = "ready", _("Ready to hand over")
    COMPLETED = "completed", _("Completed")


# A refusal changes no state: it is a row in HandoverRefusal, never a status (HANDOVER-5).
HANDOVER_FLOW = Flow("duty-handover", {
    HandoverStatus.PREPARING: {HandoverStatus.READY},
    HandoverStatus.READY: {HandoverStatus.COMPLETED, HandoverStatus.PREPARING},
})


class ItemCategory(models.TextChoices):
    """Public items counted face to face (004 H; 002 篇2 §1.5; 003 篇3 (二)1(1))."""

    RADIO = "radio", _("Radios")  # 对讲机/通讯器材
    KEY = "key", _("Keys")  # 钥匙(含前台、样板间钥匙)
    LOGBOOK = "logbook", _("Logbook")  # 值班记录本
    OFFICE_SUPPLIES = "office_supplies", _("Office supplies")  # 办公用品
    PROPERTY_HELD = "property_held", _("Property held for others")  # 保管、扣押他人之财物
    DOCUMENTS = "documents", _("Documents")  # 资料
    OTHER = "other", _("Other")


class ItemCondition(models.TextChoices):
    OK = "ok", _("In order")
    DAMAGED = "damaged", _("Damaged")
    MISSING = "missing", _("Missing")


class OperationKind(models.TextChoices):
    START = "start", _("Start-up")
    STOP = "stop", _("Shut-down")


class HandoverItem(models.Model):
    """A project's list of items counted at every handover; seeded from a policy, then edited (HANDOVER-2).

    An item with `key_category` expects the number of keys of that category on the hook (front-desk,
    model-unit keys), read from the key ledger when the handover starts."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("item"), max_length=60)
    category = models.CharField(_("category"), max_length=20, choices=ItemCategory.choices)
    quantity = models.PositiveIntegerField(_("expected quantity"), default=1)
    key_category = models.CharField(_("key category"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="duty_handover_item_unique")]

    def __str__(self) -> str:
        return self.name


class Handover(Retained):
    """One shift handover between an outgoing and an incoming person: preparing → ready → completed.

    `snapshot` keeps what the sheet showed (open events, instructions, key loans, carried work) as it
    was when the handover was completed, so later changes in the log do not rewrite the record."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=HandoverStatus.choices,
                              default=HandoverStatus.PREPARING)
    shift_code = models.CharField(_("shift"), max_length=20, blank=True)
    shift_change_at = models.DateTimeField(_("shift change"))
    outgoing = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("outgoing"))
    incoming = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("incoming"))
    original_incoming = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    # HANDOVER-3: the server records the arrival; the required time is kept with it (policy may change later).
    arrived_at = models.DateTimeField(_("incoming arrived at"), null=True, blank=True)
    arrive_by = models.DateTimeField(_("incoming due by"), null=True, blank=True)
    arrived_late = models.BooleanField(_("arrived late"), default=False)
    # HANDOVER-1 checklist; "items counted" is derived from the count rows.
    records_read = models.BooleanField(_("records read"), default=False)
    equipment_checked = models.BooleanField(_("equipment checked"), default=False)
    environment_checked = models.BooleanField(_("front desk environment checked"), default=False)
    public_repairs = models.TextField(_("public-area repairs"), blank=True)
    notes = models.TextField(_("other matters"), blank=True)
    snapshot = models.JSONField(default=dict)
    # HANDOVER-5: the incoming person declared unfit (drinking, impaired); a supervisor names a substitute.
    unfit_declared_at = models.DateTimeField(null=True, blank=True)
    unfit_declared_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unfit_reason = models.CharField(_("reason"), max_length=300, blank=True)
    substitute_named_at = models.DateTimeField(null=True, blank=True)
    substitute_named_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    released_at = models.DateTimeField(_("outgoing released at"), null=True, blank=True)
    late_minutes = models.PositiveIntegerField(_("minutes late"), default=0)

    class Meta:
        verbose_name = _("shift handover")
        verbose_name_plural = _("shift handovers")
        indexes = [models.Index(fields=["project", "status"]), models.Index(fields=["project", "shift_change_at"])]
        constraints = [
            # One open handover per outgoing person at a time: a second sheet would split the count.
            models.UniqueConstraint(fields=["project", "outgoing"], condition=~Q(status="completed"),
                                    name="duty_one_open_handover_per_outgoing"),
            models.CheckConstraint(condition=~Q(outgoing=models.F("incoming")), name="duty_handover_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.outgoing} → {self.incoming} {self.shift_change_at:%Y-%m-%d %H:%M}"

    @property
    def is_late(self) -> bool:
        return self.late_minutes > 0


class HandoverCount(models.Model):
    """One item counted face to face: expected vs counted, its condition, the outgoing person's
    explanation of damage or a shortfall (HANDOVER-2, HANDOVER-7)."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="counts")
    item = models.ForeignKey(HandoverItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("item"), max_length=60)
    category = models.CharField(_("category"), max_length=20, choices=ItemCategory.choices)
    expected = models.PositiveIntegerField(_("expected"))
    counted = models.PositiveIntegerField(_("counted"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=10, choices=ItemCondition.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    counted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("handover count")
        verbose_name_plural = _("handover counts")
        ordering = ["pk"]

    @property
    def discrepancy(self) -> bool:
        return self.counted is not None and (self.counted != self.expected or self.condition != ItemCondition.OK)


class HandoverRefusal(models.Model):
    """A refused handover with every reason given (HANDOVER-5, HANDOVER-7). Append-only."""

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="refusals")
    attempted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    attempted_at = models.DateTimeField()
    reasons = models.JSONField(default=list)  # [{"code", "message", "rule", "clause"}]

    class Meta:
        verbose_name = _("refused handover")
        verbose_name_plural = _("refused handovers")
        ordering = ["-attempted_at", "-pk"]


class EquipmentOperation(Retained):
    """Major equipment being started or stopped: while one is open, no shift is handed over (HANDOVER-5)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    equipment = models.CharField(_("equipment"), max_length=100)
    kind = models.CharField(_("operation"), max_length=10, choices=OperationKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("equipment operation")
        verbose_name_plural = _("equipment operations")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["project", "finished_at"])]


class CarryItem(models.Model):
    """Unfinished work a shift leaves for the next: listed on later handovers and the hub until done (HANDOVER-8)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="carry_items")
    text = models.CharField(_("unfinished work"), max_length=300)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    done_note = models.CharField(_("how it was finished"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("carried-forward item")
        verbose_name_plural = _("carried-forward items")
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["project", "done_at"])]
