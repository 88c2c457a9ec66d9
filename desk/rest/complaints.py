"""API of the complaints area (COMPLAINT-1, COMPLAINT-2): the register, its transitions, statistics and
saved summaries. Another project's complaint is 404; a role outside the readers sees only its
department's complaints; transitions refused by role are 403, illegal ones 409."""
from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Resident, Unit
from core.parsing import is_int, safe_date
from core.permissions import projects_for
from core.roles import DepartmentCode
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from desk.models import Complaint, ComplaintChannel, ComplaintStatus, ComplaintSummary, SummaryKind
from desk.permissions import require_complaint_reader, shown_complaint_phone
from desk.selectors import complaints as selectors
from desk.services import complaints as svc
from desk.services import complaints_summary


class ComplaintSerializer(serializers.ModelSerializer):
    registered_by = PersonSerializer(read_only=True)
    handled_by = PersonSerializer(read_only=True, allow_null=True)
    closed_by = PersonSerializer(read_only=True, allow_null=True)
    phone = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["id", "project", "serial", "status", "registered_at", "registered_by", "person_name", "phone",
                  "unit", "resident", "channel", "content", "subject", "department", "is_vip", "urgent", "major",
                  "contact", "source_ref", "dispatch_due_at", "escalated_at", "escalation_note", "sent_at",
                  "handling_due_at", "handling", "handled_at", "handled_by", "follow_up", "closed_at", "closed_by",
                  "overdue"]

    def get_phone(self, obj) -> str:
        request = self.context.get("request")
        return shown_complaint_phone(request.user, obj) if request else ""

    def get_overdue(self, obj) -> bool:
        return selectors.timer(obj)["overdue"]


class ComplaintCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    person_name = serializers.CharField(max_length=100, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    content = serializers.CharField(allow_blank=True)
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices)
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    resident = serializers.IntegerField(required=False, allow_null=True, default=None)
    subject = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    department = serializers.ChoiceField(choices=DepartmentCode.choices, required=False, allow_blank=True, default="")
    is_vip = serializers.BooleanField(required=False, default=False)
    major = serializers.BooleanField(required=False, default=False)


class ComplaintEscalateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ComplaintSendSerializer(serializers.Serializer):
    department = serializers.ChoiceField(choices=DepartmentCode.choices, required=False, allow_blank=True, default="")


class ComplaintHandleSerializer(serializers.Serializer):
    handling = serializers.CharField(allow_blank=True)


class ComplaintCloseSerializer(serializers.Serializer):
    follow_up = serializers.CharField(allow_blank=True)


class SummarySerializer(serializers.ModelSerializer):
    created_by = PersonSerializer(read_only=True)

    class Meta:
        model = ComplaintSummary
        fields = ["id", "project", "kind", "start", "end", "figures", "proposals", "created_by", "created_at"]


class SummaryCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SummaryKind.choices)
    day = serializers.DateField()
    proposals = serializers.CharField(allow_blank=True)


