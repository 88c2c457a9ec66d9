"""REST API of the attendance area: clock, daily view, leave of post, monthly reports, the clerk (ATTEND-1/2)."""
from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.errors import DomainError, NotAllowed
from core.parsing import is_int, safe_date
from core.permissions import require_member, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid
from duty.models.attendance import AttendanceClerk, AttendanceReport, ClockEvent, ClockKind, PostAbsence, PostLeave
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post


class ClockEventSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)

    class Meta:
        model = ClockEvent
        fields = ["id", "project", "person", "kind", "at"]


class PostLeaveSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    decided_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = PostLeave
        fields = ["id", "project", "person", "reason", "requested_at", "status", "decided_by", "decided_at",
                  "comment", "left_at", "returned_at"]


class PostAbsenceSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    recorded_by = PersonSerializer(read_only=True)

    class Meta:
        model = PostAbsence
        fields = ["id", "project", "person", "observed_at", "recorded_by", "note"]


class ReportSerializer(serializers.ModelSerializer):
    prepared_by = PersonSerializer(read_only=True)
    submitted_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AttendanceReport
        fields = ["id", "project", "month", "status", "due_on", "figures", "prepared_by", "prepared_at",
                  "submitted_by", "submitted_at", "submitted_late", "late_reason"]


class ClerkSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    designated_by = PersonSerializer(read_only=True)

    class Meta:
        model = AttendanceClerk
        fields = ["id", "project", "person", "designated_by", "designated_at", "active"]


class DayRowSerializer(serializers.Serializer):
    assignment = serializers.IntegerField()
    person = PersonSerializer()
    shift = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    clock_in = serializers.DateTimeField(allow_null=True)
    clock_out = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    late_minutes = serializers.IntegerField()
    early_leave = serializers.BooleanField()
    absent = serializers.BooleanField()
    leave_of_post = serializers.BooleanField()
    no_clock_out = serializers.BooleanField()
    not_in_yet = serializers.BooleanField()


ClockIn = inline_serializer("AttendanceClock", {
    "project": serializers.IntegerField(), "kind": serializers.ChoiceField(choices=ClockKind.choices)})
LeaveCreate = inline_serializer("PostLeaveCreate", {
    "project": serializers.IntegerField(), "reason": serializers.CharField(max_length=300)})
Decision = inline_serializer("PostLeaveDecision", {
    "comment": serializers.CharField(required=False, allow_blank=True, max_length=300)})
AbsenceCreate = inline_serializer("PostAbsenceCreate", {
    "project": serializers.IntegerField(), "person": serializers.IntegerField(),
    "note": serializers.CharField(max_length=300)})
ReportCreate = inline_serializer("AttendanceReportPrepare", {
    "project": serializers.IntegerField(), "month": serializers.DateField()})
Submit = inline_serializer("AttendanceReportSubmit", {
    "late_reason": serializers.CharField(required=False, allow_blank=True, max_length=300)})
ClerkCreate = inline_serializer("AttendanceClerkDesignate", {
    "project": serializers.IntegerField(), "person": serializers.IntegerField()})


def _data(serializer, request) -> dict:
    return valid(serializer.__class__, request)


class ClockView(APIView):
    """Clock in or out at server time (ATTEND-1)."""

    @extend_schema(request=ClockIn, responses={201: ClockEventSerializer, **ERRORS})
    def post(self, request):
        data = _data(ClockIn, request)
        event = svc.record_clock(project=my_project(request, data["project"]), person=request.user,
                                 kind=data["kind"])
        return Response(ClockEventSerializer(event).data, status=status.HTTP_201_CREATED)


class DayView(APIView):
    """The supervisor's daily view with the flags (ATTEND-2)."""

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True), OpenApiParameter("day", str)],
                   responses={200: DayRowSerializer(many=True), **ERRORS})
    def get(self, request):
        wanted = request.query_params.get("project", "")
        if not is_int(wanted):  # a word, "1.5" or nothing: a 400 that names the field, never int()'s 500
            raise DomainError(_("Invalid project."), code="invalid", details={"field": "project"})
        project = my_project(request, int(wanted))
        if not sel.may_prepare(request.user, project):
            raise NotAllowed(_("Only the supervisor or the attendance clerk sees the daily attendance."),
                             code="role_not_allowed", rule="ATTEND-2")
        day = safe_date(request.query_params.get("day") or "") or clock.today()
        rows = sel.day_rows(project=project, day=day)
        return Response([{
            "assignment": r.assignment.pk, "person": PersonSerializer(r.person).data,
            "shift": r.assignment.shift.code, "start": r.start, "end": r.end, "clock_in": r.clock_in,
            "clock_out": r.clock_out, "late": r.late, "late_minutes": r.late_minutes, "early_leave": r.early_leave,
            "absent": r.absent, "leave_of_post": r.leave_of_post, "no_clock_out": r.no_clock_out,
            "not_in_yet": r.not_in_yet} for r in rows])


