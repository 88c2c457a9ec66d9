"""What the site office's API areas share: a strict id, the projects a list covers, one record of the user's
projects by id."""
from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.errors import DomainError
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import my_project


class StrictIdField(serializers.IntegerField):
    """An id: plain ASCII digits only."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (isinstance(data, int) or is_int(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


class MoneyField(serializers.CharField):
    """An amount or quantity as text ("12.50"): the service reads it as an exact decimal, never a float."""

    def to_internal_value(self, data):
        if isinstance(data, float):
            raise DomainError(_("Give amounts as text such as \"12.50\", not as floating-point numbers."),
                              code="invalid_amount", rule="FEE-1")
        return super().to_internal_value(data)


def listed_projects(request, allowed, require) -> list[int]:
    wanted = request.query_params.get("project", "")
    if wanted:
        if not is_int(wanted):
            raise DomainError("Invalid project.", code="invalid", details={"field": "project"})
        project = my_project(request, int(wanted))
        require(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if allowed(request.user, p)]


def mine(request, model, pk: int | None, *, project=None):
    """A record of the user's projects (of `project` when given), or 404."""
    if pk is None:
        return None
    qs = restrict(model.objects, request.user)
    if project is not None:
        qs = qs.filter(project=project)
    found = qs.filter(pk=pk).first()
    if found is None:
        raise DomainError(_("No such record."), code="not_found", status=404)
    return found
