"""API of freight (STOCK-10): a bill judged by the freight rules when entered; one awaiting approval decided by the
business department's manager."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.web.api import ERRORS, StrictIdField, my_project, valid
from stores.models import FreightCharge
from stores.rest.common import Scoped
from stores.services import freight as svc


class FreightSerializer(serializers.ModelSerializer):
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = FreightCharge
        fields = ("id", "project", "mode", "mode_label", "amount", "filed_price", "written_request", "status",
                  "status_label", "rule_clause", "entered_at", "decided_at", "comment")


class StoresEnterInput(serializers.Serializer):
    project = StrictIdField()
    mode = serializers.CharField(max_length=10)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    filed_price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False,
                                           allow_null=True, default=None)
    written_request = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class StoresDecideInput(serializers.Serializer):
    approved = serializers.BooleanField()
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class FreightViewSet(Scoped):
    serializer_class, queryset = FreightSerializer, FreightCharge.objects.all()

    @extend_schema(request=StoresEnterInput, responses={201: FreightSerializer, **ERRORS})
    def create(self, request):
        data = valid(StoresEnterInput, request)
        charge = svc.enter(project=my_project(request, data["project"]), by=request.user, mode=data["mode"],
                           amount=data["amount"], filed_price=data["filed_price"],
                           written_request=data["written_request"])
        return Response(FreightSerializer(charge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoresDecideInput, responses={200: FreightSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = valid(StoresDecideInput, request)
        return Response(FreightSerializer(svc.decide(charge=self.get_object(), approver=request.user,
                                                     approved=data["approved"], comment=data["comment"])).data)


def register(router) -> None:
    router.register("freight", FreightViewSet, basename="stores-freight")
