"""API of goods-release passes, access passes and the gate (PASS-1): the same services as the pages. The gate's
endpoints take the pass's code, never an id, and answer only within the guard's own project."""
from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import DomainError
from core.masking import mask_id_number
from core.models import Unit
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import AccessPass, AccessStatus, ConsentMethod, GoodsPass, GoodsStatus
from desk.permissions import require_gate, require_pass_issuer
from desk.rest.repairs import StrictIdField, _in_project
from desk.services import passes as service
from desk.services import passes_access as access_service
from desk.services import passes_gate as gate


class GoodsPassSerializer(serializers.ModelSerializer):
    registered_by = PersonSerializer(read_only=True)
    exit_guard = PersonSerializer(read_only=True, allow_null=True)
    unit_label = serializers.CharField(source="unit.label", read_only=True)

    class Meta:
        model = GoodsPass
        fields = ["id", "project", "serial", "code", "unit", "unit_label", "applicant_kind", "applicant_name",
                  "applicant_phone", "goods", "vehicle_plate", "exit_date", "note", "chain", "chain_clause", "status",
                  "registered_by", "registered_at", "owner_consent", "owner_name", "owner_consent_method",
                  "owner_consent_note", "owner_consent_at", "approved_at", "exited_at", "exit_guard", "discrepancy",
                  "revoked_at", "revoke_reason"]


class GoodsLineSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    quantity = StrictIdField(min_value=1, max_value=service.MAX_QUANTITY, default=1)


