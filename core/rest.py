"""Core API: who am I, residents (masked, reveal audited), the audit trail of a record."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core import pii
from core.labels import event_label, signer_role_label
from core.models import AuditEvent, Resident
from core.permissions import projects_for, restrict, roles_in


class ProjectRolesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    department = serializers.CharField(allow_null=True)
    projects = ProjectRolesSerializer(many=True)


class MeView(APIView):
    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        user = request.user
        return Response({
            "id": user.pk, "username": user.username, "name": user.display_name,
            "department": user.department.code if user.department else None,
            "projects": [{"id": p.pk, "name": p.name, "roles": sorted(roles_in(user, p))}
                         for p in projects_for(user).order_by("pk")],
        })


class ResidentSerializer(serializers.ModelSerializer):
    phone = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = ["id", "project", "name", "kind", "is_vip", "units", "phone", "id_number"]

    def get_phone(self, obj) -> str:
        return pii.masked(obj)["phone"]

    def get_id_number(self, obj) -> str:
        return pii.masked(obj)["id_number"]


class RevealSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=["phone", "id_number"])
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ResidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Residents with phone and ID masked (CORE-3); reveal one field, audited, if the role needs it."""

    serializer_class = ResidentSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return restrict(Resident.objects, self.request.user).prefetch_related("units").order_by("pk")

    @extend_schema(request=RevealSerializer, responses={200: inline_serializer("Revealed", {
        "field": serializers.CharField(), "value": serializers.CharField()})})
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        data = RevealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        value = pii.reveal(user=request.user, resident=self.get_object(), field=data.validated_data["field"],
                           reason=data.validated_data["reason"])
        return Response({"field": data.validated_data["field"], "value": value})


class AuditEventSerializer(serializers.ModelSerializer):
    # The kind stays for programs; action_label is what a client shows a person (CORE-8).
    action_label = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = ["seq", "occurred_at", "actor_id", "actor_name", "project_id", "action", "action_label",
                  "target_type", "target_id", "approved_by", "data", "hash"]

    def get_action_label(self, event: AuditEvent) -> str:
        label = event_label(event.action)
        capacity = (event.data or {}).get("capacity") if isinstance(event.data, dict) else None
        return f"{label} · {signer_role_label(capacity)}" if capacity else label


class AuditViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit trail of the user's projects (CORE-5)."""

    serializer_class = AuditEventSerializer

    @extend_schema(parameters=[OpenApiParameter("target_type", str), OpenApiParameter("target_id", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        qs = AuditEvent.objects.filter(project_id__in=list(projects_for(self.request.user).values_list("pk", flat=True)))
        for field in ("target_type", "target_id"):
            value = self.request.query_params.get(field)
            if value:
                qs = qs.filter(**{field: value})
        return qs.order_by("-seq")
