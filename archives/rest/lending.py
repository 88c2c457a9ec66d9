"""API of archive loans (ARCH-5): apply, approve or reject a step, cancel, lend and take back at the counter,
the register with its overdue filter. Refusals carry the service's stable codes."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archives.models import ArchiveLoan, LoanKind, Volume
from archives.permissions import may_read, require_keeper, require_reader
from archives.rest.common import StrictIdField, listed_projects
from archives.services import lending as svc
from core import clock
from core.errors import DomainError
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, project_user, valid


class LoanSerializer(serializers.ModelSerializer):
    holder = PersonSerializer(read_only=True)
    volume_number = serializers.CharField(source="volume.number", read_only=True)
    volume_title = serializers.CharField(source="volume.title", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ArchiveLoan
        fields = ["id", "project", "serial", "volume", "volume_number", "volume_title", "kind", "kind_display",
                  "holder", "purpose", "period_end", "status", "status_display", "applied_at", "checked_out_at",
                  "due_at", "items_out", "returned_at", "items_in", "returned_intact", "closing_note", "overdue"]

    def get_overdue(self, obj) -> bool:
        return obj.status == "lent" and obj.due_at is not None and obj.due_at < clock.now()


class ApplyInput(serializers.Serializer):
    volume = StrictIdField()
    applicant = StrictIdField(required=False)
    kind = serializers.ChoiceField(choices=LoanKind.choices)
    purpose = serializers.CharField(max_length=300, allow_blank=True)
    days = StrictIdField(required=False, min_value=1, max_value=366)


class DecisionInput(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CounterInput(serializers.Serializer):
    counted = StrictIdField(min_value=0, max_value=100000)
    holder_password = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=False)
    accept_discrepancy = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int, required=False),
                           OpenApiParameter("overdue", bool, required=False),
                           OpenApiParameter("status", str, required=False)])
class LoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LoanSerializer
    queryset = ArchiveLoan.objects.all()

    def get_queryset(self):
        qs = restrict(ArchiveLoan.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_read, require_reader))
            wanted = self.request.query_params.get("status", "")
            if wanted:
                if wanted not in {value for value, _label in ArchiveLoan._meta.get_field("status").choices}:
                    raise DomainError(_("Unknown status."), code="invalid", details={"field": "status"})
                qs = qs.filter(status=wanted)
            if self.request.query_params.get("overdue", "") in {"1", "true"}:
                qs = qs.filter(status="lent", due_at__lt=clock.now())
        return qs.select_related("volume", "holder").order_by("-applied_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=ApplyInput, responses={201: LoanSerializer, **ERRORS})
    def create(self, request):
        data = valid(ApplyInput, request)
        volume = restrict(Volume.objects, request.user).filter(pk=data["volume"]).select_related("category").first()
        if volume is None:
            raise DomainError(_("No such record."), code="not_found", status=404)
        require_reader(request.user, volume.project)
        applicant = (project_user(volume.project, data["applicant"]) if data.get("applicant") else request.user)
        loan = svc.apply(volume=volume, applicant=applicant, registered_by=request.user, kind=data["kind"],
                         purpose=data["purpose"], days=data.get("days"))
        return Response(LoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, pk, approve: bool):
        loan = self.get_object()
        data = valid(DecisionInput, request)
        if approve:
            loan = svc.approve(loan=loan, approver=request.user, comment=data["comment"])
        else:
            loan = svc.reject(loan=loan, approver=request.user, comment=data["comment"])
        return Response(LoanSerializer(loan).data)

    @extend_schema(request=DecisionInput, responses={200: LoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, pk, True)

    @extend_schema(request=DecisionInput, responses={200: LoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, pk, False)

    @extend_schema(request=DecisionInput, responses={200: LoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        loan = self.get_object()
        data = valid(DecisionInput, request)
        return Response(LoanSerializer(svc.cancel(loan=loan, actor=request.user, reason=data["comment"])).data)

    @extend_schema(request=CounterInput, responses={200: LoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def lend(self, request, pk=None):
        loan = self.get_object()
        require_keeper(request.user, loan.project)
        data = valid(CounterInput, request)
        loan = svc.lend(loan=loan, issuer=request.user, counted=data["counted"],
                        holder_password=data["holder_password"])
        return Response(LoanSerializer(loan).data)

    @extend_schema(request=CounterInput, responses={200: LoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def take_back(self, request, pk=None):
        loan = self.get_object()
        require_keeper(request.user, loan.project)
        data = valid(CounterInput, request)
        loan = svc.take_back(loan=loan, receiver=request.user, counted=data["counted"],
                             holder_password=data["holder_password"],
                             accept_discrepancy=data["accept_discrepancy"], note=data["note"])
        return Response(LoanSerializer(loan).data)


def register(router) -> None:
    router.register("loans", LoanViewSet, basename="archives-loan")
