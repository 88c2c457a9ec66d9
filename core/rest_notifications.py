"""Notification API: the signed-in user's own notifications, filtered and paginated; mark them read."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import DomainError
from core.models import Notification
from core.notifications import ROOMS, STATES, for_user, mark_read, room_of, safe_link, state_of, unread_count


class NotificationSerializer(serializers.ModelSerializer):
    room = serializers.SerializerMethodField(help_text="keys, duty or desk (the room the notification comes from)")
    room_label = serializers.SerializerMethodField()
    project_name = serializers.CharField(source="project.name", read_only=True)
    state = serializers.SerializerMethodField(help_text="unread, open (read, task not done) or resolved")
    link = serializers.SerializerMethodField(help_text="a path on this site, or empty")

    class Meta:
        model = Notification
        fields = ["id", "title", "room", "room_label", "project", "project_name", "created_at", "read_at",
                  "resolved_at", "state", "link"]

    def get_room(self, obj) -> str:
        return room_of(obj)

    def get_room_label(self, obj) -> str:
        return str(ROOMS.get(room_of(obj), ""))

    def get_state(self, obj) -> str:
        return state_of(obj)

    def get_link(self, obj) -> str:
        return safe_link(obj.link)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=500,
                                help_text="exactly these notifications (all must be yours)")
    all = serializers.BooleanField(required=False, default=False, help_text="every unread notification of yours")


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in user's notifications, newest first (never anyone else's)."""

    serializer_class = NotificationSerializer

    def _filters(self) -> dict:
        params = self.request.query_params
        state, room, project = params.get("state", "all"), params.get("room", ""), params.get("project", "")
        if state not in STATES:
            raise DomainError(_("Unknown state “%(value)s”.") % {"value": state}, code="invalid_state",
                              details={"field": "state", "choices": list(STATES)})
        if room and room not in ROOMS:
            raise DomainError(_("Unknown room “%(value)s”.") % {"value": room}, code="invalid_room",
                              details={"field": "room", "choices": list(ROOMS)})
        if project and not project.isdigit():
            raise DomainError(_("The project must be a number."), code="invalid_project", details={"field": "project"})
        return {"state": state, "room": room, "project": int(project) if project else None}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Notification.objects.none()
        return for_user(self.request.user, **self._filters())

    @extend_schema(parameters=[
        OpenApiParameter("state", str, enum=list(STATES), description="default all"),
        OpenApiParameter("room", str, enum=list(ROOMS)),
        OpenApiParameter("project", int),
    ], responses={200: NotificationSerializer(many=True),
                  400: OpenApiResponse(description="code invalid_state, invalid_room or invalid_project")})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=MarkReadSerializer, responses={
        200: inline_serializer("NotificationsMarked", {"marked": serializers.IntegerField(),
                                                       "unread": serializers.IntegerField()}),
        400: OpenApiResponse(description="code ids_or_all (give exactly one of ids and all) or validation_error"),
        404: OpenApiResponse(description="code not_found: an id is not one of your notifications; nothing marked")})
    @action(detail=False, methods=["post"], url_path="read")
    def read(self, request):
        """Mark `ids` read, or every unread one with `{"all": true}`. Resolved notifications stay as they are."""
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids, everything = data.validated_data.get("ids"), data.validated_data["all"]
        if bool(ids) == everything:
            raise DomainError(_("Give either the ids to mark read or “all”: true."), code="ids_or_all")
        marked = mark_read(user=request.user, ids=None if everything else ids)
        return Response({"marked": marked, "unread": unread_count(request.user)})
