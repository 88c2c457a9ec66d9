"""API of the repairs area (REPAIR-1..5): report, issue the slip, appointment, set out, complete, sign, cancel.

Objects of other projects are 404; roles outside the repairs register get 403 (not_repairs_staff)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import handoffs
from core.errors import DomainError
from core.models import Resident, Unit
from core.permissions import member, projects_for, restrict
from core.serializers import FieldsBuiltOnce
from core.web.api import ERRORS, PersonSerializer, StrictIdField, member_record, my_project, valid
from desk.models import Contact, Repair, RepairStatus
from desk.permissions import may_view_repairs, require_repairs_viewer
from desk.services import repairs as service
from desk.services import repairs_sign


class RepairSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    reported_by = PersonSerializer(read_only=True)
    technician = PersonSerializer(read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = Repair
        fields = ["id", "project", "serial", "reported_at", "reported_by", "person_name", "phone", "resident", "unit",
                  "location", "public_area", "department", "content", "category", "appointment_at", "is_vip",
                  "contact", "source_ref", "status", "status_display", "slip_number", "dispatched_at", "technician",
                  "due_at", "late", "set_out_at", "completed_at", "work_done", "materials", "signed_at", "sign_method",
                  "signer_name", "signer_is_adult", "cancelled_at", "cancel_reason", "retain_until"]

    def get_late(self, obj) -> bool:
        from core import clock

        return obj.status == RepairStatus.DISPATCHED and bool(obj.due_at) and obj.due_at < clock.now()


class RepairReportSerializer(serializers.Serializer):
    project = StrictIdField()
    person_name = serializers.CharField(max_length=100, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    unit = StrictIdField(required=False, allow_null=True, default=None)
    resident = StrictIdField(required=False, allow_null=True, default=None)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    content = serializers.CharField(allow_blank=True)
    category = serializers.CharField(max_length=30)
    appointment_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    public_area = serializers.BooleanField(required=False, default=False)
    contact = StrictIdField(required=False, allow_null=True, default=None)


class RepairDispatchSerializer(serializers.Serializer):
    technician = StrictIdField(required=False, allow_null=True, default=None)
    appointment_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class RepairAppointmentSerializer(serializers.Serializer):
    appointment_at = serializers.DateTimeField()


class RepairDrawnSerializer(serializers.Serializer):
    item_code = serializers.CharField(max_length=30)
    quantity = serializers.IntegerField(min_value=1, max_value=100_000)


class RepairCompleteSerializer(serializers.Serializer):
    work_done = serializers.CharField(allow_blank=True)
    materials = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    drawn = RepairDrawnSerializer(many=True, required=False, max_length=50, default=list,
                                  help_text="Materials picked from the site's stock, issued by the store room.")


class RepairHouseholdSignSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, allow_blank=True)
    image = serializers.CharField(allow_blank=True)
    is_adult = serializers.BooleanField()


class RepairStaffSignSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(write_only=True, allow_blank=True)


class RepairReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True)


def _in_project(model, project, pk, field: str):
    if pk is None:
        return None
    obj = model.objects.filter(project=project, pk=pk).first()
    if obj is None:
        raise DomainError("No such record in this project.", code="not_in_project", details={"field": field})
    return obj


def _staff(project, pk):
    if pk is None:
        return None
    user = member(project, pk)
    if user is None:
        raise DomainError("No such staff member in this project.", code="not_in_project",
                          details={"field": "technician"})
    return user


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str),
                           OpenApiParameter("late", bool)])
class RepairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RepairSerializer

    def get_queryset(self):
        from core import clock
        from core.parsing import is_int
        from desk.models import OPEN_REPAIR_STATUSES

        user = self.request.user
        qs = restrict(Repair.objects, user).select_related("project", "reported_by", "technician", "unit__building")
        if self.action == "list":
            params = self.request.query_params
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_repairs_viewer(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=[p.pk for p in projects_for(user) if may_view_repairs(user, p)])
            wanted = params.get("status", "")
            if wanted == "open":
                qs = qs.filter(status__in=OPEN_REPAIR_STATUSES)
            elif wanted in RepairStatus.values:
                qs = qs.filter(status=wanted)
            if params.get("late") in ("1", "true"):
                qs = qs.filter(status=RepairStatus.DISPATCHED, due_at__lt=clock.now())
        return qs.order_by("-reported_at", "-pk")

    def get_object(self):
        if self.action == "retrieve":
            obj = super().get_object()
        else:
            # A change locks the repair again and reads what its answer shows with the lock (lock_repair): here
            # only whether the clerk may see it.
            obj = member_record(self.request, Repair.objects, self.kwargs.get("pk", ""))
        require_repairs_viewer(self.request.user, obj.project)
        return obj

    @extend_schema(request=RepairReportSerializer, responses={201: RepairSerializer, **ERRORS})
    def create(self, request):
        data = valid(RepairReportSerializer, request)
        project = my_project(request, data.pop("project"))
        require_repairs_viewer(request.user, project)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        data["contact"] = _in_project(Contact, project, data["contact"], "contact")
        repair = service.report_repair(project=project, reported_by=request.user, **data)
        return Response(RepairSerializer(repair).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RepairDispatchSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_slip(self, request, pk=None):
        repair = self.get_object()
        data = valid(RepairDispatchSerializer, request)
        repair = service.dispatch_repair(repair=repair, dispatched_by=request.user,
                                         technician=_staff(repair.project, data["technician"]),
                                         appointment_at=data["appointment_at"])
        return Response(RepairSerializer(repair).data)

    @extend_schema(request=RepairAppointmentSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def appointment(self, request, pk=None):
        repair = service.book_appointment(repair=self.get_object(), booked_by=request.user,
                                          **valid(RepairAppointmentSerializer, request))
        return Response(RepairSerializer(repair).data)

    @extend_schema(request=None, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="set-out")
    def set_out(self, request, pk=None):
        return Response(RepairSerializer(service.set_out(repair=self.get_object(), technician=request.user)).data)

    @extend_schema(request=RepairCompleteSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        data = valid(RepairCompleteSerializer, request)
        drawn = [handoffs.RepairMaterial(d["item_code"], d["quantity"]) for d in data.pop("drawn")]
        repair = service.complete_repair(repair=self.get_object(), completed_by=request.user, drawn=drawn, **data)
        return Response(RepairSerializer(repair).data)

    @extend_schema(request=RepairHouseholdSignSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="sign-household")
    def sign_household(self, request, pk=None):
        repair = repairs_sign.sign_by_household(repair=self.get_object(), witnessed_by=request.user,
                                                **valid(RepairHouseholdSignSerializer, request))
        return Response(RepairSerializer(repair).data)

    @extend_schema(request=RepairStaffSignSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="sign-staff")
    def sign_staff(self, request, pk=None):
        repair = self.get_object()
        data = valid(RepairStaffSignSerializer, request)
        repair = repairs_sign.sign_by_staff(repair=repair, signer=repairs_sign.staff_signer(repair.project, data["username"]),
                                            password=data["password"], actor=request.user)
        return Response(RepairSerializer(repair).data)

    @extend_schema(request=RepairReasonSerializer, responses={200: RepairSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        repair = service.cancel_repair(repair=self.get_object(), cancelled_by=request.user,
                                       **valid(RepairReasonSerializer, request))
        return Response(RepairSerializer(repair).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("repairs", RepairViewSet, basename="desk-repairs")