class GoodsApplySerializer(serializers.Serializer):
    project = StrictIdField()
    unit = StrictIdField()
    applicant_kind = serializers.CharField(max_length=10)
    applicant_name = serializers.CharField(max_length=60, allow_blank=True)
    applicant_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    goods = GoodsLineSerializer(many=True)
    vehicle_plate = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    exit_date = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ConsentSerializer(serializers.Serializer):
    owner_name = serializers.CharField(max_length=60, allow_blank=True)
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    consents = serializers.BooleanField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _issuer_projects(user) -> list[int]:
    return [p.pk for p in projects_for(user) if service.may_issue(user, p)]


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class GoodsPassViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GoodsPassSerializer

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        qs = restrict(GoodsPass.objects, user).select_related("unit__building", "registered_by", "exit_guard")
        if self.action == "list":
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_pass_issuer(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=_issuer_projects(user))
            if params.get("status", "") in GoodsStatus.values:
                qs = qs.filter(status=params["status"])
        return qs.order_by("-registered_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_pass_issuer(self.request.user, obj.project)
        return obj

    @extend_schema(request=GoodsApplySerializer, responses={201: GoodsPassSerializer, **ERRORS})
    def create(self, request):
        data = valid(GoodsApplySerializer, request)
        project = my_project(request, data.pop("project"))
        require_pass_issuer(request.user, project)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["goods"] = [dict(line) for line in data["goods"]]
        made = service.apply(project=project, registered_by=request.user, **data)
        return Response(GoodsPassSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ConsentSerializer, responses={200: GoodsPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        made = service.record_owner_consent(goods_pass=self.get_object(), recorded_by=request.user,
                                            **valid(ConsentSerializer, request))
        return Response(GoodsPassSerializer(made).data)

    @extend_schema(request=CommentSerializer, responses={200: GoodsPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        made = service.decide(goods_pass=self.get_object(), approver=request.user, approve=True,
                              **valid(CommentSerializer, request))
        return Response(GoodsPassSerializer(made).data)

    @extend_schema(request=CommentSerializer, responses={200: GoodsPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        made = service.decide(goods_pass=self.get_object(), approver=request.user, approve=False,
                              **valid(CommentSerializer, request))
        return Response(GoodsPassSerializer(made).data)

    @extend_schema(request=ReasonSerializer, responses={200: GoodsPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        made = service.revoke(goods_pass=self.get_object(), revoked_by=request.user, **valid(ReasonSerializer, request))
        return Response(GoodsPassSerializer(made).data)


class AccessPassSerializer(serializers.ModelSerializer):
    issued_by = PersonSerializer(read_only=True)
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = AccessPass
        fields = ["id", "project", "serial", "code", "holder_name", "id_number", "company_name", "unit", "area",
                  "purpose", "valid_from", "valid_until", "status", "issued_by", "issued_at", "closed_at",
                  "close_reason"]

    def get_id_number(self, obj) -> str:
        return mask_id_number(obj.id_number_hint)


class AccessIssueSerializer(serializers.Serializer):
    project = StrictIdField()
    holder_name = serializers.CharField(max_length=60, allow_blank=True)
    id_number = serializers.CharField(max_length=18, allow_blank=True)
    company_name = serializers.CharField(max_length=100, allow_blank=True)
    unit = StrictIdField(required=False, allow_null=True, default=None)
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=300, allow_blank=True)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class AccessPassViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AccessPassSerializer

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        qs = restrict(AccessPass.objects, user).select_related("issued_by")
        if self.action == "list":
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_pass_issuer(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=_issuer_projects(user))
            if params.get("status", "") in AccessStatus.values:
                qs = qs.filter(status=params["status"])
        return qs.order_by("-issued_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_pass_issuer(self.request.user, obj.project)
        return obj

    @extend_schema(request=AccessIssueSerializer, responses={201: AccessPassSerializer, **ERRORS})
    def create(self, request):
        data = valid(AccessIssueSerializer, request)
        project = my_project(request, data.pop("project"))
        require_pass_issuer(request.user, project)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        made = access_service.issue(project=project, issued_by=request.user, **data)
        return Response(AccessPassSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: AccessPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="hand-back")
    def hand_back(self, request, pk=None):
        made = access_service.close(access_pass=self.get_object(), closed_by=request.user, revoke=False)
        return Response(AccessPassSerializer(made).data)

    @extend_schema(request=ReasonSerializer, responses={200: AccessPassSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        made = access_service.close(access_pass=self.get_object(), closed_by=request.user, revoke=True,
                                    **valid(ReasonSerializer, request))
        return Response(AccessPassSerializer(made).data)


class GateSerializer(serializers.Serializer):
    project = StrictIdField()
    code = serializers.CharField(max_length=200)
    action = serializers.ChoiceField(choices=["look", "exit", "check"], required=False, default="look")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class GateAnswerSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["goods", "access"])
    usable = serializers.BooleanField()
    refusal = serializers.DictField(allow_null=True)
    goods_pass = GoodsPassSerializer(allow_null=True)
    access_pass = AccessPassSerializer(allow_null=True)


class GateView(APIView):
    """POST /api/desk/gate/ {project, code, action: look|exit|check, note}: the guard's phone asks what a pass
    allows (look), lets goods out (exit, note = discrepancy) or records an access pass checked (check)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=GateSerializer, responses={200: GateAnswerSerializer, **ERRORS})
    def post(self, request):
        data = valid(GateSerializer, request)
        project = my_project(request, data["project"])
        require_gate(request.user, project)
        found = gate.find(project=project, code=data["code"])
        is_goods = isinstance(found, GoodsPass)
        if data["action"] != "look" and is_goods != (data["action"] == "exit"):
            raise DomainError(_("Goods are let out on a goods-release pass; an access pass is checked."),
                              code="wrong_kind_of_pass", rule="PASS-1", details={"field": "action"})
        if data["action"] == "exit":
            found = gate.record_exit(goods_pass=found, guard=request.user, discrepancy=data["note"])
        elif data["action"] == "check":
            gate.record_access_check(access_pass=found, guard=request.user, note=data["note"])
        problem = gate.goods_refusal(found) if is_goods else gate.access_refusal(found)
        return Response({"kind": "goods" if is_goods else "access", "usable": problem is None,
                         "refusal": problem.as_dict() if problem else None,
                         "goods_pass": GoodsPassSerializer(found).data if is_goods else None,
                         "access_pass": None if is_goods else AccessPassSerializer(found).data})


urlpatterns = [path("gate/", GateView.as_view(), name="desk-gate")]


def register(router) -> None:
    router.register("goods-passes", GoodsPassViewSet, basename="desk-goods-passes")
    router.register("access-passes", AccessPassViewSet, basename="desk-access-passes")
