"""API of the staff room: training sessions and new-staff programmes (STAFF-1), daily checks (STAFF-2), monthly
appraisal cards (STAFF-3). Refusals answer 4xx with the service's stable code."""
from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import DomainError
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid
from staff.models import Appraisal, DailyCheck, DiaryEntry, Induction, TrainingSession
from staff.permissions import read_all_appraisals, read_daily_checks, read_training
from staff.services import appraisal as appraisal_svc
from staff.services import checks as check_svc
from staff.services import training as training_svc

LIST = [OpenApiParameter("project", int, required=False)]


def _projects(request, allowed) -> list[int]:
    wanted = request.query_params.get("project", "")
    if wanted and not is_int(wanted):
        raise DomainError(_("Invalid project."), code="invalid", details={"field": "project"})
    projects = projects_for(request.user)
    if wanted:
        projects = projects.filter(pk=int(wanted))
    return [p.pk for p in projects if allowed(request.user, p)]


class _Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    model = None
    reader = staticmethod(read_training)

    def get_queryset(self):
        return restrict(self.model.objects, self.request.user).filter(
            project__in=_projects(self.request, self.reader)).order_by("-pk")


# --- Training (STAFF-1) --------------------------------------------------------------------------------------
class AttendanceSerializer(serializers.Serializer):
    person = PersonSerializer(read_only=True)
    attended = serializers.BooleanField()
    score = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)


class SessionSerializer(serializers.ModelSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "project", "serial", "kind", "title", "held_on", "hours", "trainer", "content", "tested",
                  "recorded_at", "attendance"]


class AttendeeInput(serializers.Serializer):
    person = serializers.IntegerField()
    attended = serializers.BooleanField()
    score = serializers.IntegerField(required=False, allow_null=True, default=None)


class SessionInput(serializers.Serializer):
    project = serializers.IntegerField()
    kind = serializers.CharField(max_length=20)
    title = serializers.CharField(max_length=400, allow_blank=True)
    held_on = serializers.DateField()
    hours = serializers.CharField(max_length=10)
    trainer = serializers.CharField(max_length=200, allow_blank=True)
    content = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    tested = serializers.BooleanField(default=False)
    attendees = AttendeeInput(many=True, max_length=500)


@extend_schema(parameters=LIST)
class SessionViewSet(_Scoped):
    model, serializer_class = TrainingSession, SessionSerializer

    @extend_schema(request=SessionInput, responses={201: SessionSerializer, **ERRORS})
    def create(self, request):
        data = valid(SessionInput, request)
        project = my_project(request, data["project"])
        attendees = [{**a, "person": project_user(project, a["person"])} for a in data["attendees"]]
        session = training_svc.record_session(project=project, by=request.user, kind=data["kind"],
                                              title=data["title"], held_on=data["held_on"], hours=data["hours"],
                                              trainer=data["trainer"], content=data["content"],
                                              tested=data["tested"], attendees=attendees)
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class DiarySerializer(serializers.ModelSerializer):
    class Meta:
        model = DiaryEntry
        fields = ["id", "day", "place", "text", "written_at", "read_by", "read_at", "mentor_note"]


class InductionSerializer(serializers.ModelSerializer):
    person, mentor = PersonSerializer(read_only=True), PersonSerializer(read_only=True)
    diary = DiarySerializer(many=True, read_only=True)

    class Meta:
        model = Induction
        fields = ["id", "project", "person", "mentor", "starts", "first_place", "status", "completed_at", "diary"]


class InductionInput(serializers.Serializer):
    project, person, mentor = serializers.IntegerField(), serializers.IntegerField(), serializers.IntegerField()
    starts = serializers.DateField(required=False, allow_null=True, default=None)


class TextInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000, allow_blank=True)


