"""REST API of the duty log (DUTY-LOG-1..6): entries, emergency forms and reports, daily sign-off, rounds.

Every queryset is cut to the user's projects (another project's record is 404), then to the projects
where the user's role may read the confidential log (DUTY-LOG-5); asking for a project the role may
not read is refused with 403 log_confidential."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.parsing import is_int
from core.permissions import projects_for
from core.rest_parsers import BoundedFormParser, BoundedJSONParser, BoundedMultiPartParser
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from duty.models import DaySignoff, DutyEntry, DutyRound, EmergencyReport
from duty.services import log as log_service
from duty.services import log_emergency, log_rounds, log_signoff
from duty.states import EntryKind, Severity, SignoffKind


class EntrySerializer(serializers.ModelSerializer):
    recorded_by = PersonSerializer(read_only=True)
    resolved_by = PersonSerializer(read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    emergency_report = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = DutyEntry
        fields = ["id", "project", "serial", "day", "shift_code", "kind", "kind_display", "severity", "occurred_at",
                  "recorded_at", "recorded_by", "unit", "location", "people", "what_happened", "handling", "result",
                  "status", "resolved_at", "resolved_by", "source", "emergency_report"]


class EntryCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.NORMAL)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    what_happened = serializers.CharField(allow_blank=True)
    handling = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    people = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ResolveSerializer(serializers.Serializer):
    result = serializers.CharField(allow_blank=True)
    handling = serializers.CharField(required=False, allow_blank=True, default="")


class EmergencyReportSerializer(serializers.ModelSerializer):
    filled_by = PersonSerializer(read_only=True)
    report_submitted_by = PersonSerializer(read_only=True, allow_null=True)
    report_received_by = PersonSerializer(read_only=True, allow_null=True)
    photos = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = EmergencyReport
        fields = ["id", "entry", "reported_to", "measures", "losses", "departments", "filled_by", "filled_at",
                  "report_due_at", "report_text", "report_submitted_at", "report_submitted_by", "report_received_by",
                  "report_received_at", "photos", "missing"]

    def get_photos(self, obj) -> int:
        return log_emergency.photo_count(obj)

    def get_missing(self, obj) -> list[str]:
        return log_emergency.missing_for_completion(obj)


class FillSerializer(serializers.Serializer):
    measures = serializers.CharField(allow_blank=True)
    reported_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    losses = serializers.CharField(required=False, allow_blank=True, default="")
    departments = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class PhotoSerializer(serializers.Serializer):
    file = serializers.FileField()


class PhotoOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sha256 = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)


class SignoffSerializer(serializers.ModelSerializer):
    signed_by = PersonSerializer(read_only=True)

    class Meta:
        model = DaySignoff
        fields = ["id", "project", "day", "kind", "signed_by", "signed_at", "entries_seen", "comment"]


class SignCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    day = serializers.DateField()
    kind = serializers.ChoiceField(choices=SignoffKind.choices)
    password = serializers.CharField(required=False, allow_blank=False, write_only=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RoundPointSerializer(serializers.Serializer):
    """A checkpoint of the round's patrol (DUTY-LOG-6): scanned_at null is not (yet) scanned — missed once the
    round is finished."""
    name = serializers.CharField()
    scanned_at = serializers.DateTimeField(allow_null=True)
    scanned_by = serializers.CharField()
    late = serializers.BooleanField()
    finding = serializers.CharField()


class RoundSerializer(serializers.ModelSerializer):
    performed_by = PersonSerializer(read_only=True)
    checkpoints = serializers.SerializerMethodField()

    class Meta:
        model = DutyRound
        fields = ["id", "project", "performed_by", "started_at", "finished_at", "checks", "lighting_checked",
                  "lighting_ok", "note", "patrol_route", "checkpoints"]

    @extend_schema_field(RoundPointSerializer(many=True))
    def get_checkpoints(self, obj) -> list:
        return RoundPointSerializer(log_rounds.walk_of(obj), many=True).data


class RoundStartSerializer(serializers.Serializer):
    project = serializers.IntegerField()


class CheckSerializer(serializers.Serializer):
    area = serializers.CharField(max_length=60)
    condition_ok = serializers.BooleanField()
    hygiene_ok = serializers.BooleanField()
    discipline_ok = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RoundFinishSerializer(serializers.Serializer):
    checks = CheckSerializer(many=True)
    lighting_ok = serializers.BooleanField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


def readable_projects(request, project_field: str = "project") -> list[int]:
    """Project ids whose log the user may read; an explicit ?project= the role may not read is a 403."""
    wanted = request.query_params.get("project", "")
    if is_int(wanted):
        project = my_project(request, int(wanted))
        log_service.require_log_reader(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if log_service.may_read_log(request.user, p)]


class _LogViewSet(viewsets.GenericViewSet):
    """Objects of the user's projects (others 404); reading one needs a reader role (403)."""

    project_path = "project"

    def get_object(self):
        obj = super().get_object()
        project = obj.entry.project if isinstance(obj, EmergencyReport) else obj.project
        log_service.require_log_reader(self.request.user, project)
        return obj

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        qs = self.base_queryset().filter(**{f"{self.project_path}__in": projects_for(self.request.user)})
        if self.action == "list":
            qs = qs.filter(**{f"{self.project_path}__in": readable_projects(self.request)})
        return qs


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("day", str), OpenApiParameter("status", str),
                           OpenApiParameter("severity", str), OpenApiParameter("kind", str)])
