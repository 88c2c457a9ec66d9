"""What every room's API shares: validated input, the user's project and staff, the error answer's schema."""
from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.errors import DomainError, NotFound
from core.models import User
from core.parsing import is_int
from core.permissions import projects_for
from core.serializers import FieldsBuiltOnce


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.CharField(required=False)
    clause = serializers.CharField(required=False)
    details = serializers.JSONField(required=False)


class PersonSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = User
        fields = ["id", "username", "name"]


# The refusals every action may answer (4xx with a stable code, core/api_errors.py).
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def my_project(request, pk):
    """A project the user belongs to; any other is "not found" (its existence is not disclosed)."""
    project = projects_for(request.user).filter(pk=pk).first()
    if project is None:
        raise NotFound("No such project.", code="not_found")
    return project


def member_record(request, queryset, pk):
    """Which record a change acts on, for a service that locks and re-reads it: only its id and its project are read,
    then the user's cached roles in that project are checked. The same answer as `restrict()` (another project's
    record, or a malformed id, is "not found") without the subquery of the user's projects, and without reading a
    wide row twice. The other fields are deferred: a caller that reads them pays a query each."""
    from core.permissions import is_member

    found = queryset.select_related("project").only("pk", "project").filter(pk=pk) if is_int(str(pk)) else []
    record = next(iter(found), None)
    if record is None or not is_member(request.user, record.project):
        raise NotFound(_("No such record."), code="not_found")
    return record


def project_user(project, pk) -> User:
    user = User.objects.filter(pk=pk, memberships__project=project).distinct().first()
    if user is None:
        raise NotFound("No such staff member in this project.", code="not_found")
    return user


class StrictIdField(serializers.IntegerField):
    """An id: plain ASCII digits only (int() would take "１２" or "٣"), no larger than a database integer holds (a
    larger one in a list of ids was SQLite's OverflowError, a server error)."""

    LARGEST = 2**63 - 1

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", self.LARGEST)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (isinstance(data, int) or is_int(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


def listed_projects(request, allowed, require) -> list[int]:
    """The projects a list covers: the one asked for in `?project=` (refused if the user may not read it: `require`),
    else every project of the user's that `allowed` lets them read."""
    wanted = request.query_params.get("project", "")
    if wanted:
        if not is_int(wanted):
            raise DomainError("Invalid project.", code="invalid", details={"field": "project"})
        project = my_project(request, int(wanted))
        require(request.user, project)
        return [project.pk]
    return [p.pk for p in projects_for(request.user) if allowed(request.user, p)]
