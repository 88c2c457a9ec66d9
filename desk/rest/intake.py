"""API of the intake area (DESK-INTAKE-1..2): register, route, escalate, turn into a repair, close."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.roles import DepartmentCode
from core.serializers import FieldsBuiltOnce
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import Contact, ContactChannel, ContactKind, ContactStatus, EscalationLevel
from desk.rest.repairs import RepairSerializer, StrictIdField, _in_project
from desk.services import intake as service
from desk.services import intake_convert


class ContactSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    received_by = PersonSerializer(read_only=True)
    urgent = serializers.BooleanField(read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "project", "serial", "channel", "kind", "received_at", "received_by", "resident", "unit",
                  "person_name", "phone", "content", "is_vip", "urgent", "department", "routed_at", "status",
                  "escalation", "escalated_at", "escalation_reason", "matter_ref", "closed_at", "outcome",
                  "retain_until"]


class ContactRegisterSerializer(serializers.Serializer):
    project = StrictIdField()
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    person_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    content = serializers.CharField(allow_blank=True)
    unit = StrictIdField(required=False, allow_null=True, default=None)
    resident = StrictIdField(required=False, allow_null=True, default=None)
    department = serializers.ChoiceField(choices=DepartmentCode.choices, required=False, allow_blank=True, default="")


class ContactRouteSerializer(serializers.Serializer):
    department = serializers.ChoiceField(choices=DepartmentCode.choices)


class ContactEscalateSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=[c for c in EscalationLevel.choices if c[0]])
    reason = serializers.CharField(max_length=300, allow_blank=True)


class ContactOutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField(allow_blank=True)


class ContactToRepairSerializer(serializers.Serializer):
    category = serializers.CharField(max_length=30)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    appointment_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    public_area = serializers.BooleanField(required=False, default=False)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class ContactViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContactSerializer

    def get_queryset(self):
        user = self.request.user
        qs = restrict(Contact.objects, user).select_related("received_by")
        if self.action == "list":
            params = self.request.query_params
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                service.require_desk_staff(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=[p.pk for p in projects_for(user) if service.is_desk_staff(user, p)])
            wanted = params.get("status", "")
            if wanted == "open":
                qs = qs.exclude(status=ContactStatus.CLOSED)
            elif wanted in ContactStatus.values:
                qs = qs.filter(status=wanted)
        return qs.order_by("-received_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        service.require_desk_staff(self.request.user, obj.project)
        return obj

    @extend_schema(request=ContactRegisterSerializer, responses={201: ContactSerializer, **ERRORS})
    def create(self, request):
        from core.models import Resident, Unit

        data = valid(ContactRegisterSerializer, request)
        project = my_project(request, data.pop("project"))
        service.require_desk_staff(request.user, project)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        contact = service.register_contact(project=project, received_by=request.user, **data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ContactRouteSerializer, responses={200: ContactSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def route(self, request, pk=None):
        contact = service.route_contact(contact=self.get_object(), routed_by=request.user,
                                        **valid(ContactRouteSerializer, request))
        return Response(ContactSerializer(contact).data)

    @extend_schema(request=ContactEscalateSerializer, responses={200: ContactSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        contact = service.escalate_contact(contact=self.get_object(), escalated_by=request.user,
                                           **valid(ContactEscalateSerializer, request))
        return Response(ContactSerializer(contact).data)

    @extend_schema(request=ContactOutcomeSerializer, responses={200: ContactSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        contact = service.close_contact(contact=self.get_object(), closed_by=request.user,
                                        **valid(ContactOutcomeSerializer, request))
        return Response(ContactSerializer(contact).data)

    @extend_schema(request=ContactToRepairSerializer, responses={201: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="to-repair")
    def to_repair(self, request, pk=None):
        repair = intake_convert.contact_to_repair(contact=self.get_object(), actor=request.user,
                                                  **valid(ContactToRepairSerializer, request))
        return Response(RepairSerializer(repair).data, status=status.HTTP_201_CREATED)


urlpatterns: list = []


def register(router) -> None:
    router.register("contacts", ContactViewSet, basename="desk-intake-contacts")
