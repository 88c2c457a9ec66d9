"""REST API of deposit: deposits and sealed-key openings (KEY-DEPOSIT-1..5), the same services as the pages."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from core.models import Resident, Unit
from core.permissions import restrict
from core.web.api import ERRORS, my_project, project_user, valid
from keys.models import CollectorKind, DepositApproval, EmergencyKind, KeyDeposit, KeyDepositOpening, OpeningKind
from keys.services import deposit as svc
from keys.services import deposit_opening as op

urlpatterns: list = []


class DepositSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    key_number = serializers.CharField(source="key.number", read_only=True)

    class Meta:
        model = KeyDeposit
        fields = ["id", "project", "serial", "resident", "unit", "key", "key_number", "pieces", "sealed",
                  "seal_number", "purpose", "may_collect", "status", "status_display", "deposited_at",
                  "is_temporary", "third_party_name", "third_party_kind", "expires_at", "closed_at"]


class DepositCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    resident = serializers.IntegerField()
    unit = serializers.IntegerField()
    pieces = serializers.IntegerField(min_value=1, max_value=999)
    storage = serializers.CharField(max_length=60)
    purpose = serializers.CharField(max_length=200)
    sealed = serializers.BooleanField(default=False)
    seal_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    may_collect = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    signer_name = serializers.CharField(max_length=100)
    signature_image = serializers.CharField()
    is_temporary = serializers.BooleanField(default=False)
    third_party_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    third_party_kind = serializers.ChoiceField(choices=CollectorKind.choices, required=False, allow_blank=True,
                                               default="")
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class DepositApprovalSerializer(serializers.ModelSerializer):
    class Meta:
        model = DepositApproval
        fields = ["step_index", "step_label", "approver", "approved", "comment", "decided_at"]


class OpeningSerializer(serializers.ModelSerializer):
    approvals = DepositApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = KeyDepositOpening
        fields = ["id", "deposit", "project", "kind", "emergency_kind", "reason", "status", "chain", "chain_clause",
                  "requested_by", "requested_at", "resident_called_at", "call_outcome", "entered_at", "left_at",
                  "paperwork_due_at", "paperwork_completed_at", "old_seal_number", "new_seal_number", "approvals"]


class OpeningRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OpeningKind.choices)
    reason = serializers.CharField(max_length=300)
    emergency_kind = serializers.ChoiceField(choices=EmergencyKind.choices, required=False, allow_blank=True,
                                             default="")


class WitnessSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    password = serializers.CharField(trim_whitespace=False)


class OpenSerializer(serializers.Serializer):
    witnesses = WitnessSerializer(many=True)
    before_note = serializers.CharField(max_length=300)


def _in_project(model, project, pk):
    obj = model.objects.filter(project=project, pk=pk).first()
    if obj is None:
        raise NotFound("No such record.", code="not_found")
    return obj


class DepositViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DepositSerializer
    filterset_fields = ["project", "status", "sealed"]

    def get_queryset(self):
        return restrict(KeyDeposit.objects, self.request.user).select_related("key") \
            .order_by("-pk")

    @extend_schema(request=DepositCreateSerializer, responses={201: DepositSerializer, **ERRORS})
    def create(self, request):
        data = valid(DepositCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        deposit = svc.deposit_key(project=project, received_by=request.user,
                                  resident=_in_project(Resident, project, data.pop("resident")),
                                  unit=_in_project(Unit, project, data.pop("unit")), **data)
        return Response(DepositSerializer(deposit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OpeningRequestSerializer, responses={201: OpeningSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="request-opening")
    def request_opening(self, request, pk=None):
        opening = op.request_opening(deposit=self.get_object(), requested_by=request.user,
                                     **valid(OpeningRequestSerializer, request))
        return Response(OpeningSerializer(opening).data, status=status.HTTP_201_CREATED)


class OpeningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OpeningSerializer
    filterset_fields = ["project", "status", "kind"]

    def get_queryset(self):
        return restrict(KeyDepositOpening.objects, self.request.user) \
            .prefetch_related("approvals").order_by("-pk")

    def _done(self, opening):
        return Response(OpeningSerializer(KeyDepositOpening.objects.get(pk=opening.pk)).data)

    @extend_schema(request=None, responses={200: OpeningSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._done(op.decide_opening(opening=self.get_object(), approver=request.user,
                                            comment=str(request.data.get("comment", ""))))

    @extend_schema(request=None, responses={200: OpeningSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._done(op.decide_opening(opening=self.get_object(), approver=request.user, approve=False,
                                            comment=str(request.data.get("comment", ""))))

    @extend_schema(request=None, responses={200: OpeningSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def call(self, request, pk=None):
        return self._done(op.log_resident_call(opening=self.get_object(), called_by=request.user,
                                               outcome=str(request.data.get("outcome", ""))))

    @extend_schema(request=OpenSerializer, responses={200: OpeningSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="open")
    def open_key(self, request, pk=None):
        opening = self.get_object()
        data = valid(OpenSerializer, request)
        people = [(project_user(opening.project, w["person"]), w["password"]) for w in data["witnesses"]]
        return self._done(op.open_sealed_key(opening=opening, actor=request.user, witnesses=people,
                                             before_note=data["before_note"]))


def register(router) -> None:
    """Register this area's viewsets on the key-room router."""
    router.register("deposits", DepositViewSet, basename="deposit")
    router.register("deposit-openings", OpeningViewSet, basename="deposit-opening")
