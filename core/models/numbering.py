"""Counters behind document numbers (BX-20261207-001, RW-…, KF-…): one row per project, series and period."""
from __future__ import annotations

from django.db import models


class SerialCounter(models.Model):
    """The last number given in a project's series for a period (a Beijing day "20261207", a year "2026").

    Taking a number locks this one row, not the project: two clerks numbering repairs in one project wait for
    each other for the length of a transaction, clerks of other projects or other series never do, and the cost
    does not grow with history (counting the day's rows did)."""

    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=20)
    period = models.CharField(max_length=10)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "series", "period"], name="one_counter_per_series")]

    def __str__(self) -> str:
        return f"{self.series}-{self.period}: {self.last}"
