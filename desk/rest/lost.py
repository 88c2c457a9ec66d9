"""API of lost property (LOST-1): register, hand back against ID with a signature, dispose of before a witness."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.masking import mask_id_number
from core.models import User
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import DisposalMethod, LostItem, LostStatus
from desk.permissions import keep_lost_property, require_lost_keeper
from desk.rest.repairs import StrictIdField
from desk.services import lost as service


class LostItemSerializer(serializers.ModelSerializer):
    registered_by = PersonSerializer(read_only=True)
    returned_by = PersonSerializer(read_only=True, allow_null=True)
    disposed_by = PersonSerializer(read_only=True, allow_null=True)
    disposal_witness = PersonSerializer(read_only=True, allow_null=True)
    claimant_id_number = serializers.SerializerMethodField()

    class Meta:
        model = LostItem
        fields = ["id", "project", "serial", "description", "found_at", "place", "finder_name", "kept_at", "status",
                  "registered_by", "registered_at", "claimant_name", "claimant_id_number", "returned_at",
                  "returned_by", "disposed_at", "disposed_by", "disposal_witness", "disposal_method",
                  "disposal_reason"]

    def get_claimant_id_number(self, obj) -> str:
        return mask_id_number(obj.claimant_id_hint)


class LostRegisterSerializer(serializers.Serializer):
    project = StrictIdField()
    description = serializers.CharField(max_length=300, allow_blank=True)
    found_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=100, allow_blank=True)
    finder_name = serializers.CharField(max_length=60, allow_blank=True)
    finder_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    kept_at = serializers.CharField(max_length=100, allow_blank=True)


class HandBackSerializer(serializers.Serializer):
    claimant_name = serializers.CharField(max_length=60, allow_blank=True)
    id_number = serializers.CharField(max_length=18, allow_blank=True)
    claimant_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    signature_image = serializers.CharField(allow_blank=True)


class DisposeSerializer(serializers.Serializer):
    witness = StrictIdField()
    method = serializers.ChoiceField(choices=DisposalMethod.choices)
    reason = serializers.CharField(max_length=300, allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class LostItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LostItemSerializer

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        qs = restrict(LostItem.objects, user).select_related("registered_by", "returned_by", "disposed_by",
                                                              "disposal_witness")
        if self.action == "list":
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_lost_keeper(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=[p.pk for p in projects_for(user) if keep_lost_property(user, p)])
            if params.get("status", "") in LostStatus.values:
                qs = qs.filter(status=params["status"])
        return qs.order_by("-found_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_lost_keeper(self.request.user, obj.project)
        return obj

    @extend_schema(request=LostRegisterSerializer, responses={201: LostItemSerializer, **ERRORS})
    def create(self, request):
        data = valid(LostRegisterSerializer, request)
        project = my_project(request, data.pop("project"))
        require_lost_keeper(request.user, project)
        item = service.register(project=project, registered_by=request.user, **data)
        return Response(LostItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HandBackSerializer, responses={200: LostItemSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="hand-back")
    def hand_back(self, request, pk=None):
        item = service.hand_back(item=self.get_object(), returned_by=request.user, **valid(HandBackSerializer, request))
        return Response(LostItemSerializer(item).data)

    @extend_schema(request=DisposeSerializer, responses={200: LostItemSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        item = self.get_object()
        data = valid(DisposeSerializer, request)
        witness = User.objects.filter(memberships__project=item.project, pk=data.pop("witness")).distinct().first()
        item = service.dispose(item=item, disposed_by=request.user, witness=witness, **data)
        return Response(LostItemSerializer(item).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("lost-items", LostItemViewSet, basename="desk-lost-items")
