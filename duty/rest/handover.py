"""REST API of the shift handover (HANDOVER-1..8), the same services as the pages.

Every queryset is cut to the user's projects: another project's handover is a 404."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import signatures
from core.errors import NotFound
from core.parsing import is_int
from core.permissions import projects_for
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid
from duty.models import CarryItem, EquipmentOperation, Handover, HandoverCount, ItemCondition, OperationKind
from duty.services import handover as svc
from duty.services import handover_extra as extra

urlpatterns: list = []


class CountSerializer(serializers.ModelSerializer):
    discrepancy = serializers.BooleanField(read_only=True)

    class Meta:
        model = HandoverCount
        fields = ["id", "name", "category", "expected", "counted", "condition", "note", "explanation",
                  "explained_at", "discrepancy"]


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.CharField()
    clause = serializers.CharField(allow_blank=True)


class HandoverSerializer(serializers.ModelSerializer):
    outgoing = PersonSerializer(read_only=True)
    incoming = PersonSerializer(read_only=True)
    original_incoming = PersonSerializer(read_only=True, allow_null=True)
    counts = CountSerializer(many=True, read_only=True)
    signed_by = serializers.SerializerMethodField()

    class Meta:
        model = Handover
        fields = ["id", "project", "status", "shift_code", "shift_change_at", "outgoing", "incoming",
                  "original_incoming", "created_at", "arrived_at", "arrive_by", "arrived_late", "records_read",
                  "equipment_checked", "environment_checked", "public_repairs", "notes", "snapshot",
                  "unfit_declared_at", "unfit_reason", "substitute_named_at", "completed_at", "released_at",
                  "late_minutes", "counts", "signed_by"]

    def get_signed_by(self, obj) -> dict[str, str]:
        return {s.capacity: s.signer_name for s in signatures.signatures_of(obj)}


class StartSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    incoming = serializers.IntegerField()
    shift_change_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class CheckInSerializer(serializers.Serializer):
    password = serializers.CharField(required=False, allow_blank=True, default="", write_only=True)


class PreparationSerializer(serializers.Serializer):
    records_read = serializers.BooleanField()
    equipment_checked = serializers.BooleanField()
    environment_checked = serializers.BooleanField(required=False, default=False)
    public_repairs = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class CountInSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    counted = serializers.IntegerField(min_value=0)
    condition = serializers.ChoiceField(choices=ItemCondition.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CountsSerializer(serializers.Serializer):
    counts = CountInSerializer(many=True)


class ExplainSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    explanation = serializers.CharField(allow_blank=True)


class CompleteSerializer(serializers.Serializer):
    outgoing_password = serializers.CharField(write_only=True, allow_blank=True)
    incoming_password = serializers.CharField(write_only=True, allow_blank=True)


class UnfitSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class SubstituteSerializer(serializers.Serializer):
    substitute = serializers.IntegerField()


class CarryInSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, max_length=300)


class CarrySerializer(serializers.ModelSerializer):
    added_by = PersonSerializer(read_only=True)
    done_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CarryItem
        fields = ["id", "project", "handover", "text", "added_by", "added_at", "done_at", "done_by", "done_note"]


class DoneSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class OperationSerializer(serializers.ModelSerializer):
    started_by = PersonSerializer(read_only=True)
    finished_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = EquipmentOperation
        fields = ["id", "project", "equipment", "kind", "note", "started_at", "started_by", "finished_at",
                  "finished_by"]


class OperationInSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    equipment = serializers.CharField(allow_blank=True, max_length=100)
    kind = serializers.ChoiceField(choices=OperationKind.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


def _by_project(request, qs):
    qs = qs.filter(project__in=projects_for(request.user))
    wanted = request.query_params.get("project", "")
    return qs.filter(project=my_project(request, int(wanted))) if is_int(wanted) else qs


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("status", str)])
class HandoverViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HandoverSerializer

    def get_queryset(self):
        qs = _by_project(self.request, Handover.objects.select_related("outgoing", "incoming", "original_incoming")
                         .prefetch_related("counts").order_by("-shift_change_at", "-pk"))
        if self.request.query_params.get("status"):
            qs = qs.filter(status=self.request.query_params["status"])
        return qs

    def _done(self, handover):
        return Response(HandoverSerializer(Handover.objects.get(pk=handover.pk)).data)

    @extend_schema(request=StartSerializer, responses={201: HandoverSerializer, **ERRORS})
    def create(self, request):
        data = valid(StartSerializer, request)
        project = my_project(request, data["project"])
        handover = svc.start_handover(project=project, outgoing=request.user,
                                      incoming=project_user(project, data["incoming"]),
                                      shift_change_at=data["shift_change_at"])
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ReasonSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"], pagination_class=None)
    def blockers(self, request, pk=None):
        return Response(svc.blockers(self.get_object()))

    @extend_schema(request=CheckInSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        return self._done(svc.check_in(handover=self.get_object(), actor=request.user,
                                       **valid(CheckInSerializer, request)))

    @extend_schema(request=PreparationSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def preparation(self, request, pk=None):
        return self._done(svc.update_preparation(handover=self.get_object(), actor=request.user,
                                                 **valid(PreparationSerializer, request)))

    @extend_schema(request=CountsSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def counts(self, request, pk=None):
        rows = valid(CountsSerializer, request)["counts"]
        return self._done(svc.record_counts(handover=self.get_object(), counted_by=request.user,
                                            counts={r.pop("id"): r for r in rows}))

    @extend_schema(request=ExplainSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def explain(self, request, pk=None):
        handover, data = self.get_object(), valid(ExplainSerializer, request)
        count = handover.counts.filter(pk=data["count"]).first()
        if count is None:
            raise NotFound("No such item on this handover.", code="not_found")
        svc.explain_discrepancy(count=count, explained_by=request.user, explanation=data["explanation"])
        return self._done(handover)

    @extend_schema(request=None, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def ready(self, request, pk=None):
        return self._done(svc.mark_ready(handover=self.get_object(), actor=request.user))

    @extend_schema(request=None, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._done(svc.reopen(handover=self.get_object(), actor=request.user))

    @extend_schema(request=CompleteSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._done(svc.complete_handover(handover=self.get_object(), actor=request.user,
                                                **valid(CompleteSerializer, request)))

    @extend_schema(request=UnfitSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def unfit(self, request, pk=None):
        return self._done(extra.declare_unfit(handover=self.get_object(), declared_by=request.user,
                                              **valid(UnfitSerializer, request)))

    @extend_schema(request=SubstituteSerializer, responses={200: HandoverSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def substitute(self, request, pk=None):
        handover = self.get_object()
        person = project_user(handover.project, valid(SubstituteSerializer, request)["substitute"])
        return self._done(extra.name_substitute(handover=handover, named_by=request.user, substitute=person))

    @extend_schema(request=CarryInSerializer, responses={201: CarrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def carry(self, request, pk=None):
        item = extra.add_carry_item(handover=self.get_object(), added_by=request.user,
                                    **valid(CarryInSerializer, request))
        return Response(CarrySerializer(item).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("open", bool)])
class CarryItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CarrySerializer

    def get_queryset(self):
        qs = _by_project(self.request, CarryItem.objects.select_related("added_by", "done_by").order_by("added_at"))
        if self.request.query_params.get("open") in ("1", "true"):
            qs = qs.filter(done_at__isnull=True, handover__status="completed")
        return qs

    @extend_schema(request=DoneSerializer, responses={200: CarrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        item = extra.mark_carry_done(item=self.get_object(), done_by=request.user, **valid(DoneSerializer, request))
        return Response(CarrySerializer(item).data)


@extend_schema(parameters=[PROJECT_PARAM])
class EquipmentOperationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OperationSerializer

    def get_queryset(self):
        return _by_project(self.request, EquipmentOperation.objects.select_related("started_by", "finished_by"))

    @extend_schema(request=OperationInSerializer, responses={201: OperationSerializer, **ERRORS})
    def create(self, request):
        data = valid(OperationInSerializer, request)
        op = extra.start_equipment_operation(project=my_project(request, data.pop("project")),
                                             started_by=request.user, **data)
        return Response(OperationSerializer(op).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DoneSerializer, responses={200: OperationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        op = extra.finish_equipment_operation(operation=self.get_object(), finished_by=request.user,
                                              **valid(DoneSerializer, request))
        return Response(OperationSerializer(op).data)


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
    router.register("handovers", HandoverViewSet, basename="duty-handover")
    router.register("handover-carry-items", CarryItemViewSet, basename="duty-handover-carry")
    router.register("equipment-operations", EquipmentOperationViewSet, basename="duty-handover-equipment")
