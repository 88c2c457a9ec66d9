"""Paid and convenience services: the 有偿服务单 (SERVICE-1; 004 篇3 记录, 003 篇14 §4.4.1 i)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow
from core.models import Project, Resident, Unit
from core.retention import Retained

__all__ = ["PAID_FLOW", "PaidService", "PaidStatus"]

USER = settings.AUTH_USER_MODEL


class PaidStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    PERFORMED = "performed", _("Performed, not signed")
    SIGNED = "signed", _("Signed, not settled")
    CLOSED = "closed", _("Settled and closed")
    CANCELLED = "cancelled", _("Cancelled")


PAID_FLOW = Flow("desk.paid", {
    PaidStatus.REGISTERED: {PaidStatus.PERFORMED, PaidStatus.CANCELLED},
    PaidStatus.PERFORMED: {PaidStatus.SIGNED},
    PaidStatus.SIGNED: {PaidStatus.CLOSED},
})


class PaidService(Retained):
    """One 有偿服务单: items priced from the project's price list, who performed it and when, the
    resident's signature on screen, and the payment (amount, receipt, receiver) or a waiver with reason."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("serial number"), max_length=30)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person_name = models.CharField(_("resident"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    # [{"code", "name", "unit", "price", "quantity", "amount"}] — prices copied from the list when registered.
    items = models.JSONField(_("items"), default=list)
    total = models.DecimalField(_("total"), max_digits=10, decimal_places=2)
    contact = models.ForeignKey("desk.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=PaidStatus.choices, default=PaidStatus.REGISTERED)
    performed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("performed by"))
    performed_at = models.DateTimeField(_("performed at"), null=True, blank=True)
    work_note = models.CharField(_("work note"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=100, blank=True)
    amount_paid = models.DecimalField(_("amount paid"), max_digits=10, decimal_places=2, null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("received by"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    waived = models.BooleanField(_("charge waived"), default=False)
    waive_reason = models.CharField(_("reason for waiver"), max_length=300, blank=True)
    waived_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("paid service")
        verbose_name_plural = _("paid services")
        ordering = ["-registered_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "serial"], name="desk_paid_serial_unique")]
        indexes = [models.Index(fields=["project", "status"]), models.Index(fields=["project", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.person_name}"

    @property
    def ref(self) -> str:
        return f"paid:{self.pk}"
