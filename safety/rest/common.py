"""What the safety API areas share: a list scoped to the user's projects the area lets them read."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, viewsets

from core.permissions import restrict
from core.web.api import listed_projects  # noqa: F401  (this area's modules import them from here)
from safety.permissions import read_safety, require_reader

LIST = [OpenApiParameter("project", int, required=False)]


class Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    related: tuple = ()
    order: tuple = ("-pk",)
    project_field = "project"
    reader, require = staticmethod(read_safety), staticmethod(require_reader)

    def get_queryset(self):
        qs = restrict(self.queryset.model.objects, self.request.user, field=self.project_field)
        if self.action == "list":
            qs = qs.filter(**{f"{self.project_field}__in": listed_projects(self.request, self.reader,
                                                                           self.require)})
        return qs.select_related(*self.related).order_by(*self.order)
