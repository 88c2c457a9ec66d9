"""The catalogue of the archive room (ARCH-1, ARCH-2, ARCH-9, ARCH-11; 002 篇1 §1.1.2, §1.4, 篇4 §1.5):
categories per company, each department's and each external unit's series, volumes (案卷) with their
system-given number, retention period and shelf place, and the items listed in each volume (卷内目录).
The general catalogue (总目录) is the list of volumes."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from archives.states import Owner, Retention, VolumeStatus
from core.models import Company, Department, Project
from core.retention import Retained

__all__ = ["Category", "ConfidentialGrant", "ExternalUnit", "Item", "Volume", "VolumeCounter"]

USER = settings.AUTH_USER_MODEL


class Category(models.Model):
    """A category of archives (ARCH-1), per company; seeded with the regulation's list, edited by the archivist.
    `read_only`: documentary archives are read, never lent (只阅不借, 002 篇1 §1.2.2); `confidential`: never lent
    and seen only with the manager's permission (ARCH-11) — where the lending engine will attach."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=6, help_text=_("Letters used in volume numbers, e.g. QJ."))
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("shelf order"), default=0)
    read_only = models.BooleanField(_("read only, never lent"), default=False)
    confidential = models.BooleanField(_("confidential"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    clause = models.CharField(_("clause"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("archive category")
        verbose_name_plural = _("archive categories")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="archives_category_code_unique")]

    def __str__(self) -> str:
        return self.name


class ExternalUnit(models.Model):
    """An outside unit the project corresponds with; each has its own file series (002 篇1 §1.4.2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("external unit")
        verbose_name_plural = _("external units")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="archives_unit_name_unique")]

    def __str__(self) -> str:
        return self.name


class VolumeCounter(models.Model):
    """The last sequence given per project, category and year: a number is never given twice, even if a volume
    were ever removed (ARCH-2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "category", "year"],
                                               name="archives_counter_unique")]


class Volume(Retained):
    """A volume (案卷): its number DA-<year>-<category>-<seq>, title, retention, whose series, shelf place."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="volumes")
    # The category's shelf order, copied here (and rewritten when the category is reordered) so that the general
    # catalogue's order — category order, category, year, number — is one index and its first page a short read
    # at a million volumes (bench/archives.py).
    category_order = models.PositiveSmallIntegerField(default=0, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("volume number"), max_length=40)
    title = models.CharField(_("volume title"), max_length=200)
    retention = models.CharField(_("retention period"), max_length=10, choices=Retention.choices)
    retention_years = models.PositiveSmallIntegerField(_("years kept"), null=True, blank=True)
    owner = models.CharField(_("series of"), max_length=10, choices=Owner.choices, default=Owner.DEPARTMENT)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    external_unit = models.ForeignKey(ExternalUnit, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="volumes", verbose_name=_("external unit"))
    status = models.CharField(_("status"), max_length=10, choices=VolumeStatus.choices, default=VolumeStatus.OPEN)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opened at"))
    sealed_at = models.DateTimeField(_("sealed at"), null=True, blank=True)
    # Where it stands (002 篇1 §1.1.2 ⑧): room, cabinet, shelf, position from the left.
    room = models.CharField(_("room"), max_length=30, blank=True)
    cabinet = models.CharField(_("cabinet"), max_length=20, blank=True)
    shelf = models.PositiveSmallIntegerField(_("shelf"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    shelved_at = models.DateTimeField(_("shelved at"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        verbose_name = _("archive volume")
        verbose_name_plural = _("archive volumes")
        ordering = ["category_order", "category", "year", "seq"]
        indexes = [models.Index(fields=["project", "category", "year", "seq"]),
                   models.Index(fields=["project", "category_order", "category", "year", "seq"],
                                name="archives_vol_catalogue_order"),
                   models.Index(fields=["project", "year", "status"]),
                   models.Index(fields=["project", "title"]),
                   models.Index(fields=["project", "room", "cabinet", "shelf", "position"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="archives_volume_number_unique"),
            models.UniqueConstraint(fields=["project", "category", "year", "seq"], name="archives_volume_seq_unique"),
            models.UniqueConstraint(fields=["project", "room", "cabinet", "shelf", "position"],
                                    condition=Q(shelf__isnull=False), name="archives_one_volume_per_place"),
            models.CheckConstraint(name="archives_volume_one_owner", condition=(
                Q(owner=Owner.DEPARTMENT, department__isnull=False, external_unit__isnull=True)
                | Q(owner=Owner.EXTERNAL, department__isnull=True, external_unit__isnull=False))),
            models.CheckConstraint(name="archives_volume_years_given", condition=(
                ~Q(retention=Retention.YEARS) | Q(retention_years__gt=0))),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def shelved(self) -> bool:
        return self.shelf is not None

    @property
    def place(self) -> str:
        if self.shelf is None:
            return ""
        return f"{self.room} {self.cabinet}-{self.shelf}-{self.position}"

    @property
    def confidential(self) -> bool:
        return self.category.confidential

    @property
    def lendable(self) -> bool:
        """Confidential archives are never lent, documentary ones only read (002 篇1 §1.2.2, §1.2.4)."""
        return not (self.category.confidential or self.category.read_only)

    @property
    def series(self) -> str:
        return str(self.department or self.external_unit or "")


class Item(models.Model):
    """One entry of a volume's in-volume catalogue (卷内目录), filed through a transfer record (ARCH-3)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    volume = models.ForeignKey(Volume, on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveIntegerField(_("sequence"))
    title = models.CharField(_("title"), max_length=200)
    doc_number = models.CharField(_("document number"), max_length=60, blank=True)
    doc_date = models.DateField(_("date"))
    pages = models.PositiveIntegerField(_("pages"))
    original = models.BooleanField(_("original"), default=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    transfer = models.ForeignKey("archives.Transfer", on_delete=models.PROTECT, related_name="items")
    filed_at = models.DateTimeField(_("filed at"))
    file_by = models.DateField(_("to be filed by"))
    late = models.BooleanField(_("filed late"), default=False)

    class Meta:
        verbose_name = _("archive item")
        verbose_name_plural = _("archive items")
        ordering = ["volume", "seq"]
        indexes = [models.Index(fields=["project", "late", "filed_at"])]
        constraints = [models.UniqueConstraint(fields=["volume", "seq"], name="archives_item_seq_unique")]

    def __str__(self) -> str:
        return self.title


class ConfidentialGrant(models.Model):
    """The manager's permission for one person to see confidential archives, until a day (ARCH-11;
    002 篇3 §4.4.4, 篇4 §1.5)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    granted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("granted at"))
    until = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("permission to see confidential archives")
        verbose_name_plural = _("permissions to see confidential archives")
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["project", "person", "until"])]
