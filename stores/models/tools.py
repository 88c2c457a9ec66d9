"""Tools lent with a temporary form (STOCK-7), the damaged-parts register shipped back every 15 days and tracked
through warranty or commercial repair (STOCK-9, STOCK-12), freight charges under the freight rules (STOCK-10)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord, LoanRecord
from core.models import Project
from stores.models.stock import Item, Warehouse
from stores.states import FreightMode, FreightStatus, PartStatus, RepairRoute

__all__ = ["DamagedPart", "FreightCharge", "ToolLoan", "ToolLoanApproval"]

USER = settings.AUTH_USER_MODEL


class ToolLoan(LoanRecord):
    """临时领用表 / 工具借用登记单."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    tool = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("tool"))
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    team = models.CharField(_("work group"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("tool loan")
        verbose_name_plural = _("tool loans")
        indexes = [models.Index(fields=["project", "status", "due_at"]), models.Index(fields=["holder", "status"])]
        constraints = [models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")),
                                              name="stores_tool_loan_period_ordered")]

    def __str__(self) -> str:
        return self.serial


class ToolLoanApproval(ApprovalRecord):
    loan = models.ForeignKey(ToolLoan, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["loan", "step_index"], name="stores_one_decision_per_tool_step")]


class DamagedPart(models.Model):
    """返修损坏备件清单: one damaged part replaced at a site."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("register number"), max_length=30)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    part = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("part"))
    spec = models.CharField(_("specification"), max_length=100)
    quantity = models.PositiveIntegerField(_("quantity"))
    asset_no = models.CharField(_("asset number"), max_length=40)
    replaced_by = models.CharField(_("replaced by"), max_length=50)
    replaced_on = models.DateField(_("replaced on"))
    new_serial = models.CharField(_("new part's serial"), max_length=60)
    old_serial = models.CharField(_("old part's serial"), max_length=60)
    reason = models.CharField(_("reason"), max_length=300)
    route = models.CharField(_("repair"), max_length=12, choices=RepairRoute.choices, default=RepairRoute.NONE)
    status = models.CharField(_("status"), max_length=12, choices=PartStatus.choices, default=PartStatus.REGISTERED)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    shipment = models.CharField(_("shipment"), max_length=40, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("damaged part")
        verbose_name_plural = _("damaged parts")
        ordering = ["-registered_at", "-pk"]
        indexes = [models.Index(fields=["project", "status", "registered_at"])]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="stores_damaged_number")]


class FreightCharge(models.Model):
    """A freight bill judged against the freight rules (STOCK-10; 003 篇3 运费管理)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(_("mode"), max_length=10, choices=FreightMode.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    filed_price = models.DecimalField(_("filed price"), max_digits=10, decimal_places=2, null=True, blank=True)
    written_request = models.CharField(_("written request"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=FreightStatus.choices)
    rule_clause = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(max_length=300, blank=True)
