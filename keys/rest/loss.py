"""REST API of loss: loss/damage reports and their settlement (KEY-LOSS-1..3), repair-period key pickups and
developer confirmations (KEY-REPAIR-1), vacant-unit key duplication (KEY-VACANT-1). Same services as the pages."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.masking import mask_id_number
from core.models import Resident
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, project_user, valid
from keys.models import DeveloperConfirmation, DuplicationRequest, KeySet, LossReport, RepairPickup
from keys.services import loss, loss_vacant, repair_keys
from keys.services import loss_settlement as settle


def _my_key(request, pk) -> KeySet:
    return get_object_or_404(restrict(KeySet.objects, request.user), pk=pk)


class LossMeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    description = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    recorded_by = serializers.IntegerField(source="recorded_by_id")


class LossReportSerializer(serializers.ModelSerializer):
    reporter = PersonSerializer(read_only=True)
    reported_by = PersonSerializer(read_only=True)
    key_number = serializers.CharField(source="key.number", read_only=True)
    measures = LossMeasureSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField()

    class Meta:
        model = LossReport
        fields = ["id", "project", "key", "key_number", "kind", "status", "loan", "pieces", "reported_at", "reported_by",
                  "reporter", "place", "occurred_when", "circumstances", "whereabouts", "handle_by", "handled_at",
                  "duty_entry_id", "statement", "statement_at", "repairable", "assessment_note", "repair_sent_at",
                  "repaired_at", "repair_note", "compensation", "compensation_basis", "paid_amount", "receipt_number",
                  "paid_at", "patrols_increased", "lock_changed", "reassessment", "reassessed_at", "closed_at",
                  "measures", "missing"]

    def get_missing(self, obj) -> list[str]:
        return loss.missing_for_close(obj)


class LossCreateSerializer(serializers.Serializer):
    key = serializers.IntegerField()
    kind = serializers.CharField()
    place = serializers.CharField(allow_blank=True)
    occurred_when = serializers.CharField(allow_blank=True)
    circumstances = serializers.CharField(allow_blank=True)
    whereabouts = serializers.CharField(required=False, allow_blank=True, default="")
    reporter = serializers.IntegerField(required=False, allow_null=True)
    pieces = serializers.IntegerField(required=False, allow_null=True)


TEXT = {"text": serializers.CharField(allow_blank=True),
        "password": serializers.CharField(required=False, allow_null=True, default=None)}
ACTION_INPUTS = {
    "statement": inline_serializer("LossStatement", TEXT),
    "measure": inline_serializer("LossMeasureIn", {"kind": serializers.CharField(),
                                                   "description": serializers.CharField(allow_blank=True)}),
    "lock_change": inline_serializer("LossLockChange", {"description": serializers.CharField(allow_blank=True)}),
    "assess": inline_serializer("LossAssess", {"repairable": serializers.BooleanField(),
                                               "note": serializers.CharField(allow_blank=True)}),
    "note": inline_serializer("LossNote", {"note": serializers.CharField(allow_blank=True, required=False, default="")}),
    "compensation": inline_serializer("LossCompensation", {
        "amount": serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True,
                                           default=None),
        "basis": serializers.CharField(allow_blank=True, required=False, default="")}),
    "payment": inline_serializer("LossPayment", {"amount": serializers.DecimalField(max_digits=10, decimal_places=2),
                                                 "receipt_number": serializers.CharField(allow_blank=True)}),
    "reassess": inline_serializer("LossReassess", {"note": serializers.CharField(allow_blank=True),
                                                   "patrols_increased": serializers.BooleanField(default=False),
                                                   "lock_changed": serializers.BooleanField(default=False)}),
}


def _in(name: str):
    return ACTION_INPUTS[name].__class__


class LossReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Lost and damaged keys (KEY-LOSS-1..3)."""

    serializer_class = LossReportSerializer
    filterset_fields = ["project", "kind", "status", "key"]

    def get_queryset(self):
        return (restrict(LossReport.objects, self.request.user)
                .select_related("key", "reporter", "reported_by").prefetch_related("measures").order_by("-pk"))

    def _done(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().get(pk=report.pk)
        return Response(LossReportSerializer(report).data, status=code)

    @extend_schema(request=LossCreateSerializer, responses={201: LossReportSerializer, **ERRORS})
    def create(self, request):
        data = valid(LossCreateSerializer, request)
        key = _my_key(request, data.pop("key"))
        reporter_id = data.pop("reporter", None)
        reporter = project_user(key.project, reporter_id) if reporter_id else None
        report = loss.report_loss(key=key, reported_by=request.user, reporter=reporter, **data)
        return self._done(report, status.HTTP_201_CREATED)

    @extend_schema(request=ACTION_INPUTS["statement"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def statement(self, request, pk=None):
        report = self.get_object()
        data = valid(_in("statement"), request)
        author = report.reporter or report.reported_by
        # Without a password the caller signs as themselves; the service refuses anyone but the borrower.
        password = data["password"] if data["password"] is not None else None
        if password is None and author.pk != request.user.pk:
            author = request.user
        return self._done(loss.write_statement(report=report, author=author, text=data["text"], password=password))

    @extend_schema(request=ACTION_INPUTS["measure"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def measure(self, request, pk=None):
        report = self.get_object()
        loss.record_measure(report=report, recorded_by=request.user, **valid(_in("measure"), request))
        return self._done(report)

    @extend_schema(request=ACTION_INPUTS["lock_change"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="lock-change")
    def lock_change(self, request, pk=None):
        report = self.get_object()
        loss.request_lock_change(report=report, requested_by=request.user, **valid(_in("lock_change"), request))
        return self._done(report)

    @extend_schema(request=ACTION_INPUTS["assess"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        return self._done(settle.assess_damage(report=self.get_object(), assessed_by=request.user,
                                               **valid(_in("assess"), request)))

    @extend_schema(request=None, responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="send-repair")
    def send_repair(self, request, pk=None):
        return self._done(settle.send_for_repair(report=self.get_object(), sent_by=request.user))

    @extend_schema(request=ACTION_INPUTS["note"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="complete-repair")
    def complete_repair(self, request, pk=None):
        return self._done(settle.complete_repair(report=self.get_object(), repaired_by=request.user,
                                                 note=valid(_in("note"), request)["note"]))

    @extend_schema(request=ACTION_INPUTS["compensation"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def compensation(self, request, pk=None):
        return self._done(settle.set_compensation(report=self.get_object(), set_by=request.user,
                                                  **valid(_in("compensation"), request)))

    @extend_schema(request=ACTION_INPUTS["payment"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def payment(self, request, pk=None):
        return self._done(settle.record_payment(report=self.get_object(), received_by=request.user,
                                                **valid(_in("payment"), request)))

    @extend_schema(request=ACTION_INPUTS["reassess"], responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reassess(self, request, pk=None):
        return self._done(settle.record_reassessment(report=self.get_object(), recorded_by=request.user,
                                                     **valid(_in("reassess"), request)))

    @extend_schema(request=None, responses={200: LossReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._done(loss.close_report(report=self.get_object(), closed_by=request.user))


class RepairPickupSerializer(serializers.ModelSerializer):
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = RepairPickup
        fields = ["id", "project", "key", "resident", "picker_name", "relation", "id_kind", "id_number",
                  "certificate_number", "owner_consent_at", "pieces", "picked_up_at", "registered_by", "note"]

    def get_id_number(self, obj) -> str:
        return mask_id_number(obj.id_number_hint)


class PickupCreateSerializer(serializers.Serializer):
    key = serializers.IntegerField()
    picker_name = serializers.CharField(allow_blank=True)
    relation = serializers.CharField()
    id_kind = serializers.CharField()
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    certificate_number = serializers.CharField(required=False, allow_blank=True, default="")
    resident = serializers.IntegerField(required=False, allow_null=True)
    owner_consent = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RepairPickupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """《返修钥匙领取登记表》 (KEY-REPAIR-1); ID numbers masked."""

    serializer_class = RepairPickupSerializer
    filterset_fields = ["project", "key"]

    def get_queryset(self):
        return restrict(RepairPickup.objects, self.request.user).order_by("-pk")

    @extend_schema(request=PickupCreateSerializer, responses={201: RepairPickupSerializer, **ERRORS})
    def create(self, request):
        data = valid(PickupCreateSerializer, request)
        key = _my_key(request, data.pop("key"))
        resident_id = data.pop("resident", None)
        resident = get_object_or_404(Resident.objects.filter(project=key.project), pk=resident_id) if resident_id else None
        pickup = repair_keys.record_pickup(key=key, registered_by=request.user, resident=resident, **data)
        return Response(RepairPickupSerializer(pickup).data, status=status.HTTP_201_CREATED)


class DeveloperConfirmationSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeveloperConfirmation
        fields = ["id", "project", "key", "contractor_company", "developer_company", "developer_contact", "reference",
                  "valid_until", "recorded_by", "recorded_at"]
        read_only_fields = ["project", "recorded_by", "recorded_at"]


class DeveloperConfirmationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The developer's confirmation a contractor needs to borrow a repair key (KEY-REPAIR-1).
    Attach the scan through the attachments API."""

    serializer_class = DeveloperConfirmationSerializer
    filterset_fields = ["project", "key"]

    def get_queryset(self):
        return restrict(DeveloperConfirmation.objects, self.request.user).order_by("-pk")

    @extend_schema(request=DeveloperConfirmationSerializer, responses={201: DeveloperConfirmationSerializer, **ERRORS})
    def create(self, request):
        serializer = DeveloperConfirmationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        key = _my_key(request, data.pop("key").pk)
        confirmation = repair_keys.record_developer_confirmation(key=key, recorded_by=request.user, **data)
        return Response(DeveloperConfirmationSerializer(confirmation).data, status=status.HTTP_201_CREATED)


class RepairLoanCheckView(APIView):
    """Pre-check before applying for a loan of a repair key for a contractor (KEY-REPAIR-1)."""

    @extend_schema(request=inline_serializer("RepairLoanCheck", {
        "key": serializers.IntegerField(), "contractor_name": serializers.CharField(required=False, allow_blank=True),
        "contractor_company": serializers.CharField(required=False, allow_blank=True)}),
        responses={200: inline_serializer("RepairLoanCheckOk", {"ok": serializers.BooleanField()}), **ERRORS})
    def post(self, request):
        key = _my_key(request, request.data.get("key") or 0)
        repair_keys.require_developer_confirmation(key=key, contractor_name=str(request.data.get("contractor_name", "")),
                                                   contractor_company=str(request.data.get("contractor_company", "")))
        return Response({"ok": True})


class DuplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuplicationRequest
        fields = ["id", "project", "key", "reason", "count", "status", "requested_by", "requested_at", "decided_by",
                  "decided_at", "decision_note", "cut_recorded_by", "cut_at"]
        read_only_fields = ["project", "status", "requested_by", "requested_at", "decided_by", "decided_at",
                            "decision_note", "cut_recorded_by", "cut_at"]


DECISION = inline_serializer("DuplicationDecision", {"note": serializers.CharField(required=False, allow_blank=True,
                                                                                     default="")})


class DuplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cutting duplicates of vacant-unit keys, only with the custodian head's approval (KEY-VACANT-1)."""

    serializer_class = DuplicationSerializer
    filterset_fields = ["project", "key", "status"]

    def get_queryset(self):
        return restrict(DuplicationRequest.objects, self.request.user).order_by("-pk")

    @extend_schema(request=DuplicationSerializer, responses={201: DuplicationSerializer, **ERRORS})
    def create(self, request):
        serializer = DuplicationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        key = _my_key(request, data["key"].pk)
        dup = loss_vacant.request_duplication(key=key, requested_by=request.user, reason=data["reason"],
                                              count=data["count"])
        return Response(DuplicationSerializer(dup).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        note = valid(DECISION.__class__, request)["note"]
        dup = loss_vacant.decide_duplication(request=self.get_object(), decided_by=request.user, approve=approve,
                                             note=note)
        return Response(DuplicationSerializer(dup).data)

    @extend_schema(request=DECISION, responses={200: DuplicationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=DECISION, responses={200: DuplicationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)

    @extend_schema(request=None, responses={200: DuplicationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cut(self, request, pk=None):
        dup = loss_vacant.record_duplicates_cut(request=self.get_object(), recorded_by=request.user)
        return Response(DuplicationSerializer(dup).data)


def register(router) -> None:
    """Register this area's viewsets on the key-room router."""
    router.register("loss-reports", LossReportViewSet, basename="loss-report")
    router.register("repair-pickups", RepairPickupViewSet, basename="loss-repair-pickup")
    router.register("developer-confirmations", DeveloperConfirmationViewSet, basename="loss-developer-confirmation")
    router.register("vacant-duplications", DuplicationViewSet, basename="loss-duplication")


urlpatterns = [path("repair-loan-check/", RepairLoanCheckView.as_view(), name="loss-repair-loan-check")]