class EntryViewSet(_LogViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = EntrySerializer

    def base_queryset(self):
        qs = DutyEntry.objects.select_related("recorded_by", "resolved_by", "emergency_report").order_by("-recorded_at")
        for field in ("day", "status", "severity", "kind"):
            value = self.request.query_params.get(field)
            if value:
                qs = qs.filter(**{field: value})
        return qs

    @extend_schema(request=EntryCreateSerializer, responses={201: EntrySerializer, **ERRORS})
    def create(self, request):
        data = valid(EntryCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        log_service.require_log_reader(request.user, project)
        entry = log_service.record_entry(project=project, recorded_by=request.user, **data)
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResolveSerializer, responses={200: EntrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        entry = log_service.resolve_entry(entry=self.get_object(), resolved_by=request.user,
                                          **valid(ResolveSerializer, request))
        return Response(EntrySerializer(entry).data)


@extend_schema(parameters=[PROJECT_PARAM])
class EmergencyReportViewSet(_LogViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = EmergencyReportSerializer
    project_path = "entry__project"
    # The bounded parsers (core/rest_parsers.py): DRF's own would let a deep, huge or over-long body through.
    parser_classes = (BoundedJSONParser, BoundedMultiPartParser, BoundedFormParser)

    def base_queryset(self):
        return EmergencyReport.objects.select_related("entry__project", "filled_by").order_by("-pk")

    @extend_schema(request=FillSerializer, responses={200: EmergencyReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def fill(self, request, pk=None):
        report = log_emergency.fill_emergency_form(report=self.get_object(), filled_by=request.user,
                                                   **valid(FillSerializer, request))
        return Response(EmergencyReportSerializer(report).data)

    @extend_schema(request={"multipart/form-data": PhotoSerializer}, responses={201: PhotoOutSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def photos(self, request, pk=None):
        upload = valid(PhotoSerializer, request)["file"]
        photo = log_emergency.attach_emergency_photo(report=self.get_object(), uploaded_by=request.user,
                                                     name=upload.name, data=upload.read())
        return Response({"id": photo.pk, "name": photo.original_name, "sha256": photo.sha256},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=ReportSerializer, responses={200: EmergencyReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="submit-report")
    def submit_report(self, request, pk=None):
        report = log_emergency.submit_written_report(report=self.get_object(), submitted_by=request.user,
                                                     text=valid(ReportSerializer, request)["text"])
        return Response(EmergencyReportSerializer(report).data)

    @extend_schema(request=None, responses={200: EmergencyReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        report = log_emergency.acknowledge_report(report=self.get_object(), received_by=request.user)
        return Response(EmergencyReportSerializer(report).data)


@extend_schema(parameters=[PROJECT_PARAM])
class SignoffViewSet(_LogViewSet, mixins.ListModelMixin):
    serializer_class = SignoffSerializer

    def base_queryset(self):
        return DaySignoff.objects.select_related("signed_by").order_by("-day", "kind")

    @extend_schema(request=SignCreateSerializer, responses={201: SignoffSerializer, **ERRORS})
    def create(self, request):
        data = valid(SignCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        signoff = log_signoff.sign_day(project=project, signer=request.user, password=data.pop("password", None),
                                       **data)
        return Response(SignoffSerializer(signoff).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT_PARAM])
class RoundViewSet(_LogViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = RoundSerializer

    def base_queryset(self):
        return DutyRound.objects.select_related("performed_by").order_by("-started_at")

    @extend_schema(request=RoundStartSerializer, responses={201: RoundSerializer, **ERRORS})
    def create(self, request):
        project = my_project(request, valid(RoundStartSerializer, request)["project"])
        return Response(RoundSerializer(log_rounds.start_round(project=project, person=request.user)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=RoundFinishSerializer, responses={200: RoundSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = valid(RoundFinishSerializer, request)
        duty_round = log_rounds.finish_round(duty_round=self.get_object(), person=request.user,
                                             checks=[dict(c) for c in data["checks"]], lighting_ok=data["lighting_ok"],
                                             note=data["note"])
        return Response(RoundSerializer(duty_round).data)


urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
    router.register("log/entries", EntryViewSet, basename="duty-log-entry")
    router.register("log/emergency-reports", EmergencyReportViewSet, basename="duty-log-emergency")
    router.register("log/signoffs", SignoffViewSet, basename="duty-log-signoff")
    router.register("log/rounds", RoundViewSet, basename="duty-log-round")
