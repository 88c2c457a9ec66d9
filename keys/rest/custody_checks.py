"""REST API of custody_checks: shift key slips (KEY-SHIFT-1) and custody checks (KEY-CHECK-1)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, my_project, project_user, valid
from keys.models import CheckFinding, CustodyCheck, ShiftKeySlip, ShiftKeySlipLine
from keys.services import custody_checks as checks_service
from keys.services import shift_keys

urlpatterns: list = []


class ShiftSlipLineSerializer(serializers.ModelSerializer):
    key_number = serializers.CharField(source="key.number", read_only=True)

    class Meta:
        model = ShiftKeySlipLine
        fields = ["key", "key_number", "ledger_pieces", "counted_pieces"]


class ShiftSlipSerializer(serializers.ModelSerializer):
    lines = ShiftSlipLineSerializer(many=True, read_only=True)
    # Plain strings: the choice enums would collide by name with other apps' "kind"/"status" in the schema.
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    follow_status = serializers.CharField(read_only=True)

    class Meta:
        model = ShiftKeySlip
        fields = ["id", "project", "serial", "kind", "day", "collected", "handed_by", "received_by", "recorded_by",
                  "recorded_at", "status", "expected_pieces", "counted_pieces", "explanation", "follow_status",
                  "resolution", "lines"]


class ShiftSlipCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.CharField(max_length=12, help_text="collect, return or front_desk")
    collected = serializers.IntegerField(required=False, allow_null=True)
    handed_by = serializers.IntegerField()
    received_by = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0))
    handed_password = serializers.CharField(allow_blank=True, trim_whitespace=False)
    received_password = serializers.CharField(allow_blank=True, trim_whitespace=False)
    explanation = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ShiftSlipResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=300, allow_blank=True)


class SlipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ShiftSlipSerializer
    filterset_fields = ["project", "kind", "status", "day"]

    def get_queryset(self):
        return (restrict(ShiftKeySlip.objects, self.request.user)
                .prefetch_related("lines__key").order_by("-pk"))

    @extend_schema(request=ShiftSlipCreateSerializer, responses={201: ShiftSlipSerializer, **ERRORS})
    def create(self, request):
        data = valid(ShiftSlipCreateSerializer, request)
        project = my_project(request, data["project"])
        collected = None
        if data.get("collected"):
            collected = ShiftKeySlip.objects.filter(project=project, pk=data["collected"]).first()
            if collected is None:
                raise NotFound("No such record.", code="not_found")
        counts = {int(k): v for k, v in data["counts"].items() if is_int(str(k))}
        slip = shift_keys.record_slip(
            project=project, kind=data["kind"], recorded_by=request.user,
            handed_by=project_user(project, data["handed_by"]), received_by=project_user(project, data["received_by"]),
            counts=counts, handed_password=data["handed_password"], received_password=data["received_password"],
            explanation=data["explanation"], collected=collected)
        return Response(ShiftSlipSerializer(slip).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ShiftSlipResolveSerializer, responses={200: ShiftSlipSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        slip = shift_keys.resolve_slip_followup(slip=self.get_object(), resolved_by=request.user,
                                                resolution=valid(ShiftSlipResolveSerializer, request)["resolution"])
        return Response(ShiftSlipSerializer(slip).data)


class CustodyFindingSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    class Meta:
        model = CheckFinding
        fields = ["id", "check_record", "item", "description", "owner", "deadline", "status", "created_by",
                  "created_at", "action_taken", "closed_by", "closed_at"]


class CustodyCheckSerializer(serializers.ModelSerializer):
    findings = CustodyFindingSerializer(many=True, read_only=True)
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = CustodyCheck
        fields = ["id", "project", "kind", "department", "period_start", "period_end", "checklist", "results",
                  "inventory", "status", "started_by", "started_at", "completed_by", "completed_at", "note",
                  "findings"]


class CustodyCheckStartSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.CharField()


class CustodyFindingCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=300, allow_blank=True)
    owner = serializers.IntegerField()
    deadline = serializers.DateField(required=False, allow_null=True)
    item = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class CustodyCheckCompleteSerializer(serializers.Serializer):
    results = serializers.DictField(child=serializers.DictField())
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CustodyFindingCloseSerializer(serializers.Serializer):
    action_taken = serializers.CharField(max_length=300, allow_blank=True)


class CheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CustodyCheckSerializer
    filterset_fields = ["project", "kind", "status"]

    def get_queryset(self):
        return (restrict(CustodyCheck.objects, self.request.user)
                .prefetch_related("findings").order_by("-period_start", "-pk"))

    @extend_schema(request=CustodyCheckStartSerializer, responses={201: CustodyCheckSerializer, **ERRORS})
    def create(self, request):
        data = valid(CustodyCheckStartSerializer, request)
        project = my_project(request, data["project"])
        if data["kind"] == "spot":  # unannounced, by management (KEY-CHECK-2)
            check = checks_service.start_spot_check(project=project, started_by=request.user)
        else:
            check = checks_service.start_check(project=project, kind=data["kind"], started_by=request.user)
        return Response(CustodyCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CustodyFindingCreateSerializer, responses={201: CustodyFindingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        check = self.get_object()
        data = valid(CustodyFindingCreateSerializer, request)
        finding = checks_service.add_finding(check=check, added_by=request.user, description=data["description"],
                                             owner=project_user(check.project, data["owner"]),
                                             deadline=data.get("deadline"), item=data["item"])
        return Response(CustodyFindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CustodyCheckCompleteSerializer, responses={200: CustodyCheckSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        data = valid(CustodyCheckCompleteSerializer, request)
        check = checks_service.complete_check(check=self.get_object(), completed_by=request.user,
                                              results=data["results"], note=data["note"])
        return Response(CustodyCheckSerializer(check).data)


class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CustodyFindingSerializer
    filterset_fields = ["status", "owner"]

    def get_queryset(self):
        return (CheckFinding.objects.filter(check_record__project__in=projects_for(self.request.user))
                .order_by("deadline", "pk"))

    @extend_schema(request=CustodyFindingCloseSerializer, responses={200: CustodyFindingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        finding = checks_service.close_finding(finding=self.get_object(), closed_by=request.user,
                                               action_taken=valid(CustodyFindingCloseSerializer, request)["action_taken"])
        return Response(CustodyFindingSerializer(finding).data)


def register(router) -> None:
    """Register this area's viewsets on the key-room router."""
    router.register("custody-checks/slips", SlipViewSet, basename="custody-checks-slip")
    router.register("custody-checks/checks", CheckViewSet, basename="custody-checks-check")
    router.register("custody-checks/findings", FindingViewSet, basename="custody-checks-finding")
