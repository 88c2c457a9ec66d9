"""What the store room's API areas share: the scoped list and detail (the user's projects, `?project=`), the
warehouse and item lookups, and a line of quantities."""
from __future__ import annotations

from rest_framework import mixins, serializers, viewsets

from core.errors import NotFound
from core.permissions import restrict
from core.web.api import StrictIdField, listed_projects
from stores.models import Item, Warehouse
from stores.permissions import read_stock, require_reader


class Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A room record listed for the projects the user may read and opened only by a reader of its project."""

    related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = restrict(self.queryset.model.objects, self.request.user).select_related(*self.related)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, read_stock, require_reader))
        return qs.order_by("-pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj


def warehouse_of(request, pk) -> Warehouse:
    found = restrict(Warehouse.objects, request.user).filter(pk=pk).first()
    if found is None:
        raise NotFound("No such warehouse.", code="warehouse_not_found")
    return found


def item_of(project, pk) -> Item:
    found = Item.objects.filter(pk=pk, company_id=project.company_id).first()
    if found is None:
        raise NotFound("No such item.", code="item_not_found")
    return found


class StoresQuantityLine(serializers.Serializer):
    item = StrictIdField()
    quantity = StrictIdField(min_value=1, max_value=1_000_000)


class StoresDecisionInput(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StoresCountedInput(serializers.Serializer):
    counted = serializers.IntegerField(min_value=0, max_value=1_000_000)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