def _in_project(model, project, pk):
    if pk is None:
        return None
    obj = model.objects.filter(project=project, pk=pk).first()
    if obj is None:
        raise DomainError("No such record in this project.", code="invalid_choice", rule="CORE-1")
    return obj


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("status", str), OpenApiParameter("overdue", bool)])
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ComplaintSerializer
    queryset = Complaint.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        user = self.request.user
        mine = list(projects_for(user))
        wanted = self.request.query_params.get("project", "")
        if self.action == "list" and is_int(wanted):
            mine = [my_project(self.request, int(wanted))]
        full = [p.pk for p in mine if svc.may_read_all(user, p)]
        seen = Q(project__in=full)
        if user.department_id:
            seen |= Q(project__in=[p.pk for p in mine], department=user.department.code)
        qs = Complaint.objects.filter(seen).select_related("project", "registered_by", "handled_by", "closed_by")
        if self.action == "list":
            value = self.request.query_params.get("status", "")
            if value in ComplaintStatus.values:
                qs = qs.filter(status=value)
            if self.request.query_params.get("overdue") in ("1", "true"):
                now = clock.now()
                qs = qs.filter(Q(status=ComplaintStatus.REGISTERED, dispatch_due_at__lt=now)
                               | Q(status=ComplaintStatus.SENT, handling_due_at__lt=now))
        return qs.order_by("-registered_at", "-pk")

    def get_object(self):
        obj = Complaint.objects.filter(project__in=projects_for(self.request.user), pk=self.kwargs["pk"]).first() \
            if is_int(self.kwargs.get("pk", "")) else None
        if obj is None:
            from core.errors import NotFound
            raise NotFound("No such record.", code="not_found")
        if not svc.may_see(self.request.user, obj):
            raise NotAllowed("Your role may not read this complaint.", code="role_not_allowed", rule="COMPLAINT-2")
        return obj

    def _out(self, complaint, code=status.HTTP_200_OK):
        return Response(ComplaintSerializer(complaint, context={"request": self.request}).data, status=code)

    @extend_schema(request=ComplaintCreateSerializer, responses={201: ComplaintSerializer, **ERRORS})
    def create(self, request):
        data = valid(ComplaintCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        svc.require_policy_role(request.user, project, "desk.complaints.desk_roles", "COMPLAINT-1")
        data["unit"] = _in_project(Unit, project, data["unit"])
        data["resident"] = _in_project(Resident, project, data["resident"])
        complaint = svc.register_complaint(project=project, registered_by=request.user, **data)
        return self._out(complaint, status.HTTP_201_CREATED)

    @extend_schema(request=ComplaintEscalateSerializer, responses={200: ComplaintSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._out(svc.escalate_complaint(complaint=self.get_object(), escalated_by=request.user,
                                                **valid(ComplaintEscalateSerializer, request)))

    @extend_schema(request=ComplaintSendSerializer, responses={200: ComplaintSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._out(svc.send_to_department(complaint=self.get_object(), sent_by=request.user,
                                                **valid(ComplaintSendSerializer, request)))

    @extend_schema(request=ComplaintHandleSerializer, responses={200: ComplaintSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def handle(self, request, pk=None):
        return self._out(svc.record_handling(complaint=self.get_object(), handled_by=request.user,
                                             **valid(ComplaintHandleSerializer, request)))

    @extend_schema(request=ComplaintCloseSerializer, responses={200: ComplaintSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._out(svc.close_complaint(complaint=self.get_object(), closed_by=request.user,
                                             **valid(ComplaintCloseSerializer, request)))


class ComplaintStatisticsSerializer(serializers.Serializer):
    start = serializers.CharField()
    end = serializers.CharField()
    total = serializers.IntegerField()
    closed = serializers.IntegerField()
    vip = serializers.IntegerField()
    major = serializers.IntegerField()
    by_subject = serializers.ListField(child=serializers.ListField())
    by_department = serializers.ListField(child=serializers.ListField())
    by_channel = serializers.ListField(child=serializers.ListField())
    dispatch_pct = serializers.IntegerField(allow_null=True)
    handled_pct = serializers.IntegerField(allow_null=True)


@extend_schema(parameters=[PROJECT_PARAM])
class SummaryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SummarySerializer

    def get_queryset(self):
        user = self.request.user
        mine = list(projects_for(user))
        wanted = self.request.query_params.get("project", "")
        if self.action == "list" and is_int(wanted):
            project = my_project(self.request, int(wanted))
            require_complaint_reader(user, project)
            mine = [project]
        qs = ComplaintSummary.objects.filter(project__in=[p.pk for p in mine if svc.may_read_all(user, p)])
        if self.action != "list":  # a member without the role gets 403, another project's 404
            qs = ComplaintSummary.objects.filter(project__in=mine)
        return qs.select_related("created_by").order_by("-start", "kind")

    def get_object(self):
        obj = super().get_object()
        require_complaint_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=SummaryCreateSerializer, responses={201: SummarySerializer, **ERRORS})
    def create(self, request):
        data = valid(SummaryCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        summary = complaints_summary.save_summary(project=project, created_by=request.user, **data)
        return Response(SummarySerializer(summary).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True), OpenApiParameter("kind", str),
                               OpenApiParameter("day", str)], responses={200: ComplaintStatisticsSerializer, **ERRORS})
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        wanted = request.query_params.get("project", "")
        if not is_int(wanted):
            raise DomainError("Give the project.", code="required", details={"field": "project"})
        project = my_project(request, int(wanted))
        require_complaint_reader(request.user, project)
        kind = request.query_params.get("kind", SummaryKind.MONTH)
        if kind not in SummaryKind.values:
            raise DomainError("Unknown kind of summary.", code="invalid_kind", details={"field": "kind"})
        day = safe_date(request.query_params.get("day"))
        if request.query_params.get("day") and day is None:
            raise DomainError("Invalid date.", code="invalid_date", details={"field": "day"})
        period = selectors.period_for(kind, day or clock.today())
        return Response(selectors.summary_figures(project=project, kind=kind, period=period))


urlpatterns: list = []


def register(router) -> None:
    router.register("complaints/summaries", SummaryViewSet, basename="desk-complaints-summary")
    router.register("complaints", ComplaintViewSet, basename="desk-complaints")
