"""Shelf checks (ARCH-4, ARCH-11): the monthly check that the records match the shelves (002 篇1 §1.1.3), the
checks of personal staff files at least twice a year (002 篇3 §4.4.2) and the full check each year (002 篇1
§1.3.6); each volume expected is found, missing or misplaced, and a missing one is a finding followed to closure."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from archives.states import CheckKind, CheckResult, FindingStatus
from core.models import Project

__all__ = ["Finding", "ShelfCheck", "ShelfCheckLine"]

USER = settings.AUTH_USER_MODEL


class ShelfCheck(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=CheckKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by"))
    started_at = models.DateTimeField(_("started at"))
    checked_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    found = models.PositiveIntegerField(_("found"), default=0)
    missing = models.PositiveIntegerField(_("missing"), default=0)
    misplaced = models.PositiveIntegerField(_("misplaced"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("shelf check")
        verbose_name_plural = _("shelf checks")
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "kind", "period_start"],
                                               name="archives_one_check_per_period")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%Y-%m}"

    @property
    def done(self) -> bool:
        return self.checked_at is not None


class ShelfCheckLine(models.Model):
    """One volume expected on the shelves when the check began; its result is blank until recorded."""

    check_record = models.ForeignKey(ShelfCheck, on_delete=models.PROTECT, related_name="lines")
    volume = models.ForeignKey("archives.Volume", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["check_record", "result"])]
        constraints = [models.UniqueConstraint(fields=["check_record", "volume"], name="archives_line_once")]


class Finding(models.Model):
    """A volume a check did not find where it belongs: open until it is found or accounted for."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    line = models.OneToOneField(ShelfCheckLine, on_delete=models.PROTECT, related_name="finding")
    volume = models.ForeignKey("archives.Volume", on_delete=models.PROTECT, related_name="findings")
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closure_note = models.CharField(_("how it was resolved"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("shelf-check finding")
        verbose_name_plural = _("shelf-check findings")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["project", "status"])]
