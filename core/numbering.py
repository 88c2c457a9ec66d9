"""Document numbers without gaps and without scans: `take(project, series, period)` answers the next number of a
project's series in a period, from a counter row locked until the caller's transaction ends (core.models.
SerialCounter). Two clerks of one project numbering at once get consecutive numbers; clerks of other projects do
not wait; a rolled-back transaction gives its number back, so the numbers have no gaps.

`start` answers, once per new period, how many numbers the period already used before counters existed (rows
written by an older release, or imported): a counter is seeded from it, never from a scan afterwards."""
from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from core.models import Project, SerialCounter


def take(project: Project | int, series: str, period: str, *, start: Callable[[], int] | None = None) -> int:
    """The next number of `series` in `period` for the project, inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("core.numbering.take needs the caller's transaction: the number is kept with its record")
    project_id = project if isinstance(project, int) else project.pk
    wanted = {"project_id": project_id, "series": series, "period": period}
    counter = SerialCounter.objects.select_for_update().filter(**wanted).first()
    if counter is None:
        # The period's first number: create the row, losing quietly to a clerk who created it at the same instant
        # (ignore_conflicts), then lock whichever row stands.
        SerialCounter.objects.bulk_create([SerialCounter(last=start() if start else 0, **wanted)],
                                          ignore_conflicts=True)
        counter = SerialCounter.objects.select_for_update().get(**wanted)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
