"""API of outsourced crews (CREW-1..3): meetings, spot checks, the month's performance."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.web.api import ERRORS, valid
from safety.models import Crew, Meeting
from safety.rest.common import LIST, Scoped
from safety.services import crews as svc


class CrewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Crew
        fields = ["id", "project", "name", "contractor", "work", "active"]


class CrewMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "project", "crew", "day", "held_at", "hazards", "tasks", "notices_posted", "status"]


class CrewSpotCheckInput(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class CrewPerformanceSerializer(serializers.Serializer):
    tasks = serializers.IntegerField()
    succeeded = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=6, decimal_places=1)
    band_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    overrun_minutes = serializers.IntegerField()
    overrun_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    sample_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)


@extend_schema(parameters=LIST)
class CrewViewSet(Scoped):
    serializer_class, queryset = CrewSerializer, Crew.objects.all()
    order = ("name",)

    @extend_schema(responses={200: CrewPerformanceSerializer, **ERRORS})
    @action(detail=True, methods=["get"])
    def performance(self, request, pk=None):
        crew = self.get_object()
        self.require(request.user, crew.project)
        return Response(CrewPerformanceSerializer(svc.performance(crew, clock.today())).data)


@extend_schema(parameters=LIST)
class MeetingViewSet(Scoped):
    serializer_class, queryset = CrewMeetingSerializer, Meeting.objects.all()
    order = ("-day", "-pk")

    @extend_schema(request=CrewSpotCheckInput, responses={200: CrewMeetingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        data = valid(CrewSpotCheckInput, request)
        meeting = self.get_object()
        svc.spot_check(meeting=meeting, by=request.user, passed=data["passed"], note=data["note"])
        return Response(CrewMeetingSerializer(meeting).data)


def register(router) -> None:
    router.register("crews", CrewViewSet, basename="safety-crew")
    router.register("meetings", MeetingViewSet, basename="safety-meeting")
