"""API of destruction (ARCH-10): the lists (paged), drawing one up, approving or rejecting a step, recording the
destruction. Another project's list is 404; refusals carry the service's stable codes (within_retention,
volume_on_loan, confidential_not_shredded, not_approved, list_rejected, self_approval, same_approver_twice …)."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archives.models import DestructionApproval, DestructionLine, DestructionList
from archives.permissions import may_read, require_reader
from archives.rest.common import StrictIdField, listed_projects
from archives.services import destruction as svc
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid


class DestructionLineSerializer(serializers.ModelSerializer):
    volume_number = serializers.CharField(source="volume.number", read_only=True)
    volume_title = serializers.CharField(source="volume.title", read_only=True)

    class Meta:
        model = DestructionLine
        fields = ["volume", "volume_number", "volume_title", "confidential", "retain_until", "items", "place"]


class DestructionDecisionSerializer(serializers.ModelSerializer):
    approver = PersonSerializer(read_only=True)

    class Meta:
        model = DestructionApproval
        fields = ["step_index", "step_code", "step_label", "decision", "approver", "decided_at", "comment"]


class DestructionSerializer(serializers.ModelSerializer):
    drafted_by = PersonSerializer(read_only=True)
    destroyed_by = PersonSerializer(read_only=True)
    witness = PersonSerializer(read_only=True)
    lines = DestructionLineSerializer(many=True, read_only=True)
    approvals = DestructionDecisionSerializer(many=True, read_only=True)
    steps = serializers.SerializerMethodField()

    class Meta:
        model = DestructionList
        fields = ["id", "project", "serial", "reason", "early", "status", "steps", "chain_clause", "drafted_by",
                  "drafted_at", "approved_at", "approvals", "method", "destroyed_by", "witness", "destroyed_at",
                  "note", "lines"]

    def get_steps(self, obj) -> list[str]:
        return [step["code"] for step in obj.chain]


class DestructionDrawUpInput(serializers.Serializer):
    project = StrictIdField()
    volumes = serializers.ListField(child=StrictIdField(), max_length=svc.MAX_VOLUMES, allow_empty=True)
    reason = serializers.CharField(max_length=300, allow_blank=True)
    early = serializers.BooleanField(default=False)


class DestructionDecisionInput(serializers.Serializer):
    comment = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


class DestructionCarryOutInput(serializers.Serializer):
    method = serializers.CharField(max_length=20)
    witness = StrictIdField(required=False, allow_null=True, default=None)
    witness_password = serializers.CharField(max_length=200, allow_blank=True, required=False, default="",
                                             trim_whitespace=False)
    note = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class DestructionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Destruction lists 《档案销毁清册》 (ARCH-10). `method` of carry-out: shredded (碎纸机) or torn (撕毁)."""

    serializer_class = DestructionSerializer
    queryset = DestructionList.objects.all()

    def get_queryset(self):
        qs = restrict(DestructionList.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_read, require_reader))
        return (qs.select_related("drafted_by", "destroyed_by", "witness")
                .prefetch_related("lines__volume", "approvals__approver").order_by("-drafted_at", "-pk"))

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=DestructionDrawUpInput, responses={201: DestructionSerializer, **ERRORS})
    def create(self, request):
        data = valid(DestructionDrawUpInput, request)
        project = my_project(request, data["project"])
        destruction = svc.draw_up(project=project, by=request.user, volumes=data["volumes"], reason=data["reason"],
                                  early=data["early"])
        return Response(DestructionSerializer(destruction).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        data = valid(DestructionDecisionInput, request)
        destruction = svc.decide(destruction=self.get_object(), approver=request.user, approve=approve,
                                 comment=data["comment"])
        return Response(DestructionSerializer(destruction).data)

    @extend_schema(request=DestructionDecisionInput, responses={200: DestructionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=DestructionDecisionInput, responses={200: DestructionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)

    @extend_schema(request=DestructionCarryOutInput, responses={200: DestructionSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="carry-out")
    def carry_out(self, request, pk=None):
        destruction = self.get_object()
        data = valid(DestructionCarryOutInput, request)
        witness = project_user(destruction.project, data["witness"]) if data["witness"] else None
        destruction = svc.carry_out(destruction=destruction, by=request.user, method=data["method"], witness=witness,
                                    witness_password=data["witness_password"], note=data["note"])
        return Response(DestructionSerializer(destruction).data)


def register(router) -> None:
    router.register("destructions", DestructionViewSet, basename="archives-destruction")
