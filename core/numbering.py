"""Document numbers without gaps and without scans: `take(project, series, period)` answers the next number of a
project's series in a period, from a counter row locked until the caller's transaction ends (core.models.
SerialCounter). Two clerks of one project numbering at once get consecutive numbers; clerks of other projects do
not wait; a rolled-back transaction gives its number back, so the numbers have no gaps.

`start` answers, once per new period, how many numbers the period already used before counters existed (rows
written by an older release, or imported): a counter is seeded from it, never from a scan afterwards."""
from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from core.models import Project, SerialCounter

_TABLE = SerialCounter._meta.db_table


def take(project: Project | int, series: str, period: str, *, start: Callable[[], int] | None = None) -> int:
    """The next number of `series` in `period` for the project, inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("core.numbering.take needs the caller's transaction: the number is kept with its record")
    project_id = project if isinstance(project, int) else project.pk
    taken = _increment(project_id, series, period)
    if taken is None:
        # The period's first number: create the row, losing quietly to a clerk who created it at the same instant
        # (ignore_conflicts), then take from whichever row stands.
        SerialCounter.objects.bulk_create(
            [SerialCounter(project_id=project_id, series=series, period=period, last=start() if start else 0)],
            ignore_conflicts=True)
        taken = _increment(project_id, series, period)
    return taken


def _increment(project_id: int, series: str, period: str) -> int | None:
    """One statement: the UPDATE locks the row until the caller's transaction ends and answers the new number
    (PostgreSQL, and SQLite 3.35+, both return rows from an UPDATE)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_TABLE} SET last = last + 1 WHERE project_id = %s AND series = %s AND period = %s "
                       "RETURNING last", [project_id, series, period])
        row = cursor.fetchone()
    return row[0] if row else None
