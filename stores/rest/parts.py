"""API of the damaged-parts register (STOCK-9, STOCK-12): registered with every field, shipped back together,
recorded back from warranty or commercial repair."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from core.permissions import restrict
from core.web.api import ERRORS, StrictIdField, valid
from stores.models import DamagedPart
from stores.rest.common import Scoped, item_of, warehouse_of
from stores.services import parts as svc


class DamagedPartSerializer(serializers.ModelSerializer):
    part_name = serializers.CharField(source="part.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    route_label = serializers.CharField(source="get_route_display", read_only=True)

    class Meta:
        model = DamagedPart
        fields = ("id", "project", "number", "warehouse", "part", "part_name", "spec", "quantity", "asset_no",
                  "replaced_by", "replaced_on", "new_serial", "old_serial", "reason", "route", "route_label", "status",
                  "status_label", "registered_at", "shipped_at", "shipment", "returned_at")


class StoresRegisterInput(serializers.Serializer):
    warehouse = StrictIdField()
    part = StrictIdField()
    quantity = StrictIdField(min_value=1, max_value=100_000)
    replaced_on = serializers.DateField()
    route = serializers.CharField(max_length=12, required=False, default="none")
    spec = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    asset_no = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    replaced_by = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    new_serial = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    old_serial = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StoresShipInput(serializers.Serializer):
    parts = serializers.ListField(child=StrictIdField(), max_length=500)
    shipment = serializers.CharField(max_length=40, allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class DamagedPartViewSet(Scoped):
    serializer_class, queryset, related = DamagedPartSerializer, DamagedPart.objects.all(), ("part",)

    @extend_schema(request=StoresRegisterInput, responses={201: DamagedPartSerializer, **ERRORS})
    def create(self, request):
        data = dict(valid(StoresRegisterInput, request))
        warehouse = warehouse_of(request, data.pop("warehouse"))
        part = item_of(warehouse.project, data.pop("part"))
        found = svc.register(warehouse=warehouse, part=part, by=request.user, **data)
        return Response(DamagedPartSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoresShipInput, responses={200: inline_serializer("StoresShipped", {"shipped": serializers.IntegerField()}), **ERRORS})
    @action(detail=False, methods=["post"])
    def ship(self, request):
        """Shipped back together under one waybill (every 15 days by policy)."""
        data = valid(StoresShipInput, request)
        found = list(restrict(DamagedPart.objects, request.user).filter(pk__in=data["parts"]))
        if len(found) != len(set(data["parts"])) or len({p.project_id for p in found}) > 1:
            raise NotFound("No such damaged part.", code="not_found")
        return Response({"shipped": svc.ship(parts=found, by=request.user, shipment=data["shipment"])})

    @extend_schema(request=None, responses={200: DamagedPartSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def returned(self, request, pk=None):
        return Response(DamagedPartSerializer(svc.returned(part=self.get_object(), by=request.user)).data)


def register(router) -> None:
    router.register("damaged-parts", DamagedPartViewSet, basename="stores-damaged-part")