class ReadInput(serializers.Serializer):
    entry = serializers.IntegerField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class InductionViewSet(_Scoped):
    model, serializer_class = Induction, InductionSerializer

    @extend_schema(request=InductionInput, responses={201: InductionSerializer, **ERRORS})
    def create(self, request):
        data = valid(InductionInput, request)
        project = my_project(request, data["project"])
        induction = training_svc.start_induction(project=project, by=request.user,
                                                 person=project_user(project, data["person"]),
                                                 mentor=project_user(project, data["mentor"]), starts=data["starts"])
        return Response(InductionSerializer(induction).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TextInput, responses={201: DiarySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def diary(self, request, pk=None):
        entry = training_svc.write_diary(induction=self.get_object(), by=request.user,
                                         text=valid(TextInput, request)["text"])
        return Response(DiarySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReadInput, responses={200: DiarySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        data = valid(ReadInput, request)
        entry = DiaryEntry.objects.filter(induction=self.get_object(), pk=data["entry"]).first()
        if entry is None:
            raise DomainError(_("No such record."), code="not_found", status=404)
        return Response(DiarySerializer(training_svc.read_diary(entry=entry, by=request.user,
                                                                note=data["note"])).data)

    @extend_schema(request=None, responses={200: InductionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return Response(InductionSerializer(training_svc.complete_induction(induction=self.get_object(),
                                                                            by=request.user)).data)


# --- Daily checks (STAFF-2) ----------------------------------------------------------------------------------
class CheckSerializer(serializers.ModelSerializer):
    person, checked_by = PersonSerializer(read_only=True), PersonSerializer(read_only=True)

    class Meta:
        model = DailyCheck
        fields = ["id", "project", "person", "day", "dress_ok", "appearance_ok", "work_ok", "note", "checked_by",
                  "checked_at"]


class CheckInput(serializers.Serializer):
    project, person = serializers.IntegerField(), serializers.IntegerField()
    dress_ok, appearance_ok = serializers.BooleanField(), serializers.BooleanField()
    work_ok = serializers.BooleanField()
    note = serializers.CharField(max_length=600, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class CheckViewSet(_Scoped):
    model, serializer_class = DailyCheck, CheckSerializer
    reader = staticmethod(read_daily_checks)

    @extend_schema(request=CheckInput, responses={201: CheckSerializer, **ERRORS})
    def create(self, request):
        data = valid(CheckInput, request)
        project = my_project(request, data["project"])
        check = check_svc.record_check(project=project, by=request.user, person=project_user(project, data["person"]),
                                       dress_ok=data["dress_ok"], appearance_ok=data["appearance_ok"],
                                       work_ok=data["work_ok"], note=data["note"])
        return Response(CheckSerializer(check).data, status=status.HTTP_201_CREATED)


# --- Appraisal (STAFF-3) -------------------------------------------------------------------------------------
class AppraisalSerializer(serializers.ModelSerializer):
    person, prepared_by = PersonSerializer(read_only=True), PersonSerializer(read_only=True)

    class Meta:
        model = Appraisal
        fields = ["id", "project", "serial", "person", "month", "status", "measures", "base", "computed", "adjusted",
                  "total", "band", "consequence", "prepared_by", "prepared_at", "signed_at", "decided_at"]


class PrepareInput(serializers.Serializer):
    project, person = serializers.IntegerField(), serializers.IntegerField()
    month = serializers.DateField()


class AdjustInput(serializers.Serializer):
    points = serializers.IntegerField()
    reason = serializers.CharField(max_length=600, allow_blank=True)


class SignInput(serializers.Serializer):
    password = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=False)


class DecideInput(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(max_length=600, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class AppraisalViewSet(_Scoped):
    """Preparers and approvers see every card of their projects; a staff member only their own."""
    model, serializer_class = Appraisal, AppraisalSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user to scope by
            return Appraisal.objects.none()
        mine = restrict(Appraisal.objects, self.request.user)
        everyone = _projects(self.request, read_all_appraisals)
        return mine.filter(Q(project__in=everyone) | Q(person=self.request.user)).order_by("-month", "-pk")

    @extend_schema(request=PrepareInput, responses={201: AppraisalSerializer, **ERRORS})
    def create(self, request):
        data = valid(PrepareInput, request)
        project = my_project(request, data["project"])
        card = appraisal_svc.prepare(project=project, by=request.user, person=project_user(project, data["person"]),
                                     month=data["month"])
        return Response(AppraisalSerializer(card).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AdjustInput, responses={200: AppraisalSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        data = valid(AdjustInput, request)
        return Response(AppraisalSerializer(appraisal_svc.adjust(appraisal=self.get_object(), by=request.user,
                                                                 points=data["points"], reason=data["reason"])).data)

    @extend_schema(request=SignInput, responses={200: AppraisalSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        card = appraisal_svc.sign(appraisal=self.get_object(), person=request.user,
                                  password=valid(SignInput, request)["password"])
        return Response(AppraisalSerializer(card).data)

    @extend_schema(request=DecideInput, responses={200: AppraisalSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = valid(DecideInput, request)
        card = appraisal_svc.decide(appraisal=self.get_object(), approver=request.user, approve=data["approve"],
                                    comment=data["comment"])
        return Response(AppraisalSerializer(card).data)
