"""API of fire safety (FIRE-1, FIRE-6): hazards registered, rectified, re-checked, reported upward, answered in
writing; equipment tests recorded."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.web.api import ERRORS, my_project, valid
from safety.models import EquipmentTest, Hazard
from safety.rest.common import LIST, Scoped
from safety.services import fire as svc


class FireHazardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hazard
        fields = ["id", "project", "number", "source", "location", "description", "deadline", "status", "found_at",
                  "order_number", "reply_due", "reply", "replied_at", "plan", "reported_up_at", "rectification",
                  "rectified_at", "check_note", "closed_at"]


class FireHazardInput(serializers.Serializer):
    project = serializers.IntegerField()
    source = serializers.CharField(max_length=20)
    location = serializers.CharField(max_length=400, allow_blank=True)
    description = serializers.CharField(max_length=1000, allow_blank=True)
    deadline = serializers.DateField()
    order_number = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    reply_due = serializers.DateField(required=False, allow_null=True, default=None)


class FireHazardStepInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["rectify", "report_up", "reply", "pass", "fail"])
    text = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class EquipmentTestSerializer(serializers.ModelSerializer):
    equipment_label = serializers.CharField(source="equipment.label", read_only=True)
    kind = serializers.CharField(source="equipment.kind", read_only=True)

    class Meta:
        model = EquipmentTest
        fields = ["id", "project", "equipment", "equipment_label", "kind", "due_on", "status", "tested_at", "passed",
                  "result"]


class EquipmentTestInput(serializers.Serializer):
    passed = serializers.BooleanField()
    result = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class HazardViewSet(Scoped):
    serializer_class, queryset = FireHazardSerializer, Hazard.objects.all()
    order = ("-found_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        self.require(self.request.user, obj.project)
        return obj

    @extend_schema(request=FireHazardInput, responses={201: FireHazardSerializer, **ERRORS})
    def create(self, request):
        data = valid(FireHazardInput, request)
        hazard = svc.register_hazard(project=my_project(request, data["project"]), by=request.user,
                                     source=data["source"], location=data["location"],
                                     description=data["description"], deadline=data["deadline"],
                                     order_number=data["order_number"], reply_due=data["reply_due"])
        return Response(FireHazardSerializer(hazard).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FireHazardStepInput, responses={200: FireHazardSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def step(self, request, pk=None):
        data = valid(FireHazardStepInput, request)
        hazard, text, by = self.get_object(), data["text"], request.user
        steps = {"rectify": lambda: svc.rectify(hazard=hazard, by=by, note=text),
                 "report_up": lambda: svc.report_up(hazard=hazard, by=by, plan=text),
                 "reply": lambda: svc.reply_in_writing(hazard=hazard, by=by, text=text),
                 "pass": lambda: svc.recheck(hazard=hazard, by=by, passed=True, note=text),
                 "fail": lambda: svc.recheck(hazard=hazard, by=by, passed=False, note=text)}
        return Response(FireHazardSerializer(steps[data["action"]]()).data)


@extend_schema(parameters=LIST)
class EquipmentTestViewSet(Scoped):
    serializer_class, queryset = EquipmentTestSerializer, EquipmentTest.objects.all()
    related = ("equipment",)
    order = ("-due_on", "-pk")

    def get_object(self):
        obj = super().get_object()
        self.require(self.request.user, obj.project)
        return obj

    @extend_schema(request=EquipmentTestInput, responses={200: EquipmentTestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        data = valid(EquipmentTestInput, request)
        test = svc.record_test(test=self.get_object(), by=request.user, passed=data["passed"], result=data["result"])
        return Response(EquipmentTestSerializer(test).data)


def register(router) -> None:
    router.register("hazards", HazardViewSet, basename="safety-hazard")
    router.register("tests", EquipmentTestViewSet, basename="safety-test")
