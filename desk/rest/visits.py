"""API of return visits (VISIT-1..7): closed matters, visits (record, review, assign), quarterly filings
and analyses. Querysets are cut to the user's projects (another project's record is 404); roles
outside `desk.visits.staff_roles` get 403. Phones are masked unless the role may see them."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.errors import DomainError, NotFound
from core.masking import mask_phone
from core.models import Unit, User
from core.parsing import is_int
from core.permissions import projects_for
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.kinds import DESK_KINDS, MatterKind
from desk.models import Closure, ReturnVisit, Satisfaction, VisitAnalysis, VisitFiling, VisitMethod
from desk.permissions import shown_visit_phone
from desk.selectors import visits as selectors
from desk.services import visits as svc
from desk.services import visits_quarter, visits_record

PROJECT_PARAM = OpenApiParameter("project", int, required=False)


class ClosureSerializer(serializers.ModelSerializer):
    phone = serializers.SerializerMethodField()
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Closure
        fields = ["id", "project", "kind", "kind_display", "source_ref", "source_number", "closed_at", "person",
                  "phone", "unit", "subject", "department", "major", "term_start", "term_end", "selected",
                  "selection"]

    def get_phone(self, obj) -> str:
        return mask_phone(obj.phone)


class ClosureCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in DESK_KINDS])
    source_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    person_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    subject = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class VisitSerializer(serializers.ModelSerializer):
    closure = ClosureSerializer(read_only=True)
    phone = serializers.SerializerMethodField()
    assignee = PersonSerializer(read_only=True, allow_null=True)
    co_assignee = PersonSerializer(read_only=True, allow_null=True)
    visited_by = PersonSerializer(read_only=True, allow_null=True)
    reviewed_by = PersonSerializer(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ReturnVisit
        fields = ["id", "project", "number", "closure", "phone", "stage", "status", "window_start", "due_at", "overdue",
                  "assignee", "co_assignee", "method", "visited_at", "visited_by", "quality", "effect", "satisfaction",
                  "shortcomings", "suggestions", "confirmed_by_name", "verbal_confirmed_at", "reviewed_at",
                  "reviewed_by", "review_opinion", "complaint_ref", "filing", "retain_until"]

    def get_phone(self, obj) -> str:
        return shown_visit_phone(self.context["request"].user, obj)

    def get_overdue(self, obj) -> bool:
        return obj.status == "planned" and obj.due_at < clock.now()


class RecordSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=VisitMethod.choices)
    quality = serializers.CharField(allow_blank=True)
    effect = serializers.CharField(allow_blank=True)
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    shortcomings = serializers.CharField(required=False, allow_blank=True, default="")
    suggestions = serializers.CharField(required=False, allow_blank=True, default="")
    resident_name = serializers.CharField(allow_blank=True, max_length=100)
    signature_image = serializers.CharField(required=False, allow_blank=True, default="", max_length=500_000)
    verbal_confirmed = serializers.BooleanField(required=False, default=False)


class ReviewSerializer(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True)


class AssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField()
    co_assignee = serializers.IntegerField(required=False, allow_null=True, default=None)


class FilingSerializer(serializers.ModelSerializer):
    filed_by = PersonSerializer(read_only=True)

    class Meta:
        model = VisitFiling
        fields = ["id", "project", "year", "quarter", "due_on", "filed_at", "filed_by", "records", "late"]


class QuarterSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)


class AnalysisSerializer(serializers.ModelSerializer):
    prepared_by = PersonSerializer(read_only=True)
    concluded_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = VisitAnalysis
        fields = ["id", "project", "year", "quarter", "prepared_at", "prepared_by", "figures", "report",
                  "conclusions", "concluded_at", "concluded_by"]


class AnalysisCreateSerializer(QuarterSerializer):
    report = serializers.CharField(allow_blank=True)


class ConcludeSerializer(serializers.Serializer):
    conclusions = serializers.CharField(allow_blank=True)


def readable_projects(request) -> list[int]:
    wanted = request.query_params.get("project", "")
    if wanted:
        if not is_int(wanted):
            raise DomainError("project must be a number.", code="invalid", details={"field": "project"})
        project = my_project(request, int(wanted))
        svc.require_visits_reader(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if svc.may_read_visits(request.user, p)]


def _staff(project, pk) -> User | None:
    if pk is None:
        return None
    person = User.objects.filter(pk=pk, memberships__project=project).distinct().first()
    if person is None:
        raise NotFound("No such staff member in this project.", code="not_found")
    return person


class _VisitsViewSet(viewsets.GenericViewSet):
    def get_object(self):
        obj = super().get_object()
        svc.require_visits_reader(self.request.user, obj.project)
        return obj

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        qs = self.base_queryset().filter(project__in=projects_for(self.request.user))
        if self.action == "list":
            qs = qs.filter(project__in=readable_projects(self.request))
        return qs


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("kind", str)])
class ClosureViewSet(_VisitsViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = ClosureSerializer

    def base_queryset(self):
        qs = Closure.objects.order_by("-closed_at", "-pk")
        kind = self.request.query_params.get("kind", "")
        return qs.filter(kind=kind) if kind in MatterKind.values else qs

    @extend_schema(request=ClosureCreateSerializer, responses={201: ClosureSerializer, **ERRORS})
    def create(self, request):
        """Register a closed help request, emergency patient, publication/activity or other service (VISIT-1)."""
        data = valid(ClosureCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        svc.require_visits_reader(request.user, project)
        unit = None
        if data["unit"] is not None:
            unit = Unit.objects.filter(project=project, pk=data["unit"]).first()
            if unit is None:
                raise DomainError("The unit is not in this project.", code="unit_not_in_project", rule="CORE-1")
        closure = svc.register_closure(project=project, kind=data["kind"], source_ref="",
                                       source_number=data["source_number"], closed_at=clock.now(),
                                       person_name=data["person_name"], phone=data["phone"], unit=unit,
                                       subject=data["subject"], actor=request.user)
        return Response(ClosureSerializer(closure).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("show", str, enum=list(selectors.SHOWS)),
                           OpenApiParameter("assignee", str), OpenApiParameter("kind", str)])
class VisitViewSet(_VisitsViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = VisitSerializer

    def base_queryset(self):
        if self.action != "list":
            return selectors.visits()
        params = self.request.query_params
        show, who = params.get("show", "all"), params.get("assignee", "")
        assignee = self.request.user.pk if who == "me" else (int(who) if is_int(who) else None)
        return selectors.filter_visits(selectors.visits(), show=show if show in selectors.SHOWS else "all",
                                       assignee_id=assignee, kind=params.get("kind", ""))

    @extend_schema(request=RecordSerializer, responses={200: VisitSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        visit = visits_record.record_visit(visit=self.get_object(), visitor=request.user,
                                           **valid(RecordSerializer, request))
        return Response(VisitSerializer(visit, context={"request": request}).data)

    @extend_schema(request=ReviewSerializer, responses={200: VisitSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        visit = visits_record.review_visit(visit=self.get_object(), reviewer=request.user,
                                           opinion=valid(ReviewSerializer, request)["opinion"])
        return Response(VisitSerializer(visit, context={"request": request}).data)

    @extend_schema(request=AssignSerializer, responses={200: VisitSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        visit = self.get_object()
        data = valid(AssignSerializer, request)
        visit = svc.assign_visit(visit=visit, assignee=_staff(visit.project, data["assignee"]),
                                 co_assignee=_staff(visit.project, data["co_assignee"]), actor=request.user)
        return Response(VisitSerializer(visit, context={"request": request}).data)


@extend_schema(parameters=[PROJECT_PARAM])
class FilingViewSet(_VisitsViewSet, mixins.ListModelMixin):
    serializer_class = FilingSerializer

    def base_queryset(self):
        return VisitFiling.objects.select_related("filed_by").order_by("-year", "-quarter")

    @extend_schema(request=QuarterSerializer, responses={201: FilingSerializer, **ERRORS})
    def create(self, request):
        data = valid(QuarterSerializer, request)
        project = my_project(request, data.pop("project"))
        filing = visits_quarter.file_quarter(project=project, actor=request.user, **data)
        return Response(FilingSerializer(filing).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT_PARAM])
class AnalysisViewSet(_VisitsViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = AnalysisSerializer

    def base_queryset(self):
        return VisitAnalysis.objects.select_related("prepared_by", "concluded_by").order_by("-year", "-quarter")

    @extend_schema(request=AnalysisCreateSerializer, responses={201: AnalysisSerializer, **ERRORS})
    def create(self, request):
        data = valid(AnalysisCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        analysis = visits_quarter.save_analysis(project=project, prepared_by=request.user, **data)
        return Response(AnalysisSerializer(analysis).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ConcludeSerializer, responses={200: AnalysisSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        analysis = visits_quarter.conclude_analysis(analysis=self.get_object(), supervisor=request.user,
                                                    conclusions=valid(ConcludeSerializer, request)["conclusions"])
        return Response(AnalysisSerializer(analysis).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("visits/closures", ClosureViewSet, basename="desk-visits-closure")
    router.register("visits/filings", FilingViewSet, basename="desk-visits-filing")
    router.register("visits/analyses", AnalysisViewSet, basename="desk-visits-analysis")
    router.register("visits/records", VisitViewSet, basename="desk-visits-visit")
