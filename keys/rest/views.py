"""API views: each action validates input, calls one service, returns the changed record."""
from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.errors import NotFound
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.rest_parsers import BoundedFormParser, BoundedMultiPartParser
from core.web.api import ERRORS, my_project, project_user, valid
from keys.models import (
    InventoryCount,
    InventoryLine,
    KeyFault,
    KeyLoan,
    KeySet,
    LoanExtension,
    LoanIncident,
    LoanTransfer,
)
from keys.rest import serializers as s
from keys.selectors import loans as selectors
from keys.services import daily, desk, followups, inventory, ledger, loans, requests
from keys.services.ledger_import import import_ledger
from keys.states import LoanStatus


class KeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.KeySerializer
    filterset_fields = ["project", "category", "status", "is_emergency_spare"]

    def get_queryset(self):
        qs = restrict(KeySet.objects, self.request.user).order_by("number")
        text = self.request.query_params.get("q", "").strip()
        if text:
            qs = qs.filter(number__icontains=text) | qs.filter(name__icontains=text)
        return qs

    @extend_schema(request=s.KeyCreateSerializer, responses={201: s.KeySerializer, **ERRORS})
    def create(self, request):
        data = valid(s.KeyCreateSerializer, request)
        project = my_project(request, data.pop("project"))
        key = ledger.create_key(project=project, actor=request.user, **data)
        return Response(s.KeySerializer(key).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.KeyUpdateSerializer, responses={200: s.KeySerializer, **ERRORS})
    def partial_update(self, request, pk=None):
        key = ledger.update_key(key=self.get_object(), actor=request.user, **valid(s.KeyUpdateSerializer, request))
        return Response(s.KeySerializer(key).data)

    @extend_schema(request=inline_serializer("RetireKey", {"reason": serializers.CharField(max_length=300)}),
                   responses={200: s.KeySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        key = ledger.retire_key(key=self.get_object(), actor=request.user, reason=str(request.data.get("reason", "")))
        return Response(s.KeySerializer(key).data)

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True), OpenApiParameter("scan", str, required=True)],
                   responses={200: inline_serializer("KeyLookup", {
                       "key": s.KeySerializer(), "open_loan": s.LoanSerializer(allow_null=True),
                       "awaiting_checkout": s.LoanSerializer(many=True)}), **ERRORS})
    @action(detail=False, methods=["get"])
    def lookup(self, request):
        """What a scanner typed: the tag code, a tag URL or the key number."""
        project_id = request.query_params.get("project", "")
        project = my_project(request, int(project_id) if is_int(project_id) else 0)
        key = ledger.find_by_scan(project=project, scanned=request.query_params.get("scan", ""))
        open_loan = selectors.open_loan(key=key)
        return Response({"key": s.KeySerializer(key).data,
                         "open_loan": s.LoanSerializer(open_loan).data if open_loan else None,
                         "awaiting_checkout": s.LoanSerializer(selectors.awaiting_checkout(key=key), many=True).data})

    @extend_schema(responses={200: s.LoanSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        page = self.paginate_queryset(self.get_object().loans.order_by("-applied_at"))
        return self.get_paginated_response(s.LoanSerializer(page, many=True).data)


LOAN_ACTION = {"request": None, "responses": {200: s.LoanSerializer, **ERRORS}}


class LoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.LoanSerializer
    filterset_fields = ["project", "status", "key", "category", "is_emergency"]

    def get_queryset(self):
        qs = restrict(KeyLoan.objects, self.request.user).order_by("-pk")
        if self.action in {"list", "retrieve"}:
            # Actions lock and re-read the loan in their service; only reads need the related rows here.
            qs = qs.select_related("key", "applicant", "holder").prefetch_related("approvals__approver")
        if self.request.query_params.get("overdue") in {"1", "true"}:
            qs = qs.filter(status=LoanStatus.LENT, due_at__lt=clock.now())
        return qs

    def _done(self, loan):
        """The changed loan as the service left it, with its approvals read now."""
        prefetch_related_objects([loan], "approvals__approver")
        return Response(s.LoanSerializer(loan).data)

    @extend_schema(request=s.LoanApplySerializer, responses={201: s.LoanSerializer, **ERRORS})
    def create(self, request):
        data = valid(s.LoanApplySerializer, request)
        key = get_object_or_404(restrict(KeySet.objects, request.user), pk=data.pop("key"))
        applicant_id = data.pop("applicant", None)
        applicant = project_user(key.project, applicant_id) if applicant_id else request.user
        loan = loans.apply_for_loan(key=key, applicant=applicant, registered_by=request.user, **data)
        return Response(s.LoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CommentSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._done(loans.approve_loan(loan=self.get_object(), approver=request.user,
                                             comment=valid(s.CommentSerializer, request)["comment"]))

    @extend_schema(request=s.CommentSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._done(loans.reject_loan(loan=self.get_object(), approver=request.user,
                                            comment=valid(s.CommentSerializer, request)["comment"]))

    @extend_schema(request=s.CommentSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"], url_path="release-emergency")
    def release_emergency(self, request, pk=None):
        return self._done(loans.release_emergency(loan=self.get_object(), approver=request.user,
                                                  comment=valid(s.CommentSerializer, request)["comment"]))

    @extend_schema(request=s.CommentSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._done(loans.cancel_loan(loan=self.get_object(), actor=request.user,
                                            reason=valid(s.CommentSerializer, request)["comment"]))

    def _desk_loan(self) -> int:
        """The loan a desk action names. Not read here: the service locks it and checks the clerk's
        project itself (another project's loan is "not found"), so the hot path reads it once."""
        pk = self.kwargs[self.lookup_field]
        if not is_int(pk):
            raise NotFound("No such record.", code="not_found")
        return int(pk)

    @extend_schema(request=s.CheckoutSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"])
    def checkout(self, request, pk=None):
        data = valid(s.CheckoutSerializer, request)
        return self._done(desk.checkout_key(loan=self._desk_loan(), issuer=request.user, **data))

    @extend_schema(request=s.ReturnSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"], url_path="return")
    def take_back(self, request, pk=None):
        data = valid(s.ReturnSerializer, request)
        return self._done(desk.return_key(loan=self._desk_loan(), receiver=request.user, **data))

    @extend_schema(request=s.NoteSerializer, responses=LOAN_ACTION["responses"])
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        loan = self.get_object()
        followups.add_follow_up(loan=loan, written_by=request.user, note=valid(s.NoteSerializer, request)["note"])
        return self._done(loan)

    @extend_schema(request=s.ExtensionRequestSerializer, responses={201: s.ExtensionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def extensions(self, request, pk=None):
        ext = requests.request_extension(loan=self.get_object(), requested_by=request.user,
                                         **valid(s.ExtensionRequestSerializer, request))
        return Response(s.ExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TransferRequestSerializer, responses={201: s.TransferSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def transfers(self, request, pk=None):
        loan = self.get_object()
        data = valid(s.TransferRequestSerializer, request)
        transfer = requests.request_transfer(loan=loan, requested_by=request.user, reason=data["reason"],
                                             to_user=project_user(loan.project, data["to_user"]))
        return Response(s.TransferSerializer(transfer).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.FaultReportSerializer, responses={201: s.FaultSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def faults(self, request, pk=None):
        loan = self.get_object()
        fault = followups.report_fault(key=loan.key, loan=loan, reported_by=request.user,
                                       **valid(s.FaultReportSerializer, request))
        return Response(s.FaultSerializer(fault).data, status=status.HTTP_201_CREATED)


class DecideViewSet(viewsets.GenericViewSet):
    """Extension and transfer requests are decided here (KEY-LOAN-8, KEY-LOAN-9)."""

    model = None
    serializer_class = s.ExtensionSerializer

    def get_queryset(self):
        return self.model.objects.filter(loan__project__in=projects_for(self.request.user)).order_by("-pk")

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=s.DecisionSerializer, responses={200: s.ExtensionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = valid(s.DecisionSerializer, request)
        obj = type(self).decide_with(self.get_object(), request.user, data)
        return Response(self.get_serializer(obj).data)


class ExtensionViewSet(DecideViewSet):
    model = LoanExtension
    serializer_class = s.ExtensionSerializer

    @staticmethod
    def decide_with(obj, user, data):
        return requests.decide_extension(extension=obj, approver=user, approve=data["approve"], comment=data["comment"])


class TransferViewSet(DecideViewSet):
    model = LoanTransfer
    serializer_class = s.TransferSerializer

    @extend_schema(request=s.DecisionSerializer, responses={200: s.TransferSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return super().decide(request, pk)

    @staticmethod
    def decide_with(obj, user, data):
        return requests.decide_transfer(transfer=obj, approver=user, approve=data["approve"], comment=data["comment"])


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.IncidentSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        return LoanIncident.objects.filter(loan__project__in=projects_for(self.request.user)).order_by("-pk")

    @extend_schema(request=s.ResolveIncidentSerializer, responses={200: s.IncidentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        data = valid(s.ResolveIncidentSerializer, request)
        incident = followups.resolve_incident(incident=self.get_object(), resolved_by=request.user, **data)
        return Response(s.IncidentSerializer(incident).data)


class FaultViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.FaultSerializer
    filterset_fields = ["status", "kind", "key"]

    def get_queryset(self):
        return KeyFault.objects.filter(key__project__in=projects_for(self.request.user)).order_by("-pk")

    @extend_schema(request=s.ResolveFaultSerializer, responses={200: s.FaultSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        fault = followups.resolve_fault(fault=self.get_object(), resolved_by=request.user,
                                        **valid(s.ResolveFaultSerializer, request))
        return Response(s.FaultSerializer(fault).data)


class InboxView(APIView):
    @extend_schema(responses={200: s.LoanSerializer(many=True)})
    def get(self, request):
        """Loans whose next approval step is mine (KEY-LOAN-3), emergencies first."""
        return Response(s.LoanSerializer(selectors.approvals_inbox(request.user), many=True).data)


class DailyRegisterView(APIView):
    PAGE = 100
    MAX_PAGE = 500

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True),
                               OpenApiParameter("limit", int, description="lines per page (default 100, at most 500)"),
                               OpenApiParameter("offset", int)],
                   responses={200: inline_serializer("DailyRegister", {
                       "unreturned": s.DailyLoanSerializer(many=True), "unreturned_count": serializers.IntegerField(),
                       "overdue_count": serializers.IntegerField(), "overdue_ids": serializers.ListField(),
                       "next_offset": serializers.IntegerField(allow_null=True),
                       "expected_on_hook": serializers.IntegerField(), "reviewed_today": serializers.BooleanField()}),
                       **ERRORS})
    def get(self, request):
        """The unreturned-key register, oldest due first, a page at a time (KEY-DAILY-1)."""
        params = request.query_params
        project_id = params.get("project", "")
        project = my_project(request, int(project_id) if is_int(project_id) else 0)
        limit = min(int(params["limit"]), self.MAX_PAGE) if is_int(params.get("limit", "")) else self.PAGE
        offset = int(params["offset"]) if is_int(params.get("offset", "")) else 0
        limit, offset = max(limit, 1), max(offset, 0)
        unreturned = selectors.unreturned_loans(project=project)
        now = clock.now()
        page = list(unreturned.select_related(None).select_related("key", "holder")[offset:offset + limit])
        total = unreturned.count()
        return Response({"unreturned": s.DailyLoanSerializer(page, many=True).data,
                         "unreturned_count": total,
                         "overdue_count": selectors.overdue_loans(project=project, at=now).count(),
                         "overdue_ids": [loan.pk for loan in page if loan.due_at and loan.due_at < now],
                         "next_offset": offset + limit if offset + limit < total else None,
                         "expected_on_hook": selectors.keys_expected_on_hook(project=project),
                         "reviewed_today": daily.review_of(project=project, day=clock.today()) is not None})

    @extend_schema(request=s.DailyReviewSerializer,
                   responses={201: inline_serializer("DailyReviewDone", {"id": serializers.IntegerField()}), **ERRORS})
    def post(self, request):
        data = valid(s.DailyReviewSerializer, request)
        project = my_project(request, data["project"])
        reasons = {int(k): v for k, v in data["reasons"].items() if is_int(str(k))}
        review = daily.record_daily_review(project=project, reviewed_by=request.user, counted_on_hook=data["counted_on_hook"],
                                           reasons=reasons, note=data["note"])
        return Response({"id": review.pk}, status=status.HTTP_201_CREATED)


class InventoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_fields = ["project", "kind", "status"]

    def get_serializer_class(self):
        return s.InventoryDetailSerializer if self.action == "retrieve" else s.InventorySerializer

    def get_queryset(self):
        return restrict(InventoryCount.objects, self.request.user).order_by("-pk")

    @extend_schema(request=s.InventoryStartSerializer, responses={201: s.InventoryDetailSerializer, **ERRORS})
    def create(self, request):
        data = valid(s.InventoryStartSerializer, request)
        count = inventory.start_inventory(project=my_project(request, data["project"]), kind=data["kind"],
                                          started_by=request.user)
        return Response(s.InventoryDetailSerializer(count).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InventorySubmitSerializer, responses={200: s.InventoryDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = valid(s.InventorySubmitSerializer, request)
        counts = {int(k): v for k, v in data["counts"].items() if is_int(str(k))}
        count = inventory.submit_inventory(count=self.get_object(), counted_by=request.user, counts=counts,
                                           faulty=data.get("faulty", []))
        return Response(s.InventoryDetailSerializer(count).data)


class InventoryLineViewSet(viewsets.GenericViewSet):
    serializer_class = s.InventoryLineSerializer

    def get_queryset(self):
        return InventoryLine.objects.filter(count__project__in=projects_for(self.request.user))

    @extend_schema(request=s.ResolveLineSerializer, responses={200: s.InventoryLineSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        data = valid(s.ResolveLineSerializer, request)
        line = inventory.resolve_discrepancy(line=self.get_object(), resolved_by=request.user,
                                             resolution=data["resolution"], key_status=data.get("key_status"))
        return Response(s.InventoryLineSerializer(line).data)


class ImportView(APIView):
    parser_classes = (BoundedMultiPartParser, BoundedFormParser)  # the form fields beside the file are bounded too

    @extend_schema(request={"multipart/form-data": s.ImportSerializer},
                   responses={201: inline_serializer("ImportDone", {"created": serializers.IntegerField(),
                                                                    "errors": serializers.ListField()}), **ERRORS})
    def post(self, request):
        """Import an Excel ledger (KEY-LEDGER-4): all rows or nothing, unless only_good_rows."""
        data = valid(s.ImportSerializer, request)
        result = import_ledger(project=my_project(request, data["project"]), actor=request.user,
                               data=data["file"].read(), only_good_rows=data["only_good_rows"])
        return Response({"created": result.created, "errors": result.errors}, status=status.HTTP_201_CREATED)

