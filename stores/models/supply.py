"""Requisitions and their approval chain, the annual demand plan, receiving against the delivery note and packing
list with discrepancies reported within 5 working days (STOCK-5, STOCK-6, STOCK-12)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord
from core.models import Project
from stores.models.stock import Item, StockDocument, Warehouse
from stores.states import ReqStatus

__all__ = [
    "DemandLine",
    "DemandPlan",
    "Discrepancy",
    "Receiving",
    "ReceivingLine",
    "Requisition",
    "RequisitionApproval",
    "RequisitionLine",
]

USER = settings.AUTH_USER_MODEL


class Requisition(models.Model):
    """内部联络单: a site asks for materials."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=30)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+", verbose_name=_("for"))
    emergency = models.BooleanField(_("emergency"), default=False)
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=ReqStatus.choices, default=ReqStatus.PENDING)
    chain = models.JSONField(default=list)
    chain_clause = models.CharField(max_length=300, blank=True)
    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied at"))
    planning_due = models.DateTimeField(_("planning check due"))
    planning_checked_at = models.DateTimeField(_("planning checked at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("shipped or purchased at"), null=True, blank=True)
    dispatched_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tracking_note = models.CharField(_("tracking"), max_length=300, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("requisition")
        verbose_name_plural = _("requisitions")
        ordering = ["-applied_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="stores_requisition_number")]

    def __str__(self) -> str:
        return self.number

    @property
    def backfill_pending(self) -> bool:
        return self.emergency and self.approved_at is None and self.status != ReqStatus.REJECTED


class RequisitionLine(models.Model):
    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))


class RequisitionApproval(ApprovalRecord):
    requisition = models.ForeignKey(Requisition, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["requisition", "step_index"],
                                               name="stores_one_decision_per_requisition_step")]


class DemandPlan(models.Model):
    """年度物资需求计划: what a project will need in a year, purchased centrally (STOCK-12)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    drawn_up_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    drawn_up_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="stores_one_plan_a_year")]


class DemandLine(models.Model):
    plan = models.ForeignKey(DemandPlan, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))


class Receiving(models.Model):
    """物资接收: checked against the delivery note (发货单) and the packing list (装箱单)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    requisition = models.ForeignKey(Requisition, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    delivery_note = models.CharField(_("delivery note"), max_length=40)
    packing_list = models.CharField(_("packing list"), max_length=40)
    arrived_on = models.DateField(_("arrived on"))
    check_due = models.DateField(_("check due by"))
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField()
    document = models.ForeignKey(StockDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+")


class ReceivingLine(models.Model):
    receiving = models.ForeignKey(Receiving, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    listed = models.PositiveIntegerField(_("on the packing list"))
    received = models.PositiveIntegerField(_("received"))


class Discrepancy(models.Model):
    """单货不符: reported in writing to the business department, with photos (STOCK-6)."""

    receiving = models.ForeignKey(Receiving, on_delete=models.PROTECT, related_name="discrepancies")
    description = models.CharField(_("discrepancy"), max_length=500)
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