class ClerkView(APIView):
    """The supervisor designates the attendance clerk (ATTEND-1)."""

    @extend_schema(request=ClerkCreate, responses={201: ClerkSerializer, **ERRORS})
    def post(self, request):
        data = _data(ClerkCreate, request)
        project = my_project(request, data["project"])
        clerk = svc.designate_clerk(project=project, person=project_user(project, data["person"]), actor=request.user)
        return Response(ClerkSerializer(clerk).data, status=status.HTTP_201_CREATED)


class AbsenceView(APIView):
    """Record an absence from post without approval (ATTEND-2)."""

    @extend_schema(request=AbsenceCreate, responses={201: PostAbsenceSerializer, **ERRORS})
    def post(self, request):
        data = _data(AbsenceCreate, request)
        project = my_project(request, data["project"])
        absence = post.record_absence(project=project, person=project_user(project, data["person"]),
                                      recorded_by=request.user, note=data["note"])
        return Response(PostAbsenceSerializer(absence).data, status=status.HTTP_201_CREATED)


class PostLeaveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PostLeaveSerializer
    filterset_fields = ["project", "status", "person"]

    def get_queryset(self):
        return restrict(PostLeave.objects, self.request.user).select_related(
            "person", "decided_by").order_by("-requested_at", "-pk")

    @extend_schema(request=LeaveCreate, responses={201: PostLeaveSerializer, **ERRORS})
    def create(self, request):
        data = _data(LeaveCreate, request)
        leave = post.request_leave(project=my_project(request, data["project"]), person=request.user,
                                   reason=data["reason"])
        return Response(PostLeaveSerializer(leave).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, approve: bool):
        data = _data(Decision, request)
        leave = post.decide_leave(leave=self.get_object(), approver=request.user, approve=approve,
                                  comment=data.get("comment", ""))
        return Response(PostLeaveSerializer(leave).data)

    @extend_schema(request=Decision, responses={200: PostLeaveSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=Decision, responses={200: PostLeaveSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)

    @extend_schema(request=None, responses={200: PostLeaveSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return Response(PostLeaveSerializer(post.cancel_leave(leave=self.get_object(), actor=request.user)).data)

    @extend_schema(request=None, responses={200: PostLeaveSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def left(self, request, pk=None):
        return Response(PostLeaveSerializer(post.mark_left(leave=self.get_object(), actor=request.user)).data)

    @extend_schema(request=None, responses={200: PostLeaveSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def returned(self, request, pk=None):
        return Response(PostLeaveSerializer(post.mark_returned(leave=self.get_object(), actor=request.user)).data)


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportSerializer
    filterset_fields = ["project", "status"]

    def get_queryset(self):
        return restrict(AttendanceReport.objects, self.request.user).select_related(
            "prepared_by", "submitted_by").order_by("-month", "project")

    @extend_schema(request=ReportCreate, responses={201: ReportSerializer, **ERRORS})
    def create(self, request):
        data = _data(ReportCreate, request)
        report = svc.prepare_report(project=my_project(request, data["project"]), month=data["month"],
                                    actor=request.user)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=Submit, responses={200: ReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = _data(Submit, request)
        report = self.get_object()
        require_member(request.user, report.project)
        return Response(ReportSerializer(svc.submit_report(report=report, actor=request.user,
                                                           late_reason=data.get("late_reason", ""))).data)


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
    router.register("attendance/leaves", PostLeaveViewSet, basename="duty-attendance-leave")
    router.register("attendance/reports", ReportViewSet, basename="duty-attendance-report")


urlpatterns = [
    path("attendance/clock/", ClockView.as_view(), name="duty-attendance-clock"),
    path("attendance/day/", DayView.as_view(), name="duty-attendance-day"),
    path("attendance/clerk/", ClerkView.as_view(), name="duty-attendance-clerk"),
    path("attendance/absences/", AbsenceView.as_view(), name="duty-attendance-absence"),
]
