"""Requests for a household's consent to use its deposited key over the API (RES-2, KEY-DEPOSIT):
GET /api/key-consents/?project=<id>[&state=pending|consented|refused][&deposit=keys.deposit:<id>][&unit=<id>] lists
them with the household's answer; POST {project, unit, deposit, purpose} asks (the same service as the page)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import DomainError, NotFound
from core.parsing import is_int
from core.web.api import ERRORS, StrictIdField, my_project, valid
from residents.permissions import require_key_consent
from residents.selectors import consents as sel
from residents.services import notices
from residents.states import consent_state


class KeyConsentAskSerializer(serializers.Serializer):
    project = StrictIdField()
    unit = StrictIdField()
    deposit = serializers.CharField(max_length=40)
    purpose = serializers.CharField(max_length=2000, allow_blank=True)


class KeyConsentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.IntegerField(source="unit_id")
    unit_label = serializers.CharField(source="unit.label")
    deposit = serializers.CharField(source="deposit_ref")
    key_number = serializers.CharField()
    purpose = serializers.CharField()
    asked_by = serializers.CharField(source="asked_by.display_name")
    asked_at = serializers.DateTimeField()
    state = serializers.SerializerMethodField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answered_by = serializers.SerializerMethodField()

    def get_state(self, obj) -> str:
        return str(consent_state(obj).value)

    def get_answered_by(self, obj) -> str:
        return obj.answered_by.name if obj.answered_by else ""


def _project(request, raw):
    if not is_int(str(raw or "")):
        raise DomainError("Give the project.", code="invalid", details={"field": "project"})
    project = my_project(request, int(raw))
    require_key_consent(request.user, project)
    return project


class KeyConsentsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: KeyConsentSerializer(many=True), **ERRORS})
    def get(self, request):
        project = _project(request, request.query_params.get("project", ""))
        unit = None
        if request.query_params.get("unit"):
            unit = sel.unit_of(project, unit_id=request.query_params["unit"])
            if unit is None:
                raise NotFound("No such household.", code="not_found")
        rows = sel.consents(project, state=request.query_params.get("state", ""), unit=unit,
                            deposit_ref=request.query_params.get("deposit", ""))[:200]
        return Response(KeyConsentSerializer(rows, many=True).data)

    @extend_schema(request=KeyConsentAskSerializer, responses={201: KeyConsentSerializer, **ERRORS})
    def post(self, request):
        data = valid(KeyConsentAskSerializer, request)
        project = _project(request, data["project"])
        unit = sel.unit_of(project, unit_id=str(data["unit"]))
        if unit is None:
            raise NotFound("No such household.", code="not_found")
        consent = notices.ask_key_consent(project=project, by=request.user, unit=unit, deposit_ref=data["deposit"],
                                          purpose=data["purpose"])
        return Response(KeyConsentSerializer(consent).data, status=status.HTTP_201_CREATED)
