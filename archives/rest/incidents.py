"""API of archive incidents (ARCH-6) and outsiders' readings (ARCH-8). An outsider's ID number is never answered,
only its last four characters; the introduction letter is uploaded here and opened through core's attachments."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser
from rest_framework.response import Response

from archives.models import ArchiveIncident, ArchiveLoan, OutsiderReading, Volume
from archives.permissions import may_keep, may_read, require_keeper, require_reader
from archives.rest.common import StrictIdField, listed_projects
from archives.services import incidents as incident_svc
from archives.services import outsiders as outsider_svc
from core import uploads
from core.errors import DomainError
from core.permissions import restrict
from core.rest_parsers import BoundedMultiPartParser
from core.web.api import ERRORS, PersonSerializer, project_user, valid


def _volume(request, pk: int) -> Volume:
    volume = restrict(Volume.objects, request.user).filter(pk=pk).select_related("category").first()
    if volume is None:
        raise DomainError(_("No such record."), code="not_found", status=404)
    return volume


class IncidentSerializer(serializers.ModelSerializer):
    volume_number = serializers.CharField(source="volume.number", read_only=True)
    loan_serial = serializers.CharField(source="loan.serial", read_only=True, default=None)
    reported_by = PersonSerializer(read_only=True)
    decided_by = PersonSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    accountability_display = serializers.CharField(source="get_accountability_display", read_only=True)

    class Meta:
        model = ArchiveIncident
        fields = ["id", "project", "serial", "volume", "volume_number", "loan", "loan_serial", "kind", "kind_display",
                  "report", "responsible_name", "reported_by", "reported_at", "status", "accountability",
                  "accountability_display", "decision_note", "decided_by", "decided_at"]


class IncidentInput(serializers.Serializer):
    volume = StrictIdField()
    kind = serializers.CharField(max_length=20)
    report = serializers.CharField(max_length=2000, allow_blank=True)
    responsible = StrictIdField(required=False)
    responsible_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    loan = StrictIdField(required=False)


class DecideInput(serializers.Serializer):
    accountability = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=300, allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = IncidentSerializer
    queryset = ArchiveIncident.objects.all()

    def get_queryset(self):
        qs = restrict(ArchiveIncident.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_read, require_reader))
        return qs.select_related("volume", "loan", "reported_by", "decided_by").order_by("-reported_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=IncidentInput, responses={201: IncidentSerializer, **ERRORS})
    def create(self, request):
        data = valid(IncidentInput, request)
        volume = _volume(request, data["volume"])
        require_keeper(request.user, volume.project)
        loan = None
        if data.get("loan"):
            loan = ArchiveLoan.objects.filter(project=volume.project, pk=data["loan"]).first()
            if loan is None:
                raise DomainError(_("No such record."), code="not_found", status=404)
        responsible = project_user(volume.project, data["responsible"]) if data.get("responsible") else None
        incident = incident_svc.report(volume=volume, kind=data["kind"], text=data["report"],
                                       reported_by=request.user, responsible=responsible,
                                       responsible_name=data["responsible_name"], loan=loan)
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecideInput, responses={200: IncidentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        incident = self.get_object()
        data = valid(DecideInput, request)
        incident = incident_svc.decide(incident=incident, decided_by=request.user,
                                       accountability=data["accountability"], note=data["note"])
        return Response(IncidentSerializer(incident).data)


class OutsiderSerializer(serializers.ModelSerializer):
    volume_number = serializers.CharField(source="volume.number", read_only=True)
    registered_by = PersonSerializer(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    letters = serializers.SerializerMethodField()

    class Meta:
        model = OutsiderReading
        fields = ["id", "project", "serial", "volume", "volume_number", "visitor_name", "visitor_unit",
                  "id_number_hint", "purpose", "status", "status_display", "registered_by", "registered_at",
                  "approved_at", "started_at", "items_out", "ended_at", "items_in", "note", "letters"]

    def get_letters(self, obj) -> int:
        return outsider_svc._letters(obj).count()


class OutsiderInput(serializers.Serializer):
    volume = StrictIdField()
    visitor_name = serializers.CharField(max_length=60, allow_blank=True)
    visitor_unit = serializers.CharField(max_length=100, allow_blank=True)
    id_number = serializers.CharField(max_length=18, allow_blank=True)
    purpose = serializers.CharField(max_length=300, allow_blank=True)


class OutsiderDecision(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class BeginInput(serializers.Serializer):
    counted = StrictIdField(min_value=0, max_value=100000)
    signature_image = serializers.CharField(max_length=400000, allow_blank=True)


class FinishInput(serializers.Serializer):
    counted = StrictIdField(min_value=0, max_value=100000)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class OutsiderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OutsiderSerializer
    queryset = OutsiderReading.objects.all()

    def get_queryset(self):
        qs = restrict(OutsiderReading.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_keep, require_keeper))
        return qs.select_related("volume", "registered_by").order_by("-registered_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=OutsiderInput, responses={201: OutsiderSerializer, **ERRORS})
    def create(self, request):
        data = valid(OutsiderInput, request)
        volume = _volume(request, data["volume"])
        reading = outsider_svc.register(volume=volume, registered_by=request.user, visitor_name=data["visitor_name"],
                                        visitor_unit=data["visitor_unit"], id_number=data["id_number"],
                                        purpose=data["purpose"])
        return Response(OutsiderSerializer(reading).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": inline_serializer("LetterUpload",
                                                                     {"file": serializers.FileField()})},
                   responses={201: OutsiderSerializer, **ERRORS})
    @action(detail=True, methods=["post"], parser_classes=[BoundedMultiPartParser, FormParser])
    def letter(self, request, pk=None):
        reading = self.get_object()
        refusal = uploads.refused(request)
        if refusal is not None:
            raise refusal
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError(_("Choose the scan of the introduction letter."), code="file_required",
                              details={"field": "file"})
        outsider_svc.attach_letter(reading=reading, uploaded_by=request.user, name=upload.name, data=upload.read())
        return Response(OutsiderSerializer(reading).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        reading = self.get_object()
        data = valid(OutsiderDecision, request)
        reading = outsider_svc.decide(reading=reading, approver=request.user, approve=approve,
                                      comment=data["comment"])
        return Response(OutsiderSerializer(reading).data)

    @extend_schema(request=OutsiderDecision, responses={200: OutsiderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=OutsiderDecision, responses={200: OutsiderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)

    @extend_schema(request=BeginInput, responses={200: OutsiderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def begin(self, request, pk=None):
        reading = self.get_object()
        data = valid(BeginInput, request)
        reading = outsider_svc.begin(reading=reading, archivist=request.user, counted=data["counted"],
                                     signature_image=data["signature_image"])
        return Response(OutsiderSerializer(reading).data)

    @extend_schema(request=FinishInput, responses={200: OutsiderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        reading = self.get_object()
        data = valid(FinishInput, request)
        reading = outsider_svc.finish(reading=reading, archivist=request.user, counted=data["counted"],
                                      note=data["note"])
        return Response(OutsiderSerializer(reading).data)


def register(router) -> None:
    router.register("incidents", IncidentViewSet, basename="archives-incident")
    router.register("outsiders", OutsiderViewSet, basename="archives-outsider")
