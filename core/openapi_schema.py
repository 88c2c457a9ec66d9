"""The schema class of the API (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]); apart from core.openapi, whose views
DRF's settings must not import while they load."""
from __future__ import annotations

from drf_spectacular.openapi import AutoSchema


class RoomAutoSchema(AutoSchema):
    """Schema components named by room: the rooms reuse plain names (Loan, Incident, Transfer, Close, Comment), and two
    components of one name make an incorrect schema. The key room, the first, keeps the names its clients know;
    every other room's serializers are named with the room in front (DutyStart, ArchiveLoan, SiteClose)."""

    ROOM_PREFIX = {"duty": "Duty", "desk": "Desk", "archives": "Archive", "siteoffice": "Site"}

    def get_serializer_name(self, serializer, direction):
        name = super().get_serializer_name(serializer, direction)
        prefix = self.ROOM_PREFIX.get(type(serializer).__module__.split(".", 1)[0], "")
        return name if not prefix or name.startswith(prefix) else prefix + name
