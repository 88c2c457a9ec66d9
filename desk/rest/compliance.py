"""API of the compliance view: GET /api/desk/compliance/?project=&period=quarter|month&date=."""
from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import DomainError
from core.parsing import is_int
from core.web.api import ErrorSerializer, my_project
from desk.selectors.visits_compliance import PERIODS, resolve_period, rows_by_area
from desk.services.visits import require_visits_reader


class RowSerializer(serializers.Serializer):
    rule = serializers.CharField()
    policy_key = serializers.CharField()
    clause = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()
    measured = serializers.CharField()
    ok = serializers.BooleanField(allow_null=True)
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    link = serializers.CharField()


class AreaSerializer(serializers.Serializer):
    area = serializers.CharField()
    rows = RowSerializer(many=True)


class ComplianceSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    areas = AreaSerializer(many=True)


class QuerySerializer(serializers.Serializer):
    project = serializers.IntegerField()
    period = serializers.ChoiceField(choices=PERIODS, required=False, default="quarter")
    date = serializers.DateField(required=False, allow_null=True, default=None)


class ComplianceView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="desk_compliance", parameters=[
        OpenApiParameter("project", int, required=True), OpenApiParameter("period", str, enum=list(PERIODS)),
        OpenApiParameter("date", str, description="YYYY-MM-DD; the period containing it (default today)")],
        responses={200: ComplianceSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer})
    def get(self, request):
        if not is_int(request.query_params.get("project", "")):
            raise DomainError("project must be a number.", code="invalid", details={"field": "project"})
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        project = my_project(request, data["project"])
        require_visits_reader(request.user, project)
        kind, period = resolve_period(data["period"], data["date"])
        areas = [{"area": name, "rows": [row.__dict__ for row in rows]}
                 for name, rows in rows_by_area(project=project, period=period)]
        return Response(ComplianceSerializer({"project": project.pk, "period": kind, "start": period.start,
                                              "end": period.end, "areas": areas}).data)


urlpatterns = [path("compliance/", ComplianceView.as_view(), name="desk-compliance")]


def register(router) -> None:
    return None
