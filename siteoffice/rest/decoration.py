"""API of decoration (DECOR-1, DECOR-2): applications and their steps, fees, permit, acceptance, refund; patrols
and violations. The owner's phone is answered masked unless the role handles decorations (CORE-3)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.masking import mask_phone
from core.models import Unit
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from siteoffice.models import Decoration, Patrol, Violation
from siteoffice.permissions import handle_decoration, read_decoration, require_decoration_reader
from siteoffice.rest.common import MoneyField, StrictIdField, mine
from siteoffice.rest.fees import LIST, DecisionInput, _Scoped
from siteoffice.services import decoration as svc
from siteoffice.services import patrols as patrol_svc


class DecorationSerializer(serializers.ModelSerializer):
    owner_phone = serializers.SerializerMethodField()
    applied_by = PersonSerializer(read_only=True)
    fee_receipt_number = serializers.CharField(source="fee_receipt.number", read_only=True, default=None)
    deposit_receipt_number = serializers.CharField(source="deposit_receipt.number", read_only=True, default=None)

    class Meta:
        model = Decoration
        fields = ["id", "project", "serial", "unit", "owner_name", "owner_phone", "contractor", "starts", "ends",
                  "works", "area", "structural", "structural_detail", "status", "applied_by", "applied_at",
                  "approved_at", "fee_receipt", "fee_receipt_number", "deposit_receipt", "deposit_receipt_number",
                  "permit_number", "permit_issued_at", "accepted_at", "acceptance_note", "closed_at"]

    def get_owner_phone(self, obj) -> str:
        request = self.context.get("request")
        if request is not None and handle_decoration(request.user, obj.project):
            return obj.owner_phone
        return mask_phone(obj.owner_phone)


class ApplyInput(serializers.Serializer):
    project = StrictIdField()
    unit = StrictIdField()
    owner_name = serializers.CharField(max_length=200, allow_blank=True)
    owner_phone = serializers.CharField(max_length=60, allow_blank=True)
    contractor = serializers.CharField(max_length=200, allow_blank=True)
    contractor_phone = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    starts = serializers.DateField()
    ends = serializers.DateField()
    works = serializers.CharField(max_length=4000, allow_blank=True)
    area = MoneyField(max_length=20)
    structural = serializers.BooleanField(default=False)
    structural_detail = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class StepInput(DecisionInput):
    drawings_checked = serializers.BooleanField(default=False)


class ChargeInput(serializers.Serializer):
    method = serializers.CharField(max_length=20)


class AcceptInput(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DepositRefundInput(serializers.Serializer):
    reason = serializers.CharField(max_length=600, allow_blank=True)
    amount = MoneyField(max_length=20, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class DecorationViewSet(_Scoped):
    serializer_class, queryset = DecorationSerializer, Decoration.objects.all()
    related = ("applied_by", "fee_receipt", "deposit_receipt", "project")
    reader, require = staticmethod(read_decoration), staticmethod(require_decoration_reader)

    def _answer(self, decoration, code=status.HTTP_200_OK):
        return Response(DecorationSerializer(decoration, context={"request": self.request}).data, status=code)

    @extend_schema(request=ApplyInput, responses={201: DecorationSerializer, **ERRORS})
    def create(self, request):
        data = valid(ApplyInput, request)
        project = my_project(request, data.pop("project"))
        d = svc.apply(project=project, by=request.user, unit=mine(request, Unit, data.pop("unit"), project=project),
                      **data)
        return self._answer(d, status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        data = valid(StepInput, request)
        return self._answer(svc.decide(decoration=self.get_object(), approver=request.user, approve=approve,
                                       comment=data["comment"], drawings_checked=data["drawings_checked"]))

    @extend_schema(request=StepInput, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=StepInput, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)

    @extend_schema(request=ChargeInput, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def charge(self, request, pk=None):
        data = valid(ChargeInput, request)
        return self._answer(svc.charge(decoration=self.get_object(), clerk=request.user, method=data["method"]))

    @extend_schema(request=None, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def permit(self, request, pk=None):
        return self._answer(svc.issue_permit(decoration=self.get_object(), by=request.user))

    @extend_schema(request=AcceptInput, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        data = valid(AcceptInput, request)
        return self._answer(svc.accept(decoration=self.get_object(), inspector=request.user, passed=data["passed"],
                                       note=data["note"]))

    @extend_schema(request=DepositRefundInput, responses={200: DecorationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        data = valid(DepositRefundInput, request)
        return self._answer(svc.refund_deposit(decoration=self.get_object(), clerk=request.user,
                                               reason=data["reason"], amount=data["amount"] or None))


class ViolationSerializer(serializers.ModelSerializer):
    found_by = PersonSerializer(read_only=True)

    class Meta:
        model = Violation
        fields = ["id", "project", "decoration", "patrol", "description", "severity", "deadline", "status",
                  "found_by", "found_at", "rectified_at", "rectification", "checked_at", "check_note"]


class PatrolSerializer(serializers.ModelSerializer):
    patrolled_by = PersonSerializer(read_only=True)
    violations = ViolationSerializer(many=True, read_only=True)

    class Meta:
        model = Patrol
        fields = ["id", "project", "zone", "patrolled_by", "patrolled_at", "households", "note", "violations"]


class FoundInput(serializers.Serializer):
    decoration = StrictIdField()
    description = serializers.CharField(max_length=1000, allow_blank=True)
    severity = serializers.CharField(max_length=20)
    deadline = serializers.DateField()


class PatrolInput(serializers.Serializer):
    project = StrictIdField()
    zone = serializers.CharField(max_length=60, allow_blank=True)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    violations = FoundInput(many=True, required=False, default=list)


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class RecheckInput(NoteInput):
    passed = serializers.BooleanField()


@extend_schema(parameters=LIST)
class PatrolViewSet(_Scoped):
    serializer_class, queryset = PatrolSerializer, Patrol.objects.all()
    related = ("patrolled_by", "project")
    reader, require = staticmethod(read_decoration), staticmethod(require_decoration_reader)

    @extend_schema(request=PatrolInput, responses={201: PatrolSerializer, **ERRORS})
    def create(self, request):
        data = valid(PatrolInput, request)
        patrol = patrol_svc.record_patrol(project=my_project(request, data["project"]), zone=data["zone"],
                                          by=request.user, note=data["note"], violations=data["violations"])
        return Response(PatrolSerializer(patrol).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=LIST)
class ViolationViewSet(_Scoped):
    serializer_class, queryset = ViolationSerializer, Violation.objects.all()
    related = ("found_by", "project")
    reader, require = staticmethod(read_decoration), staticmethod(require_decoration_reader)

    @extend_schema(request=NoteInput, responses={200: ViolationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        data = valid(NoteInput, request)
        return Response(ViolationSerializer(patrol_svc.rectify(violation=self.get_object(), by=request.user,
                                                               note=data["note"])).data)

    @extend_schema(request=RecheckInput, responses={200: ViolationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        data = valid(RecheckInput, request)
        return Response(ViolationSerializer(patrol_svc.recheck(violation=self.get_object(), by=request.user,
                                                               passed=data["passed"], note=data["note"])).data)


def register(router) -> None:
    router.register("decorations", DecorationViewSet, basename="siteoffice-decoration")
    router.register("patrols", PatrolViewSet, basename="siteoffice-patrol")
    router.register("violations", ViolationViewSet, basename="siteoffice-violation")
