"""What the front desk's services share: numbering of the day within a project, and required text."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.models import Project


def next_serial(model, project: Project, prefix: str, field: str = "serial") -> str:
    """The next "<prefix>-YYYYMMDD-NNN" of the project and Beijing day; the caller holds the project lock."""
    stem = f"{prefix}-{clock.beijing(clock.now()):%Y%m%d}-"
    count = model.objects.filter(project=project, **{f"{field}__startswith": stem}).count()
    return f"{stem}{count + 1:03d}"


def lock_project(project: Project) -> Project:
    """Serialise numbering within a project (the serial of the day counts the rows before it)."""
    return Project.objects.select_for_update().get(pk=project.pk)


def text(value: str, field: str, rule: str, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("“%(field)s” is required.") % {"field": field}, code="required", rule=rule,
                          details={"field": field})
    return value[:limit] if limit else value
