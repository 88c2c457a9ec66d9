"""What the front desk's services share: numbering of the day within a project, and required text."""
from __future__ import annotations

from core import clock, limits
from core.models import Project


def next_serial(model, project: Project, prefix: str, field: str = "serial") -> str:
    """The next "<prefix>-YYYYMMDD-NNN" of the project and Beijing day; the caller holds the project lock."""
    stem = f"{prefix}-{clock.beijing(clock.now()):%Y%m%d}-"
    count = model.objects.filter(project=project, **{f"{field}__startswith": stem}).count()
    return f"{stem}{count + 1:03d}"


def lock_project(project: Project) -> Project:
    """Serialise numbering within a project (the serial of the day counts the rows before it)."""
    return Project.objects.select_for_update().get(pk=project.pk)


def text(value: str, field: str, rule: str) -> str:
    """Required free text, refused past the note limit (core.limits: too_long). A text stored in a column of
    its own length goes through limits.fit(Model, "column", ...) instead: refused, never cut."""
    return limits.text(value, field=field, required=True, rule=rule)
