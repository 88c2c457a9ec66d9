"""What the site office's API areas share: a strict id, the projects a list covers, one record of the user's
projects by id."""
from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.errors import DomainError
from core.permissions import restrict
from core.web.api import StrictIdField, listed_projects  # noqa: F401  (this area's modules import them from here)


class MoneyField(serializers.CharField):
    """An amount or quantity as text ("12.50"): the service reads it as an exact decimal, never a float."""

    def to_internal_value(self, data):
        if isinstance(data, float):
            raise DomainError(_("Give amounts as text such as \"12.50\", not as floating-point numbers."),
                              code="invalid_amount", rule="FEE-1")
        return super().to_internal_value(data)


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
