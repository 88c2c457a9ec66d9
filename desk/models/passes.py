"""Goods-release passes (物品放行条) and access passes (出入证) of the front desk, checked by the guard at the
gate (PASS-1; 003 篇9 三.1 开物品放行条、办理出入证; 003 篇11 §4.6.14 请出示放行条)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.lending.models import ApprovalRecord
from core.models import Project, ResidentKind, Unit

__all__ = ["ACCESS_FLOW", "GOODS_FLOW", "AccessPass", "AccessPassCheck", "AccessStatus", "ConsentMethod",
           "GoodsPass", "GoodsPassApproval", "GoodsStatus"]

USER = settings.AUTH_USER_MODEL


class GoodsStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved, goods not yet out")
    USED = "used", _("Goods let out")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


# A pass is decided once, used once at the gate; revoked only before it is used.
GOODS_FLOW = Flow("desk.goods-pass", {
    GoodsStatus.PENDING: {GoodsStatus.APPROVED, GoodsStatus.REJECTED, GoodsStatus.REVOKED},
    GoodsStatus.APPROVED: {GoodsStatus.USED, GoodsStatus.REVOKED},
})


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the desk")
    PHONE = "phone", _("By phone to the desk")
    WRITTEN = "written", _("In writing (signed note)")


class GoodsPass(models.Model):
    """One 物品放行条: who takes what out of which unit on which day, approved as the project's policy says
    (a tenant's goods with the owner's consent on record), checked and let out once by the guard."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("pass number"), max_length=30)
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    applicant_kind = models.CharField(_("applicant is"), max_length=10, choices=ResidentKind.choices)
    applicant_name = models.CharField(_("applicant"), max_length=60)
    applicant_phone = models.CharField(_("phone"), max_length=30, blank=True)
    # [{"name": "冰箱", "quantity": 1}] — what the guard compares with what goes out.
    goods = models.JSONField(_("goods"), default=list)
    vehicle_plate = models.CharField(_("vehicle plate"), max_length=12, blank=True)
    exit_date = models.DateField(_("date of exit"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GoodsStatus.choices, default=GoodsStatus.PENDING)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("registered by"))
    registered_at = models.DateTimeField(_("registered at"))
    # The owner's consent to a tenant's goods leaving: who gave it, how, taken down by whom and when.
    owner_consent = models.BooleanField(_("owner consents"), null=True, blank=True)
    owner_name = models.CharField(_("owner"), max_length=60, blank=True)
    owner_consent_method = models.CharField(_("consent given"), max_length=10, choices=ConsentMethod.choices,
                                            blank=True)
    owner_consent_note = models.CharField(_("consent note"), max_length=300, blank=True)
    owner_consent_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    owner_consent_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    exited_at = models.DateTimeField(_("let out at"), null=True, blank=True)
    exit_guard = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("guard"))
    discrepancy = models.CharField(_("discrepancy"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    revoke_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("goods-release pass")
        verbose_name_plural = _("goods-release passes")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_goods_pass_serial_unique"),
            # Let out once: a used pass has its exit, and only a used pass has one.
            models.CheckConstraint(condition=models.Q(status="used", exited_at__isnull=False)
                                   | (~models.Q(status="used") & models.Q(exited_at__isnull=True)),
                                   name="desk_goods_pass_exit_iff_used"),
        ]
        indexes = [models.Index(fields=["project", "status", "exit_date"]),
                   models.Index(fields=["project", "registered_at"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def ref(self) -> str:
        return f"goods_pass:{self.pk}"


class GoodsPassApproval(ApprovalRecord):
    goods_pass = models.ForeignKey(GoodsPass, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["goods_pass", "step_index"],
                                               name="one_decision_per_goods_pass_step")]


class AccessStatus(models.TextChoices):
    ACTIVE = "active", _("Issued")
    RETURNED = "returned", _("Returned")
    REVOKED = "revoked", _("Revoked")


ACCESS_FLOW = Flow("desk.access-pass", {AccessStatus.ACTIVE: {AccessStatus.RETURNED, AccessStatus.REVOKED}})


class AccessPass(models.Model):
    """One 出入证 of a contractor's worker or a temporary worker: name, ID (encrypted, shown masked), company,
    where they work, valid from/until; the guard checks it at the gate; handed back or revoked. Expiry is a
    query on `valid_until`, never a flipped status."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("pass number"), max_length=30)
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    holder_name = models.CharField(_("holder"), max_length=60)
    id_number_cipher = models.TextField(blank=True)
    id_number_hint = models.CharField(_("ID number (last four)"), max_length=4)
    company_name = models.CharField(_("company"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    area = models.CharField(_("area"), max_length=100, blank=True)
    purpose = models.CharField(_("work"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=10, choices=AccessStatus.choices, default=AccessStatus.ACTIVE)
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("issued at"))
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access pass")
        verbose_name_plural = _("access passes")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "serial"], name="desk_access_pass_serial_unique"),
            models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("valid_from")),
                                   name="desk_access_pass_period_ordered"),
        ]
        indexes = [models.Index(fields=["project", "status", "valid_until"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def ref(self) -> str:
        return f"access_pass:{self.pk}"


class AccessPassCheck(models.Model):
    """One check of an access pass by the guard at the gate (who, when — server time)."""

    access_pass = models.ForeignKey(AccessPass, on_delete=models.PROTECT, related_name="checks")
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("guard"))
    checked_at = models.DateTimeField(_("checked at"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access pass check")
        verbose_name_plural = _("access pass checks")
        ordering = ["-checked_at", "-pk"]
