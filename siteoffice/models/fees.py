"""Price lists and receipts (FEE-1; 002 篇3 §4.8.1 各种物业服务费要明码标价, §4.8.2 做好费用收取、登记、核查、上交).

A price is never edited once published: a change is a new version with its own effective date, so a receipt
always points at the price it was charged at. A receipt is never edited either: money going back is a
counter-entry (a negative receipt with its own number) pointing at the receipt it reverses or refunds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.models import Project, Unit
from core.retention import Retained
from siteoffice.states import CounterStatus, EntryKind, FeeKind, PayMethod

__all__ = ["CounterEntry", "CounterEntryApproval", "Price", "Receipt", "ReceiptCounter"]

USER = settings.AUTH_USER_MODEL


class Price(models.Model):
    """One version of one item of a project's price list (明码标价)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("fee item"), max_length=20, choices=FeeKind.choices)
    name = models.CharField(_("name"), max_length=60)
    unit_label = models.CharField(_("charged per"), max_length=20, help_text=_("E.g. 元/㎡·月, 元/户."))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    effective_from = models.DateField(_("effective from"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("price list")
        ordering = ["kind", "name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "name", "effective_from"],
                                    name="siteoffice_price_version_unique"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="siteoffice_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.unit_price}{self.unit_label}"


class ReceiptCounter(models.Model):
    """The last receipt number given in a project: locked (select_for_update) by every receipt in the same
    transaction, so two clerks at once never get the same number nor skip one (FEE-1)."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="+")
    last = models.PositiveIntegerField(default=0)


class Receipt(Retained):
    """收据: one charge, or one counter-entry (negative) with its own number."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("receipt number"), max_length=30)
    entry = models.CharField(_("entry"), max_length=10, choices=EntryKind.choices, default=EntryKind.CHARGE)
    original = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="counters",
                                 verbose_name=_("counter-entry of"))
    price = models.ForeignKey(Price, on_delete=models.PROTECT, related_name="receipts")
    kind = models.CharField(_("fee item"), max_length=20, choices=FeeKind.choices)
    item_name = models.CharField(_("item"), max_length=60)
    unit_label = models.CharField(_("charged per"), max_length=20)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    payer = models.CharField(_("payer"), max_length=100)
    period = models.CharField(_("period"), max_length=30, blank=True)
    method = models.CharField(_("paid by"), max_length=10, choices=PayMethod.choices)
    clerk = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("clerk"))
    issued_at = models.DateTimeField(_("issued at"))
    day = models.DateField(_("day"))  # the Beijing day it belongs to (日收日清)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    due = models.ForeignKey("siteoffice.FeeDue", on_delete=models.PROTECT, null=True, blank=True,
                            related_name="receipts")

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["project", "day", "clerk"]), models.Index(fields=["project", "issued_at"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "seq"], name="siteoffice_receipt_seq_unique"),
            models.UniqueConstraint(fields=["project", "number"], name="siteoffice_receipt_number_unique"),
            # A receipt is reversed (or its deposit refunded) at most once.
            models.UniqueConstraint(fields=["original"], condition=Q(original__isnull=False),
                                    name="siteoffice_one_counter_entry"),
            models.CheckConstraint(condition=(Q(entry=EntryKind.CHARGE, amount__gte=0, original__isnull=True)
                                              | (~Q(entry=EntryKind.CHARGE) & Q(amount__lte=0,
                                                                                original__isnull=False))),
                                   name="siteoffice_receipt_sign"),
        ]

    def __str__(self) -> str:
        return self.number


class CounterEntry(models.Model):
    """A request for a counter-entry against a receipt (a reversal, approved by the supervisor as policy)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="counter_requests")
    entry = models.CharField(_("entry"), max_length=10, choices=EntryKind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=CounterStatus.choices,
                              default=CounterStatus.PENDING)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    entered = models.OneToOneField(Receipt, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("reversal request")
        verbose_name_plural = _("reversal requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["receipt"], condition=Q(status__in=["pending", "done"]),
                                               name="siteoffice_one_open_counter_request")]


class CounterEntryApproval(ApprovalRecord):
    """One decided step of a reversal's approval (core.approvals)."""

    request = models.ForeignKey(CounterEntry, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["request", "step_index"],
                                               name="siteoffice_one_decision_per_counter_step")]
