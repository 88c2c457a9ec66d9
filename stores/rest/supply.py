"""API of requisitions (STOCK-5), the annual demand plan (STOCK-12) and receiving against the delivery note and
packing list with discrepancies reported with photos (STOCK-6)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from core.permissions import restrict
from core.web.api import ERRORS, StrictIdField, my_project, valid
from stores.models import Receiving, Requisition
from stores.rest.common import Scoped, StoresDecisionInput, StoresQuantityLine, item_of, warehouse_of
from stores.services import supply as svc

LIST = [OpenApiParameter("project", int, required=False)]


class RequisitionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Requisition
        fields = ("id", "project", "number", "warehouse", "emergency", "purpose", "status", "status_label",
                  "applied_at", "planning_due", "planning_checked_at", "approved_at", "dispatched_at", "tracking_note",
                  "arrived_at", "backfill_pending", "lines")

    def get_lines(self, obj) -> list[dict]:
        return [{"item": ln.item_id, "item_name": ln.item.name, "quantity": ln.quantity}
                for ln in obj.lines.select_related("item")]


class StoresRequisitionInput(serializers.Serializer):
    warehouse = StrictIdField()
    purpose = serializers.CharField(max_length=300)
    emergency = serializers.BooleanField(required=False, default=False)
    lines = StoresQuantityLine(many=True, max_length=100)


class StoresDispatchInput(serializers.Serializer):
    purchased = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StoresPlanInput(serializers.Serializer):
    project = StrictIdField()
    year = serializers.IntegerField(min_value=2000, max_value=2999)
    lines = StoresQuantityLine(many=True, max_length=500)


def _lines(project, lines) -> list[dict]:
    return [{"item": item_of(project, line["item"]), "quantity": line["quantity"]} for line in lines]


@extend_schema(parameters=LIST)
class RequisitionViewSet(Scoped):
    serializer_class, queryset, related = RequisitionSerializer, Requisition.objects.all(), ("warehouse",)

    @extend_schema(request=StoresRequisitionInput, responses={201: RequisitionSerializer, **ERRORS})
    def create(self, request):
        data = valid(StoresRequisitionInput, request)
        warehouse = warehouse_of(request, data["warehouse"])
        req = svc.apply(warehouse=warehouse, by=request.user, lines=_lines(warehouse.project, data["lines"]),
                        purpose=data["purpose"], emergency=data["emergency"])
        return Response(RequisitionSerializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoresDecisionInput, responses={200: RequisitionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(RequisitionSerializer(svc.approve(requisition=self.get_object(), approver=request.user,
                                                          comment=comment)).data)

    @extend_schema(request=StoresDecisionInput, responses={200: RequisitionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(RequisitionSerializer(svc.reject(requisition=self.get_object(), approver=request.user,
                                                         comment=comment)).data)

    @extend_schema(request=StoresDispatchInput, responses={200: RequisitionSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_goods(self, request, pk=None):
        data = valid(StoresDispatchInput, request)
        return Response(RequisitionSerializer(svc.dispatch(requisition=self.get_object(), by=request.user,
                                                           purchased=data["purchased"], note=data["note"])).data)

    @extend_schema(request=StoresPlanInput, responses={201: inline_serializer("StoresPlanDrawn", {"id": serializers.IntegerField(), "year": serializers.IntegerField()}),
                                                   **ERRORS})
    @action(detail=False, methods=["post"], url_path="demand-plan")
    def demand_plan(self, request):
        """年度物资需求计划 for a coming year: what central purchasing may buy (STOCK-12)."""
        data = valid(StoresPlanInput, request)
        project = my_project(request, data["project"])
        plan = svc.draw_up_plan(project=project, by=request.user, year=data["year"],
                                lines=_lines(project, data["lines"]))
        return Response({"id": plan.pk, "year": plan.year}, status=status.HTTP_201_CREATED)


class ReceivingSerializer(serializers.ModelSerializer):
    document_number = serializers.CharField(source="document.number", default="", read_only=True)
    lines = serializers.SerializerMethodField()
    discrepancies = serializers.SerializerMethodField()

    class Meta:
        model = Receiving
        fields = ("id", "project", "warehouse", "requisition", "delivery_note", "packing_list", "arrived_on",
                  "check_due", "received_at", "document", "document_number", "lines", "discrepancies")

    def get_lines(self, obj) -> list[dict]:
        return [{"item": ln.item_id, "item_name": ln.item.name, "listed": ln.listed, "received": ln.received}
                for ln in obj.lines.select_related("item")]

    def get_discrepancies(self, obj) -> list[dict]:
        return [{"id": d.pk, "description": d.description, "reported_at": d.reported_at}
                for d in obj.discrepancies.all()]


class StoresReceivedLine(serializers.Serializer):
    item = StrictIdField()
    listed = StrictIdField(min_value=1, max_value=1_000_000)
    received = serializers.IntegerField(min_value=0, max_value=1_000_000)


class StoresReceiveInput(serializers.Serializer):
    warehouse = StrictIdField()
    delivery_note = serializers.CharField(max_length=40)
    packing_list = serializers.CharField(max_length=40)
    requisition = StrictIdField(required=False, allow_null=True)
    lines = StoresReceivedLine(many=True, max_length=100)


class StoresDiscrepancyInput(serializers.Serializer):
    description = serializers.CharField(max_length=500)
    photos = serializers.ListField(child=serializers.FileField(), max_length=10, required=False, default=list)


@extend_schema(parameters=LIST)
class ReceivingViewSet(Scoped):
    serializer_class, queryset, related = ReceivingSerializer, Receiving.objects.all(), ("document",)

    @extend_schema(request=StoresReceiveInput, responses={201: ReceivingSerializer, **ERRORS})
    def create(self, request):
        data = valid(StoresReceiveInput, request)
        warehouse = warehouse_of(request, data["warehouse"])
        req = None
        if data.get("requisition"):
            req = restrict(Requisition.objects, request.user).filter(pk=data["requisition"],
                                                                    project=warehouse.project).first()
            if req is None:
                raise NotFound("No such requisition.", code="not_found")
        lines = [{"item": item_of(warehouse.project, ln["item"]), "listed": ln["listed"], "received": ln["received"]}
                 for ln in data["lines"]]
        rec = svc.receive(warehouse=warehouse, by=request.user, delivery_note=data["delivery_note"],
                          packing_list=data["packing_list"], lines=lines, requisition=req)
        return Response(ReceivingSerializer(rec).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": StoresDiscrepancyInput}, responses={201: ReceivingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def discrepancy(self, request, pk=None):
        """单货不符, in writing with photos (multipart: description, photos), within the check's working days."""
        rec = self.get_object()
        serializer = StoresDiscrepancyInput(data={"description": request.data.get("description", ""),
                                            "photos": request.FILES.getlist("photos") if request.FILES else []})
        serializer.is_valid(raise_exception=True)
        photos = [(f.name, f.read()) for f in serializer.validated_data["photos"]]
        svc.report_discrepancy(receiving=rec, by=request.user, description=serializer.validated_data["description"],
                               photos=photos)
        return Response(ReceivingSerializer(rec).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("requisitions", RequisitionViewSet, basename="stores-requisition")
    router.register("receiving", ReceivingViewSet, basename="stores-receiving")
