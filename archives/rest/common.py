"""What the archive room's API areas share: a strict id, the projects a list covers, the project a request names."""
from __future__ import annotations

from rest_framework import serializers

from core.errors import DomainError
from core.parsing import is_int
from core.permissions import projects_for
from core.web.api import my_project


class StrictIdField(serializers.IntegerField):
    """An id: plain ASCII digits only (int() would take "１２" or "٣")."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (isinstance(data, int) or is_int(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


def listed_projects(request, allowed, require) -> list[int]:
    """The projects a list covers: the one asked for (refused if the user may not), else every allowed one."""
    wanted = request.query_params.get("project", "")
    if wanted:
        if not is_int(wanted):
            raise DomainError("Invalid project.", code="invalid", details={"field": "project"})
        project = my_project(request, int(wanted))
        require(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if allowed(request.user, p)]


def query_int(request, name: str) -> int | None:
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    if not is_int(raw):
        raise DomainError("Invalid number.", code="invalid", details={"field": name})
    return int(raw)
