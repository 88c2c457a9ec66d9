"""Company → project → building → unit (CORE-1)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A 管理处/项目: the unit of tenancy; every record belongs to exactly one."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="project_code_unique")]

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="buildings")
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=20)
    # 组团: the group of buildings a decoration patroller covers (003 篇9 四.1 装修巡视 … 4、5组团).
    zone = models.CharField(_("zone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="building_code_unique")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="units")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="units")
    floor = models.IntegerField(_("floor"))
    number = models.CharField(_("room number"), max_length=20)
    is_vacant = models.BooleanField(_("vacant"), default=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="unit_number_unique")]

    @property
    def label(self) -> str:
        return f"{self.building.code}-{self.number}"

    def __str__(self) -> str:
        return f"{self.building.name} {self.number}"
