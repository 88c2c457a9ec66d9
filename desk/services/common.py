"""What the front desk's services share: numbering of the day within a project, and required text."""
from __future__ import annotations

from core import clock, limits, numbering
from core.models import Project


def next_serial(model, project: Project, prefix: str, field: str = "serial") -> str:
    """The next "<prefix>-YYYYMMDD-NNN" of the project and Beijing day, from the series' counter (core.numbering):
    one row locked, not the project, and no count of the day's rows — except once, the day's first number, for
    rows numbered before the counters existed."""
    day = f"{clock.beijing(clock.now()):%Y%m%d}"
    stem = f"{prefix}-{day}-"

    def already() -> int:
        return model.objects.filter(project=project, **{f"{field}__startswith": stem}).count()

    return f"{stem}{numbering.take(project, prefix, day, start=already):03d}"


def lock_project(project: Project) -> Project:
    """Serialise work across a whole project (no longer needed for numbering: next_serial locks its counter)."""
    return Project.objects.select_for_update().get(pk=project.pk)


def text(value: str, field: str, rule: str) -> str:
    """Required free text, refused past the note limit (core.limits: too_long). A text stored in a column of
    its own length goes through limits.fit(Model, "column", ...) instead: refused, never cut."""
    return limits.text(value, field=field, required=True, rule=rule)
