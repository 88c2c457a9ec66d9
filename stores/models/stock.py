"""Warehouses, items, locations, balances, lots and the movement documents with their journal (STOCK-1..3, -8,
-11). The balance is a cache of the journal: every change of a balance writes one journal row in the same
transaction, so the sum of a warehouse's journal is its balance (checked by selectors.stock.check_balances)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Company, Project
from stores.states import Abc, DocKind, DocStatus, Grade, Level

__all__ = ["Balance", "Item", "Location", "Lot", "Movement", "StockDocument", "StockLine", "Warehouse"]

USER = settings.AUTH_USER_MODEL


class Warehouse(models.Model):
    """A warehouse at one of three levels; `project` is the project whose storekeepers keep it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("supplied by"))

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["project", "level", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="stores_warehouse_code_unique")]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place in a warehouse with its location card (物料卡: 库号、架号、层号、位号) and its ABC class;
    hazardous goods only in a hazardous location, kept apart (STOCK-11)."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="locations")
    code = models.CharField(_("location"), max_length=20)
    shelf = models.CharField(_("shelf"), max_length=10, blank=True)
    layer = models.CharField(_("layer"), max_length=10, blank=True)
    position = models.CharField(_("position"), max_length=10, blank=True)
    abc_class = models.CharField(_("ABC class"), max_length=1, choices=Abc.choices)
    hazardous = models.BooleanField(_("hazardous goods store"), default=False)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["warehouse", "code"]
        constraints = [models.UniqueConstraint(fields=["warehouse", "code"], name="stores_location_unique")]

    def __str__(self) -> str:
        return self.code


class Item(models.Model):
    """A material, spare part or tool of the company's catalogue."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("item code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    spec = models.CharField(_("specification"), max_length=100, blank=True)
    unit_label = models.CharField(_("unit"), max_length=10, default="个")
    abc_class = models.CharField(_("ABC class"), max_length=1, choices=Abc.choices, default=Abc.C)
    hazardous = models.BooleanField(_("hazardous"), default=False)
    is_tool = models.BooleanField(_("tool"), default=False)
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    maintenance_days = models.PositiveIntegerField(_("maintenance cycle (days)"), null=True, blank=True)
    reserve = models.PositiveIntegerField(_("reserve quota"), default=0)
    price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="stores_item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Balance(models.Model):
    """What a warehouse holds of an item in one grade. Never negative: the database refuses it too."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="balances")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="balances")
    grade = models.CharField(_("grade"), max_length=8, choices=Grade.choices)
    quantity = models.IntegerField(_("quantity"), default=0)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    maintained_on = models.DateField(_("last maintained"), null=True, blank=True)

    class Meta:
        verbose_name = _("balance")
        verbose_name_plural = _("balances")
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "item", "grade"], name="stores_one_balance"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stores_balance_not_negative"),
        ]


class Lot(models.Model):
    """A quantity received on one day, with its expiry: issues take the oldest first (FIFO, STOCK-8)."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=8, choices=Grade.choices)
    received_on = models.DateField(_("received on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    remaining = models.IntegerField(default=0)

    class Meta:
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["warehouse", "item", "grade", "remaining"])]
        constraints = [models.CheckConstraint(condition=Q(remaining__gte=0), name="stores_lot_not_negative")]


class StockDocument(models.Model):
    """入库单 / 出库单 / 调拨单: saved, then audited (the books change only then); red = a return (STOCK-2, -3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=16, choices=DocKind.choices)
    grade = models.CharField(_("grade"), max_length=8, choices=Grade.choices)
    red = models.BooleanField(_("red entry (return)"), default=False)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="documents",
                                  verbose_name=_("warehouse"))
    to_warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("to warehouse"))
    status = models.CharField(_("status"), max_length=8, choices=DocStatus.choices, default=DocStatus.SAVED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("saved at"))
    audited_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    audited_at = models.DateTimeField(_("audited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock document")
        verbose_name_plural = _("stock documents")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="stores_document_number_unique")]

    def __str__(self) -> str:
        return self.number


class StockLine(models.Model):
    document = models.ForeignKey(StockDocument, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2, default=0)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="stores_line_positive")]


class Movement(models.Model):
    """The journal (出入库流水账): one signed quantity per balance change, never edited."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=8, choices=Grade.choices)
    delta = models.IntegerField()
    document = models.ForeignKey(StockDocument, on_delete=models.PROTECT, related_name="movements")
    day = models.DateField()
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["warehouse", "day"]), models.Index(fields=["warehouse", "item", "grade"])]
