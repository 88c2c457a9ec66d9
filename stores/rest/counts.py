"""API of stocktakes (盘点表, STOCK-4, STOCK-11): opened from the books, every line counted with the cause and reason
of each difference, approved or rejected before the books change; the month's reconciliation."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.web.api import ERRORS, StrictIdField, valid
from stores.models import Reconciliation, Stocktake
from stores.rest.common import Scoped, StoresDecisionInput, warehouse_of
from stores.services import counts as svc


class StocktakeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Stocktake
        fields = ("id", "project", "number", "warehouse", "kind", "kind_label", "period", "status", "status_label",
                  "opened_at", "submitted_at", "approved_at", "adjustment", "lines")

    def get_lines(self, obj) -> list[dict]:
        return [{"id": ln.pk, "item": ln.item_id, "item_code": ln.item.code, "item_name": ln.item.name,
                 "grade": ln.grade, "book": ln.book, "counted": ln.counted, "difference": ln.difference,
                 "cause": ln.cause, "reason": ln.reason} for ln in obj.lines.select_related("item")]


class StoresOpenInput(serializers.Serializer):
    warehouse = StrictIdField()
    kind = serializers.CharField(max_length=10, required=False, default="monthly")


class StoresCountLine(serializers.Serializer):
    line = StrictIdField()
    counted = serializers.IntegerField(min_value=0, max_value=1_000_000)
    cause = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StoresSubmitInput(serializers.Serializer):
    lines = StoresCountLine(many=True, max_length=5000)


class StoresWarehouseInput(serializers.Serializer):
    warehouse = StrictIdField()


class ReconciliationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reconciliation
        fields = ("id", "project", "warehouse", "period", "reconciled_at", "matches", "differences")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class StocktakeViewSet(Scoped):
    serializer_class, queryset, related = StocktakeSerializer, Stocktake.objects.all(), ("warehouse",)

    @extend_schema(request=StoresOpenInput, responses={201: StocktakeSerializer, **ERRORS})
    def create(self, request):
        data = valid(StoresOpenInput, request)
        count = svc.open_count(warehouse=warehouse_of(request, data["warehouse"]), by=request.user, kind=data["kind"])
        return Response(StocktakeSerializer(count).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoresSubmitInput, responses={200: StocktakeSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        count = self.get_object()
        counts = {line["line"]: line for line in valid(StoresSubmitInput, request)["lines"]}
        return Response(StocktakeSerializer(svc.submit(stocktake=count, by=request.user, counts=counts)).data)

    @extend_schema(request=StoresDecisionInput, responses={200: StocktakeSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(StocktakeSerializer(svc.approve(stocktake=self.get_object(), approver=request.user,
                                                        comment=comment)).data)

    @extend_schema(request=StoresDecisionInput, responses={200: StocktakeSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(StocktakeSerializer(svc.reject(stocktake=self.get_object(), approver=request.user,
                                                       comment=comment)).data)

    @extend_schema(request=StoresWarehouseInput, responses={201: ReconciliationSerializer, **ERRORS})
    @action(detail=False, methods=["post"])
    def reconcile(self, request):
        """对账 on the 15th: every balance of the warehouse against its journal, recorded once a month."""
        warehouse = warehouse_of(request, valid(StoresWarehouseInput, request)["warehouse"])
        return Response(ReconciliationSerializer(svc.reconcile(warehouse=warehouse, by=request.user)).data,
                        status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("stocktakes", StocktakeViewSet, basename="stores-stocktake")
