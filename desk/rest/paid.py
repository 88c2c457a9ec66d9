"""API of paid and convenience services (SERVICE-1): register, perform, sign, pay or waive, cancel."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import PaidService, PaidStatus
from desk.permissions import require_paid_staff
from desk.rest.repairs import StrictIdField, _in_project
from desk.services import paid as service


class PaidSerializer(serializers.ModelSerializer):
    registered_by = PersonSerializer(read_only=True)
    performed_by = PersonSerializer(read_only=True, allow_null=True)
    received_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = PaidService
        fields = ["id", "project", "serial", "registered_at", "registered_by", "resident", "unit", "person_name",
                  "phone", "description", "items", "total", "contact", "status", "performed_by", "performed_at",
                  "work_note", "signed_at", "signer_name", "amount_paid", "receipt_number", "received_by", "paid_at",
                  "waived", "waive_reason", "closed_at", "cancelled_at", "cancel_reason", "retain_until"]


class PaidItemSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    quantity = StrictIdField(min_value=1, max_value=1000, default=1)
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True)


class PaidRegisterSerializer(serializers.Serializer):
    project = StrictIdField()
    person_name = serializers.CharField(max_length=100, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    unit = StrictIdField(required=False, allow_null=True, default=None)
    resident = StrictIdField(required=False, allow_null=True, default=None)
    items = PaidItemSerializer(many=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    contact = StrictIdField(required=False, allow_null=True, default=None)


class PaidNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PaidSignSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, allow_blank=True)
    image = serializers.CharField(allow_blank=True)


class PaidPaySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    receipt_number = serializers.CharField(max_length=40, allow_blank=True)


class PaidReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class PaidViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PaidSerializer

    def get_queryset(self):
        user = self.request.user
        qs = restrict(PaidService.objects, user).select_related(
            "registered_by", "performed_by", "received_by")
        if self.action == "list":
            params = self.request.query_params
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_paid_staff(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=[p.pk for p in projects_for(user) if service.may_handle(user, p)])
            if params.get("status", "") in PaidStatus.values:
                qs = qs.filter(status=params["status"])
        return qs.order_by("-registered_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_paid_staff(self.request.user, obj.project)
        return obj

    @extend_schema(request=PaidRegisterSerializer, responses={201: PaidSerializer, **ERRORS})
    def create(self, request):
        from core.models import Resident, Unit
        from desk.models import Contact

        data = valid(PaidRegisterSerializer, request)
        project = my_project(request, data.pop("project"))
        require_paid_staff(request.user, project)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        data["contact"] = _in_project(Contact, project, data["contact"], "contact")
        data["items"] = [dict(i) for i in data["items"]]
        paid = service.register_service(project=project, registered_by=request.user, **data)
        return Response(PaidSerializer(paid).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PaidNoteSerializer, responses={200: PaidSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def perform(self, request, pk=None):
        paid = service.perform_service(service=self.get_object(), performed_by=request.user,
                                       **valid(PaidNoteSerializer, request))
        return Response(PaidSerializer(paid).data)

    @extend_schema(request=PaidSignSerializer, responses={200: PaidSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        paid = service.sign_service(service=self.get_object(), witnessed_by=request.user,
                                    **valid(PaidSignSerializer, request))
        return Response(PaidSerializer(paid).data)

    @extend_schema(request=PaidPaySerializer, responses={200: PaidSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        paid = service.record_payment(service=self.get_object(), received_by=request.user,
                                      **valid(PaidPaySerializer, request))
        return Response(PaidSerializer(paid).data)

    @extend_schema(request=PaidReasonSerializer, responses={200: PaidSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        paid = service.waive_charge(service=self.get_object(), waived_by=request.user,
                                    **valid(PaidReasonSerializer, request))
        return Response(PaidSerializer(paid).data)

    @extend_schema(request=PaidReasonSerializer, responses={200: PaidSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        paid = service.cancel_service(service=self.get_object(), cancelled_by=request.user,
                                      **valid(PaidReasonSerializer, request))
        return Response(PaidSerializer(paid).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("paid", PaidViewSet, basename="desk-paid-services")
