"""A departing employee's clearance over the API (ARCH-7): what is still out, and deactivating once nothing is."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clearance
from core.errors import NotAllowed, NotFound
from core.models import Membership, User
from core.roles import Role

CLEARING_ROLES = (Role.SITE_MANAGER, Role.GENERAL_MANAGER, Role.SYSADMIN)


def person_to_clear(user: User, pk: int) -> User:
    """A person of the user's company sharing a project where the user is a site manager, GM or system admin.
    Someone outside is reported as not found (CORE-1); a colleague without that role is refused."""
    person = User.objects.filter(pk=pk, company_id=user.company_id).first()
    if person is None:
        raise NotFound(_("No such record."), code="not_found")
    shared = Membership.objects.filter(user=person).values("project")
    if not Membership.objects.filter(user=user, project__in=shared).exists():
        raise NotFound(_("No such record."), code="not_found")
    if not Membership.objects.filter(user=user, project__in=shared, role__in=CLEARING_ROLES).exists():
        raise NotAllowed(_("Only the site manager, the general manager or IT may clear a departing employee."),
                         code="role_not_allowed", rule="ARCH-7")
    return person


def _items(person: User) -> list[dict]:
    return [{"room": str(i.room), "what": i.what, "document": i.document, "project": i.project,
             "since": i.since, "due_at": i.due_at} for i in clearance.outstanding(person)]


ITEM = inline_serializer("OutstandingItem", {"room": serializers.CharField(), "what": serializers.CharField(),
                                            "document": serializers.CharField(), "project": serializers.CharField(),
                                            "since": serializers.DateTimeField(allow_null=True),
                                            "due_at": serializers.DateTimeField(allow_null=True)})
CLEARANCE = inline_serializer("Clearance", {"person": serializers.CharField(), "active": serializers.BooleanField(),
                                            "cleared": serializers.BooleanField(), "items": ITEM})


class ClearanceView(APIView):
    @extend_schema(responses={200: CLEARANCE})
    def get(self, request, pk: int):
        person = person_to_clear(request.user, pk)
        items = _items(person)
        return Response({"person": person.display_name, "active": person.is_active, "cleared": not items,
                         "items": items})


class DeactivateView(APIView):
    @extend_schema(request=inline_serializer("Deactivate", {"reason": serializers.CharField(required=False)}),
                   responses={200: CLEARANCE})
    def post(self, request, pk: int):
        person = person_to_clear(request.user, pk)
        reason = str(request.data.get("reason", "") or "")
        person = clearance.deactivate(person=person, by=request.user, reason=reason)
        return Response({"person": person.display_name, "active": person.is_active, "cleared": True, "items": []})
