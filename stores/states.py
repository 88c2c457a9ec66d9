"""Status enums of the store room (物资与工具) and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class Level(models.TextChoices):
    """Three levels of warehouse (STOCK-1; 003 篇1 一.1 公司、业务部、现场)."""

    COMPANY = "company", _("Company warehouse")
    DEPARTMENT = "department", _("Business-department warehouse")
    SITE = "site", _("Site warehouse")


class Grade(models.TextChoices):
    """Every warehouse keeps good and damaged stock apart (完好品, 损坏品)."""

    GOOD = "good", _("Good")
    DAMAGED = "damaged", _("Damaged")


class DocKind(models.TextChoices):
    """The movement documents (STOCK-2; 003 篇1 二: 其他入库单/其他出库单/调拨单)."""

    PURCHASE = "purchase", _("Purchase in")  # 采购入库
    SMALL_PURCHASE = "small_purchase", _("Small purchase in")  # 零星采购入库
    DAMAGED_IN = "damaged_in", _("Damaged parts in")  # 损坏品入库
    REPAIRED_IN = "repaired_in", _("Repaired parts in")  # 修复品入库
    OWN_USE = "own_use", _("Issued for own use")  # 自用出库
    REPAIR_RETURN = "repair_return", _("Sent back for repair")  # 返修出库
    SCRAP = "scrap", _("Scrapped")  # 报废出库
    TRANSFER = "transfer", _("Transfer")  # 调拨 (good or damaged)
    STOCKTAKE = "stocktake", _("Stocktake adjustment")  # 盘盈盘亏
    OPENING = "opening", _("Opening balance")  # 期初

    @classmethod
    def incoming(cls) -> frozenset[str]:
        return frozenset({cls.PURCHASE, cls.SMALL_PURCHASE, cls.DAMAGED_IN, cls.REPAIRED_IN, cls.OPENING})

    @classmethod
    def outgoing(cls) -> frozenset[str]:
        return frozenset({cls.OWN_USE, cls.REPAIR_RETURN, cls.SCRAP})


# The grade each kind moves (a transfer names its own grade).
KIND_GRADE = {DocKind.PURCHASE: Grade.GOOD, DocKind.SMALL_PURCHASE: Grade.GOOD, DocKind.DAMAGED_IN: Grade.DAMAGED,
              DocKind.REPAIRED_IN: Grade.GOOD, DocKind.OWN_USE: Grade.GOOD, DocKind.REPAIR_RETURN: Grade.DAMAGED,
              DocKind.SCRAP: Grade.DAMAGED}


class DocStatus(models.TextChoices):
    SAVED = "saved", _("Saved")  # 保存
    AUDITED = "audited", _("Audited")  # 审核


# Saved → audited (the books change); a change needs un-auditing first (STOCK-3).
DOC_FLOW = Flow("stores-document", {DocStatus.SAVED: {DocStatus.AUDITED}, DocStatus.AUDITED: {DocStatus.SAVED}})


class Abc(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


class CountKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly stocktake")
    QUARTERLY = "quarterly", _("Quarterly stocktake")


class CountStatus(models.TextChoices):
    COUNTING = "counting", _("Counting")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved, books adjusted")
    REJECTED = "rejected", _("Rejected")


COUNT_FLOW = Flow("stores-stocktake", {
    CountStatus.COUNTING: {CountStatus.PENDING},
    CountStatus.PENDING: {CountStatus.PENDING, CountStatus.APPROVED, CountStatus.REJECTED},
    CountStatus.APPROVED: set(), CountStatus.REJECTED: set()})


class Cause(models.TextChoices):
    """What a stocktake difference is (003 篇2 §1.4 盈余、短少、残损或变质)."""

    SURPLUS = "surplus", _("Surplus")
    SHORTAGE = "shortage", _("Shortage")
    DAMAGE = "damage", _("Damage")
    SPOILAGE = "spoilage", _("Spoilage")


class ReqStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    SHIPPED = "shipped", _("Shipped")
    PURCHASED = "purchased", _("Purchased")
    ARRIVED = "arrived", _("Arrived")
    REJECTED = "rejected", _("Rejected")


# Site → planning (within 24 h) → manager → production management → shipped or purchased → arrived (STOCK-5).
# An emergency is shipped first (PENDING → SHIPPED) and its approvals backfilled.
REQ_FLOW = Flow("stores-requisition", {
    ReqStatus.PENDING: {ReqStatus.PENDING, ReqStatus.APPROVED, ReqStatus.REJECTED, ReqStatus.SHIPPED,
                        ReqStatus.PURCHASED},
    ReqStatus.APPROVED: {ReqStatus.SHIPPED, ReqStatus.PURCHASED},
    ReqStatus.SHIPPED: {ReqStatus.ARRIVED, ReqStatus.SHIPPED},
    ReqStatus.PURCHASED: {ReqStatus.ARRIVED, ReqStatus.PURCHASED},
    ReqStatus.ARRIVED: set(), ReqStatus.REJECTED: set()})


class PartStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered at the site")
    SHIPPED = "shipped", _("Shipped back")
    RETURNED = "returned", _("Back from repair")


class RepairRoute(models.TextChoices):
    NONE = "none", _("No repair")
    WARRANTY = "warranty", _("Under warranty")  # 质保期内免费维修
    COMMERCIAL = "commercial", _("Commercial repair")  # 商修


class FreightMode(models.TextChoices):
    HIRED = "hired", _("Hired vehicle")  # 外租车辆（配货、包车）
    AIR = "air", _("Air freight")  # 航空
    EXPRESS = "express", _("Express courier")  # 特快专递


class FreightStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No approval needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
