"""The day's collection closed (日收日清), fees due and their reminders (FEE-1, FEE-2; 002 篇3 §4.8.2, §4.8.4;
003 篇9 三.3 相关费用催缴)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Project, Unit
from core.retention import Retained
from siteoffice.states import CloseStatus, FeeKind, ReminderChannel

__all__ = ["DailyClose", "FeeDue", "FeeReminder"]

USER = settings.AUTH_USER_MODEL


class DailyClose(Retained):
    """One clerk's day closed: the receipts counted, totals by method, handed to the receiver who signs."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    clerk = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("clerk"))
    day = models.DateField(_("day"))
    receipts = models.PositiveIntegerField(_("receipts"))
    first_number = models.CharField(_("first receipt"), max_length=30, blank=True)
    last_number = models.CharField(_("last receipt"), max_length=30, blank=True)
    totals = models.JSONField(_("totals by method"), default=dict)  # {"cash": "120.00", ...} as exact strings
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    closed_at = models.DateTimeField(_("closed at"))
    status = models.CharField(_("status"), max_length=10, choices=CloseStatus.choices, default=CloseStatus.CLOSED)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("received by"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily close")
        verbose_name_plural = _("daily closes")
        ordering = ["-day", "clerk_id"]
        constraints = [models.UniqueConstraint(fields=["project", "clerk", "day"],
                                               name="siteoffice_one_close_per_clerk_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.clerk_id}"


class FeeDue(models.Model):
    """A fee owed by a unit for a period, with its due date; overdue is a query (unpaid past the due date)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    price = models.ForeignKey("siteoffice.Price", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("fee item"), max_length=20, choices=FeeKind.choices)
    period = models.CharField(_("period"), max_length=30)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    amount = models.DecimalField(_("amount due"), max_digits=14, decimal_places=2)
    due_date = models.DateField(_("due date"))
    payer = models.CharField(_("payer"), max_length=100)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee due")
        verbose_name_plural = _("fees due")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["project", "paid_at", "due_date"])]
        constraints = [models.UniqueConstraint(fields=["project", "unit", "price", "period"],
                                               name="siteoffice_one_due_per_unit_item_period"),
                       models.CheckConstraint(condition=Q(amount__gt=0), name="siteoffice_due_positive")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period}"


class FeeReminder(models.Model):
    """A reminder of an overdue fee made to the household (催缴), recorded by the clerk."""

    due = models.ForeignKey(FeeDue, on_delete=models.PROTECT, related_name="reminders")
    channel = models.CharField(_("how"), max_length=20, choices=ReminderChannel.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reminded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reminded_at = models.DateTimeField(_("reminded at"))

    class Meta:
        verbose_name = _("fee reminder")
        verbose_name_plural = _("fee reminders")
        ordering = ["-reminded_at"]
