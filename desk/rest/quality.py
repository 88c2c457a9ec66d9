"""API of the quality-check area (QUALITY-1): checks with their nonconformities, closing one, the
weekly counts and the per-person summary. Another project's record is 404; roles outside the
readers/checkers 403."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.errors import DomainError
from core.models import User
from core.parsing import is_int, safe_date
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import CheckKind, Nonconformity, QualityCheck
from desk.permissions import require_quality_reader
from desk.selectors import complaints as complaint_selectors
from desk.selectors import quality as selectors
from desk.services import quality as svc
from duty.models import Handover  # declared direction: quality checks inspect handovers


class NonconformitySerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    closed_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Nonconformity
        fields = ["id", "check_record", "item", "person", "description", "correction", "deadline", "status",
                  "closed_at", "closed_by", "closure_note"]


class QualityCheckSerializer(serializers.ModelSerializer):
    checked_by = PersonSerializer(read_only=True)
    nonconformities = NonconformitySerializer(many=True, read_only=True)

    class Meta:
        model = QualityCheck
        fields = ["id", "project", "serial", "kind", "handover", "checked_by", "checked_at", "week_start", "results",
                  "note", "nonconformities"]


class NonconformityInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=60)
    person = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)
    correction = serializers.CharField(allow_blank=True)
    deadline = serializers.DateField()


class QualityCheckCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CheckKind.choices)
    handover = serializers.IntegerField(required=False, allow_null=True, default=None)
    failed_items = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    nonconformities = NonconformityInputSerializer(many=True, required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class NonconformityCloseSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, max_length=300)


class QualityWeekSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    count = serializers.IntegerField()
    need = serializers.IntegerField()
    short = serializers.BooleanField()
    running = serializers.BooleanField()


def _readable(request) -> list[int]:
    wanted = request.query_params.get("project", "")
    if is_int(wanted):
        project = my_project(request, int(wanted))
        require_quality_reader(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if svc.may(request.user, p, "desk.quality.reader_roles")]


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


@extend_schema(parameters=[PROJECT_PARAM])
class CheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QualityCheckSerializer

    def get_queryset(self):
        qs = restrict(QualityCheck.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=_readable(self.request))
        return qs.select_related("checked_by").prefetch_related("nonconformities__person").order_by("-checked_at")

    def get_object(self):
        obj = super().get_object()
        require_quality_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=QualityCheckCreateSerializer, responses={201: QualityCheckSerializer, **ERRORS})
    def create(self, request):
        data = valid(QualityCheckCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        svc.require_checker(request.user, project)
        handover = None
        if data["handover"] is not None:
            handover = Handover.objects.filter(project=project, pk=data["handover"]).first()
            if handover is None:
                raise DomainError("No such handover in this project.", code="invalid_choice", rule="CORE-1")
        rows = []
        for row in data["nonconformities"]:
            row = dict(row)
            person = User.objects.filter(pk=row["person"], memberships__project=project).distinct().first()
            if person is None:
                raise DomainError("No such staff member in this project.", code="invalid_person", rule="QUALITY-1")
            row["person"] = person
            rows.append(row)
        check = svc.record_check(project=project, checked_by=request.user, kind=data["kind"], handover=handover,
                                 failed_items=data["failed_items"], nonconformities=rows, note=data["note"])
        return Response(QualityCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True), OpenApiParameter("month", str)],
                   responses={200: QualityWeekSerializer(many=True), **ERRORS})
    @action(detail=False, methods=["get"])
    def weeks(self, request):
        project, period = _project_month(request)
        return Response(QualityWeekSerializer(selectors.weeks(project=project, start=period.start, end=period.end),
                                       many=True).data)

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True), OpenApiParameter("month", str)],
                   responses={200: serializers.ListSerializer(child=serializers.DictField()), **ERRORS})
    @action(detail=False, methods=["get"])
    def people(self, request):
        project, period = _project_month(request)
        return Response([{"person": r["person"].pk, "name": r["person"].display_name, "total": r["total"],
                          "closed": r["closed"], "on_time": r["on_time"], "overdue": r["overdue"],
                          "items": dict(r["items"])} for r in selectors.person_summary(project=project, period=period)])


def _project_month(request):
    wanted = request.query_params.get("project", "")
    if not is_int(wanted):
        raise DomainError("Give the project.", code="required", details={"field": "project"})
    project = my_project(request, int(wanted))
    require_quality_reader(request.user, project)
    month = request.query_params.get("month", "")
    day = safe_date(month + "-01") if month else clock.today()
    if day is None:
        raise DomainError("Invalid month (YYYY-MM).", code="invalid_date", details={"field": "month"})
    return project, complaint_selectors.period_for("month", day)


@extend_schema(parameters=[PROJECT_PARAM])
class NonconformityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NonconformitySerializer

    def get_queryset(self):
        qs = restrict(Nonconformity.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=_readable(self.request))
        return qs.select_related("person", "closed_by").order_by("deadline", "pk")

    def get_object(self):
        obj = super().get_object()
        if obj.person_id != self.request.user.pk:
            require_quality_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=NonconformityCloseSerializer, responses={200: NonconformitySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        nc = svc.close_nonconformity(nonconformity=self.get_object(), closed_by=request.user,
                                     note=valid(NonconformityCloseSerializer, request)["note"])
        return Response(NonconformitySerializer(nc).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("quality/checks", CheckViewSet, basename="desk-quality-check")
    router.register("quality/nonconformities", NonconformityViewSet, basename="desk-quality-nonconformity")
