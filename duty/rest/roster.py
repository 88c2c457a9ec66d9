"""REST API of the roster area: shift patterns, rosters and their workflow, change requests (ROSTER-1..5)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid
from duty.models import ChangeKind, Roster, RosterAssignment, ShiftChangeRequest, ShiftPattern
from duty.services import roster as svc
from duty.services import roster_changes as changes
from duty.services import roster_holidays as holidays


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "example": "07:30"})
class ClockTimeField(serializers.TimeField):
    """A wall-clock time in Beijing without an offset: OpenAPI's "time" format would demand one."""


class ShiftPatternSerializer(serializers.ModelSerializer):
    starts = ClockTimeField()
    ends = ClockTimeField()

    class Meta:
        model = ShiftPattern
        fields = ["id", "project", "team", "code", "name", "starts", "ends", "is_holiday", "active", "order"]
        read_only_fields = ["project", "team", "code", "is_holiday", "order"]


class AssignmentSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    shift_code = serializers.CharField(source="shift.code", read_only=True)

    class Meta:
        model = RosterAssignment
        fields = ["id", "day", "shift", "shift_code", "person"]


class RosterSerializer(serializers.ModelSerializer):
    drafted_by = PersonSerializer(read_only=True)
    reviewed_by = PersonSerializer(read_only=True, allow_null=True)
    approved_by = PersonSerializer(read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Roster
        fields = ["id", "project", "team", "month", "holiday_name", "period_start", "period_end", "version",
                  "supersedes", "status", "status_display", "revision_reason", "drafted_by", "drafted_at",
                  "reviewed_by", "reviewed_at", "approved_by", "approved_at", "issued_at", "issued_to",
                  "withdrawn_at", "drafted_late", "issued_late", "late_reason", "comment"]


class RosterDetailSerializer(RosterSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta(RosterSerializer.Meta):
        fields = RosterSerializer.Meta.fields + ["assignments"]


class ChangeRequestSerializer(serializers.ModelSerializer):
    requested_by = PersonSerializer(read_only=True)
    substitute = PersonSerializer(read_only=True, allow_null=True)
    decided_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ShiftChangeRequest
        fields = ["id", "project", "kind", "assignment", "swap_with", "requested_by", "requested_at", "reason",
                  "substitute", "status", "decided_by", "decided_at", "comment"]


DraftCreate = inline_serializer("RosterDraftCreate", {
    "project": serializers.IntegerField(), "team": serializers.CharField(max_length=40),
    "month": serializers.DateField()})
HolidayCreate = inline_serializer("HolidayRosterCreate", {
    "project": serializers.IntegerField(), "holiday_name": serializers.CharField(max_length=40),
    "start": serializers.DateField(), "end": serializers.DateField()})
Cells = inline_serializer("RosterCells", {"cells": serializers.ListField(child=inline_serializer("RosterCell", {
    "person": serializers.IntegerField(), "day": serializers.DateField(),
    "shift": serializers.CharField(allow_blank=True, max_length=20)}))})
Comment = inline_serializer("RosterComment", {"comment": serializers.CharField(required=False, allow_blank=True,
                                                                                 max_length=300)})
Issue = inline_serializer("RosterIssue", {"late_reason": serializers.CharField(required=False, allow_blank=True,
                                                                                max_length=300)})
ChangeCreate = inline_serializer("ShiftChangeCreate", {
    "assignment": serializers.IntegerField(), "kind": serializers.ChoiceField(choices=ChangeKind.choices),
    "reason": serializers.CharField(max_length=300), "swap_with": serializers.IntegerField(required=False),
    "substitute": serializers.IntegerField(required=False)})
Decision = inline_serializer("ShiftChangeDecision", {
    "substitute": serializers.IntegerField(required=False),
    "comment": serializers.CharField(required=False, allow_blank=True, max_length=300)})


def _data(serializer, request) -> dict:
    return valid(serializer.__class__, request)


class ShiftPatternViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ShiftPatternSerializer
    filterset_fields = ["project", "team", "active"]

    def get_queryset(self):
        return restrict(ShiftPattern.objects, self.request.user).order_by("project", "order")

    @extend_schema(request=ShiftPatternSerializer, responses={200: ShiftPatternSerializer, **ERRORS})
    def partial_update(self, request, pk=None):
        checked = ShiftPatternSerializer(self.get_object(), data=request.data, partial=True)
        checked.is_valid(raise_exception=True)
        v = checked.validated_data
        pattern = svc.update_pattern(pattern=self.get_object(), actor=request.user, name=v.get("name"),
                                     starts=v.get("starts"), ends=v.get("ends"), active=v.get("active"))
        return Response(ShiftPatternSerializer(pattern).data)

    @extend_schema(request=inline_serializer("EnsurePatterns", {"project": serializers.IntegerField()}),
                   responses={200: ShiftPatternSerializer(many=True), **ERRORS})
    @action(detail=False, methods=["post"], url_path="ensure-defaults")
    def ensure_defaults(self, request):
        project = my_project(request, int(request.data.get("project") or 0))
        svc.ensure_default_patterns(project=project, actor=request.user)
        return Response(ShiftPatternSerializer(ShiftPattern.objects.filter(project=project), many=True).data)


class RosterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_fields = ["project", "team", "status", "holiday_name"]

    def get_serializer_class(self):
        return RosterDetailSerializer if self.action == "retrieve" else RosterSerializer

    def get_queryset(self):
        return (restrict(Roster.objects, self.request.user)
                .select_related("drafted_by", "reviewed_by", "approved_by")
                .prefetch_related("assignments__person", "assignments__shift").order_by("-period_start", "-version"))

    def _done(self, roster, code=status.HTTP_200_OK):
        return Response(RosterDetailSerializer(Roster.objects.get(pk=roster.pk)).data, status=code)

    @extend_schema(request=DraftCreate, responses={201: RosterDetailSerializer, **ERRORS})
    def create(self, request):
        data = _data(DraftCreate, request)
        project = my_project(request, data["project"])
        return self._done(svc.create_draft(project=project, team=data["team"], month=data["month"],
                                           drafted_by=request.user), status.HTTP_201_CREATED)

    @extend_schema(request=HolidayCreate, responses={201: RosterDetailSerializer, **ERRORS})
    @action(detail=False, methods=["post"])
    def holiday(self, request):
        data = _data(HolidayCreate, request)
        project = my_project(request, data["project"])
        return self._done(holidays.create_holiday_roster(
            project=project, holiday_name=data["holiday_name"], start=data["start"], end=data["end"],
            drafted_by=request.user), status.HTTP_201_CREATED)

    @extend_schema(request=Cells, responses={200: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cells(self, request, pk=None):
        data = _data(Cells, request)
        cells = {(c["person"], c["day"]): c["shift"] for c in data["cells"]}
        return self._done(svc.save_cells(roster=self.get_object(), actor=request.user, cells=cells))

    @extend_schema(request=Comment, responses={200: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        comment = _data(Comment, request).get("comment", "")
        return self._done(svc.review_roster(roster=self.get_object(), reviewer=request.user, comment=comment))

    @extend_schema(request=Comment, responses={200: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        comment = _data(Comment, request).get("comment", "")
        return self._done(svc.approve_roster(roster=self.get_object(), approver=request.user, comment=comment))

    @extend_schema(request=Comment, responses={200: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_draft(self, request, pk=None):
        comment = _data(Comment, request).get("comment", "")
        return self._done(svc.return_roster(roster=self.get_object(), actor=request.user, comment=comment))

    @extend_schema(request=Issue, responses={200: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        late = _data(Issue, request).get("late_reason", "")
        return self._done(svc.issue_roster(roster=self.get_object(), actor=request.user, late_reason=late))

    @extend_schema(request=Comment, responses={201: RosterDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        reason = _data(Comment, request).get("comment", "")
        return self._done(svc.revise_roster(roster=self.get_object(), actor=request.user, reason=reason),
                          status.HTTP_201_CREATED)

    @extend_schema(responses={200: RosterSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        from duty.selectors.roster import versions_of
        return Response(RosterSerializer(versions_of(self.get_object()), many=True).data)


class ChangeRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ChangeRequestSerializer
    filterset_fields = ["project", "status", "kind"]

    def get_queryset(self):
        return (restrict(ShiftChangeRequest.objects, self.request.user)
                .select_related("requested_by", "substitute", "decided_by").order_by("-requested_at"))

    def _assignment(self, pk):
        from core.errors import NotFound
        found = RosterAssignment.objects.filter(roster__project__in=projects_for(self.request.user), pk=pk).first()
        if found is None:
            raise NotFound("No such shift.", code="not_found")
        return found

    @extend_schema(request=ChangeCreate, responses={201: ChangeRequestSerializer, **ERRORS})
    def create(self, request):
        data = _data(ChangeCreate, request)
        assignment = self._assignment(data["assignment"])
        swap = self._assignment(data["swap_with"]) if data.get("swap_with") else None
        sub = project_user(assignment.roster.project, data["substitute"]) if data.get("substitute") else None
        req = changes.request_change(assignment=assignment, requested_by=request.user, kind=data["kind"],
                                     reason=data["reason"], swap_with=swap, substitute=sub)
        return Response(ChangeRequestSerializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=Decision, responses={200: ChangeRequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        req = self.get_object()
        data = _data(Decision, request)
        sub = project_user(req.project, data["substitute"]) if data.get("substitute") else None
        req = changes.approve_change(request=req, approver=request.user, substitute=sub,
                                     comment=data.get("comment", ""))
        return Response(ChangeRequestSerializer(req).data)

    @extend_schema(request=Decision, responses={200: ChangeRequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = _data(Decision, request)
        req = changes.reject_change(request=self.get_object(), approver=request.user, comment=data.get("comment", ""))
        return Response(ChangeRequestSerializer(req).data)


urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
    router.register("shift-patterns", ShiftPatternViewSet, basename="duty-roster-pattern")
    router.register("rosters", RosterViewSet, basename="duty-roster")
    router.register("shift-changes", ChangeRequestViewSet, basename="duty-roster-change")
