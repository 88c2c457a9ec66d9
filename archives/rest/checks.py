"""API of the shelf checks (ARCH-4, ARCH-11): begin the period's check, record results volume by volume, complete
it; the findings and their closure; the manager's permissions to see confidential archives."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archives.models import ConfidentialGrant, Finding, ShelfCheck
from archives.permissions import may_grant, may_keep, require_keeper
from archives.rest.common import StrictIdField, listed_projects
from archives.selectors import checks as selectors
from archives.services import access
from archives.services import checks as svc
from archives.states import CheckKind, CheckResult
from core.errors import NotAllowed
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid


class CheckSerializer(serializers.ModelSerializer):
    checked_by = PersonSerializer(read_only=True)
    pending = serializers.SerializerMethodField()

    class Meta:
        model = ShelfCheck
        fields = ["id", "project", "kind", "period_start", "period_end", "checked_by", "started_at", "checked_at",
                  "found", "missing", "misplaced", "note", "pending"]

    def get_pending(self, obj) -> int:
        return obj.lines.filter(result="").count()


class LineSerializer(serializers.Serializer):
    volume = serializers.IntegerField(source="volume_id")
    number = serializers.CharField(source="volume.number")
    place = serializers.CharField(source="volume.place")
    result = serializers.CharField()
    note = serializers.CharField()


class StartSerializer(serializers.Serializer):
    project = StrictIdField()
    kind = serializers.ChoiceField(choices=CheckKind.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ResultSerializer(serializers.Serializer):
    volume = StrictIdField()
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ResultsSerializer(serializers.Serializer):
    results = ResultSerializer(many=True)


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


@extend_schema(parameters=[PROJECT_PARAM])
class CheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CheckSerializer
    queryset = ShelfCheck.objects.all()

    def get_queryset(self):
        qs = restrict(ShelfCheck.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_keep, require_keeper))
        return qs.select_related("checked_by").order_by("-started_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_keeper(self.request.user, obj.project)
        return obj

    @extend_schema(request=StartSerializer, responses={201: CheckSerializer, **ERRORS})
    def create(self, request):
        data = valid(StartSerializer, request)
        project = my_project(request, data["project"])
        check = svc.start_check(project=project, by=request.user, kind=data["kind"], note=data["note"])
        return Response(CheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: LineSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        page = self.paginate_queryset(selectors.lines(self.get_object()))
        return self.get_paginated_response(LineSerializer(page, many=True).data)

    @extend_schema(request=ResultsSerializer, responses={200: CheckSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        rows = valid(ResultsSerializer, request)["results"]
        check = self.get_object()
        svc.record_results(check=check, by=request.user,
                           results={row["volume"]: (row["result"], row["note"]) for row in rows})
        return Response(CheckSerializer(ShelfCheck.objects.get(pk=check.pk)).data)

    @extend_schema(request=None, responses={200: CheckSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return Response(CheckSerializer(svc.complete_check(check=self.get_object(), by=request.user)).data)


class FindingSerializer(serializers.ModelSerializer):
    closed_by = PersonSerializer(read_only=True, allow_null=True)
    volume_number = serializers.CharField(source="volume.number", read_only=True)
    check_record = serializers.IntegerField(source="line.check_record_id", read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "project", "volume", "volume_number", "check_record", "result", "status", "opened_at",
                  "closed_at", "closed_by", "closure_note"]


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, allow_blank=True)


@extend_schema(parameters=[PROJECT_PARAM])
class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = FindingSerializer
    queryset = Finding.objects.all()

    def get_queryset(self):
        qs = restrict(Finding.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_keep, require_keeper))
        return qs.select_related("volume", "line", "closed_by").order_by("-opened_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_keeper(self.request.user, obj.project)
        return obj

    @extend_schema(request=CloseSerializer, responses={200: FindingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return Response(FindingSerializer(svc.close_finding(finding=self.get_object(), by=request.user,
                                                            note=valid(CloseSerializer, request)["note"])).data)


class GrantSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    granted_by = PersonSerializer(read_only=True)

    class Meta:
        model = ConfidentialGrant
        fields = ["id", "project", "person", "granted_by", "granted_at", "until", "reason", "revoked_at"]


class GrantInputSerializer(serializers.Serializer):
    project = StrictIdField()
    person = StrictIdField()
    until = serializers.DateField()
    reason = serializers.CharField(max_length=200, allow_blank=True)


def _require_granter(user, project) -> None:
    if not may_grant(user, project):
        raise NotAllowed("Only the manager gives permission to see confidential archives.", code="role_not_allowed",
                         rule="ARCH-11")


@extend_schema(parameters=[PROJECT_PARAM])
class GrantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GrantSerializer
    queryset = ConfidentialGrant.objects.all()

    def get_queryset(self):
        qs = restrict(ConfidentialGrant.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_grant, _require_granter))
        return qs.select_related("person", "granted_by").order_by("-granted_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        _require_granter(self.request.user, obj.project)
        return obj

    @extend_schema(request=GrantInputSerializer, responses={201: GrantSerializer, **ERRORS})
    def create(self, request):
        data = valid(GrantInputSerializer, request)
        project = my_project(request, data["project"])
        _require_granter(request.user, project)
        grant = access.grant_confidential(project=project, granted_by=request.user,
                                          person=project_user(project, data["person"]), until=data["until"],
                                          reason=data["reason"])
        return Response(GrantSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: GrantSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return Response(GrantSerializer(access.revoke_confidential(grant=self.get_object(),
                                                                   revoked_by=request.user)).data)


def register(router) -> None:
    router.register("checks", CheckViewSet, basename="archives-check")
    router.register("findings", FindingViewSet, basename="archives-finding")
    router.register("grants", GrantViewSet, basename="archives-grant")
