"""API of patrol rounds (PATROL-1): sign in at a point by its token or short code (the server stamps the time),
rounds with their visits, a finding made a hazard, a repair or a duty-log entry."""
from __future__ import annotations

import base64
import binascii

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from core.errors import DomainError
from core.web.api import ERRORS, valid
from safety.models import Round, Visit
from safety.rest.common import LIST, Scoped
from safety.services import patrols as svc


class PatrolVisitSerializer(serializers.ModelSerializer):
    checkpoint_name = serializers.CharField(source="checkpoint.name", read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "round", "checkpoint", "checkpoint_name", "result", "via", "visited_at", "note", "finding",
                  "outcome", "outcome_ref"]


class PatrolRoundSerializer(serializers.ModelSerializer):
    route_name = serializers.CharField(source="route.name", read_only=True)
    visits = PatrolVisitSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = ["id", "project", "route", "route_name", "due_at", "due_by", "status", "closed_at", "missed", "late",
                  "visits"]


class PatrolSignInInput(serializers.Serializer):
    token = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    finding = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    photo = serializers.CharField(max_length=14_000_000, required=False, allow_blank=True, default="")


class PatrolFindingInput(serializers.Serializer):
    outcome = serializers.CharField(max_length=20)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema(request=PatrolSignInInput, responses={201: PatrolVisitSerializer, **ERRORS})
@api_view(["POST"])
def sign_in(request):
    """Sign in at a checkpoint: `token` (scanned) or `code` (typed); `photo` as base64 where the point asks."""
    data = valid(PatrolSignInInput, request)
    photo = None
    if data["photo"]:
        try:
            photo = base64.b64decode(data["photo"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DomainError(_("The photo is not valid base64."), code="invalid_file_type", rule="PATROL-1") from exc
    visit = svc.sign_in(by=request.user, token=data["token"], short_code=data["code"], photo=photo,
                        note=data["note"], finding=data["finding"])
    return Response(PatrolVisitSerializer(visit).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=LIST)
class RoundViewSet(Scoped):
    serializer_class, queryset = PatrolRoundSerializer, Round.objects.all()
    related = ("route",)
    order = ("-due_at", "-pk")


class VisitViewSet(Scoped):
    serializer_class, queryset = PatrolVisitSerializer, Visit.objects.all()
    related = ("checkpoint", "round")
    project_field = "round__project"

    def get_object(self):
        obj = super().get_object()
        self.require(self.request.user, obj.round.project)
        return obj

    @extend_schema(request=PatrolFindingInput, responses={200: PatrolVisitSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        data = valid(PatrolFindingInput, request)
        visit = svc.act_on_finding(visit=self.get_object(), by=request.user, outcome=data["outcome"],
                                   deadline=data["deadline"])
        return Response(PatrolVisitSerializer(visit).data)


def register(router) -> None:
    router.register("rounds", RoundViewSet, basename="safety-round")
    router.register("visits", VisitViewSet, basename="safety-visit")


extra_urls = [path("sign-in/", sign_in, name="safety-sign-in")]
