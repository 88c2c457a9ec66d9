"""API of filing (ARCH-3): a transfer record files items into a volume; both sides sign (the person handing over
with their password, the archivist with the session); the list of transfer records."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from archives.models import Transfer, Volume
from archives.permissions import may_keep, require_keeper
from archives.rest.catalogue import ItemSerializer
from archives.rest.common import StrictIdField, listed_projects
from archives.services import filing as svc
from core.errors import DomainError
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, project_user, valid


class TransferSerializer(serializers.ModelSerializer):
    handed_by = PersonSerializer(read_only=True)
    received_by = PersonSerializer(read_only=True)
    volume_number = serializers.CharField(source="volume.number", read_only=True)

    class Meta:
        model = Transfer
        fields = ["id", "project", "number", "volume", "volume_number", "handed_by", "received_by", "handed_at",
                  "counted", "late_items", "note"]


class TransferDetailSerializer(TransferSerializer):
    items = serializers.SerializerMethodField()

    class Meta(TransferSerializer.Meta):
        fields = [*TransferSerializer.Meta.fields, "items"]

    def get_items(self, obj) -> list[dict] | None:
        from archives.services.catalogue import may_see_items

        if not may_see_items(self.context["request"].user, obj.volume):
            return None
        return ItemSerializer(obj.items.order_by("seq"), many=True).data


class ItemInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True)
    doc_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    doc_date = serializers.DateField()
    pages = StrictIdField(min_value=1, max_value=100000)
    original = serializers.BooleanField(default=True)
    confidential = serializers.BooleanField(default=False)


class TransferInputSerializer(serializers.Serializer):
    volume = StrictIdField()
    handed_by = StrictIdField()
    handed_by_password = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=False)
    counted = StrictIdField(min_value=0, max_value=100000)
    items = ItemInputSerializer(many=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TransferSerializer
    queryset = Transfer.objects.all()

    def get_serializer_class(self):
        return TransferDetailSerializer if self.action == "retrieve" else TransferSerializer

    def get_queryset(self):
        qs = restrict(Transfer.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_keep, require_keeper))
        return qs.select_related("volume__category", "handed_by", "received_by").order_by("-handed_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_keeper(self.request.user, obj.project)
        return obj

    @extend_schema(request=TransferInputSerializer, responses={201: TransferDetailSerializer, **ERRORS})
    def create(self, request):
        data = valid(TransferInputSerializer, request)
        volume = restrict(Volume.objects, request.user).filter(pk=data["volume"]).first()
        if volume is None:
            raise DomainError("No such volume.", code="not_found", status=404)
        require_keeper(request.user, volume.project)
        transfer = svc.file_items(volume=volume, received_by=request.user,
                                  handed_by=project_user(volume.project, data["handed_by"]),
                                  handed_by_password=data["handed_by_password"], counted=data["counted"],
                                  items=[dict(row) for row in data["items"]], note=data["note"])
        return Response(TransferDetailSerializer(transfer, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("transfers", TransferViewSet, basename="archives-transfer")
