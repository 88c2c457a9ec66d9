"""Stocktakes (monthly, quarterly) with a reason for every difference and approval before the books change, and the
reconciliation on the 15th (STOCK-4, STOCK-11; 003 篇2 §1.4)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.models import Project
from stores.models.stock import Item, StockDocument, Warehouse
from stores.states import Cause, CountKind, CountStatus, Grade

__all__ = ["Reconciliation", "Stocktake", "StocktakeApproval", "StocktakeLine"]

USER = settings.AUTH_USER_MODEL


class Stocktake(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=30)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+", verbose_name=_("warehouse"))
    kind = models.CharField(_("kind"), max_length=10, choices=CountKind.choices)
    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(_("status"), max_length=10, choices=CountStatus.choices, default=CountStatus.COUNTING)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    adjustment = models.ForeignKey(StockDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("stocktake")
        verbose_name_plural = _("stocktakes")
        ordering = ["-opened_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="stores_stocktake_number_unique")]

    def __str__(self) -> str:
        return self.number


class StocktakeLine(models.Model):
    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=8, choices=Grade.choices)
    book = models.IntegerField(_("on the books"))
    counted = models.IntegerField(_("counted"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=10, choices=Cause.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    @property
    def difference(self) -> int:
        return (self.counted if self.counted is not None else self.book) - self.book


class StocktakeApproval(ApprovalRecord):
    stocktake = models.ForeignKey(Stocktake, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["stocktake", "step_index"],
                                               name="stores_one_decision_per_stocktake_step")]


class Reconciliation(models.Model):
    """对账: the month's check that every balance equals its journal (账账相符), on the 15th."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=7)
    reconciled_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reconciled_at = models.DateTimeField(_("reconciled at"))
    matches = models.BooleanField(_("books agree"))
    differences = models.JSONField(default=list)

    class Meta:
        ordering = ["-reconciled_at"]
        constraints = [models.UniqueConstraint(fields=["warehouse", "period"], name="stores_one_reconciliation")]
