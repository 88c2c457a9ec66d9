"""API of tool loans (工具借用单, STOCK-7) through core.lending: the temporary form, its approval where the policy
asks, handed over counted with the borrower's password, signed back on return."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from core.web.api import ERRORS, StrictIdField, project_user, valid
from stores.models import Item, ToolLoan
from stores.rest.common import Scoped, StoresCountedInput, StoresDecisionInput, warehouse_of
from stores.services import tools as svc


class ToolLoanSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    tool_name = serializers.CharField(source="tool.name", read_only=True)
    holder_name = serializers.CharField(source="holder.display_name", read_only=True)

    class Meta:
        model = ToolLoan
        fields = ("id", "project", "serial", "warehouse", "tool", "tool_name", "quantity", "team", "holder",
                  "holder_name", "purpose", "status", "status_label", "period_start", "period_end", "checked_out_at",
                  "due_at", "returned_at", "returned_intact", "closing_note")


class StoresApplyInput(serializers.Serializer):
    warehouse = StrictIdField()
    tool = StrictIdField()
    holder = StrictIdField()
    quantity = StrictIdField(min_value=1, max_value=10_000, required=False, default=1)
    team = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=300)
    days = serializers.IntegerField(min_value=0, max_value=10_000, required=False, default=1)


class StoresReturnInput(StoresCountedInput):
    intact = serializers.BooleanField(required=False, default=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class ToolLoanViewSet(Scoped):
    serializer_class, queryset, related = ToolLoanSerializer, ToolLoan.objects.all(), ("tool", "holder")

    @extend_schema(request=StoresApplyInput, responses={201: ToolLoanSerializer, **ERRORS})
    def create(self, request):
        data = valid(StoresApplyInput, request)
        warehouse = warehouse_of(request, data["warehouse"])
        tool = Item.objects.filter(pk=data["tool"], company_id=warehouse.project.company_id, is_tool=True).first()
        if tool is None:
            raise NotFound("No such tool.", code="tool_not_found")
        loan = svc.apply(warehouse=warehouse, tool=tool, holder=project_user(warehouse.project, data["holder"]),
                         registered_by=request.user, quantity=data["quantity"], team=data["team"],
                         purpose=data["purpose"], days=data["days"])
        return Response(ToolLoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoresDecisionInput, responses={200: ToolLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(ToolLoanSerializer(svc.approve(loan=self.get_object(), approver=request.user,
                                                       comment=comment)).data)

    @extend_schema(request=StoresDecisionInput, responses={200: ToolLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        comment = valid(StoresDecisionInput, request)["comment"]
        return Response(ToolLoanSerializer(svc.reject(loan=self.get_object(), approver=request.user,
                                                      comment=comment)).data)

    @extend_schema(request=StoresCountedInput, responses={200: ToolLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def lend(self, request, pk=None):
        data = valid(StoresCountedInput, request)
        return Response(ToolLoanSerializer(svc.lend(loan=self.get_object(), issuer=request.user,
                                                    holder_password=data["password"], counted=data["counted"])).data)

    @extend_schema(request=StoresReturnInput, responses={200: ToolLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def take_back(self, request, pk=None):
        data = valid(StoresReturnInput, request)
        return Response(ToolLoanSerializer(svc.take_back(
            loan=self.get_object(), receiver=request.user, holder_password=data["password"], counted=data["counted"],
            intact=data["intact"], note=data["note"])).data)


def register(router) -> None:
    router.register("tool-loans", ToolLoanViewSet, basename="stores-tool-loan")
