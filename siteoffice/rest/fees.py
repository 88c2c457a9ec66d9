"""API of fees (FEE-1, FEE-2): the price list, receipts and their counter-entries, the daily close, fees due.
Amounts travel as text ("12.50"), never as floats."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import Unit
from core.permissions import restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid
from siteoffice.models import CounterEntry, DailyClose, FeeDue, Price, Receipt
from siteoffice.permissions import read_fees, require_fee_reader
from siteoffice.rest.common import MoneyField, StrictIdField, listed_projects, mine
from siteoffice.services import collection as collection_svc
from siteoffice.services import prices as price_svc
from siteoffice.services import receipts as receipt_svc

LIST = [OpenApiParameter("project", int, required=False)]


class PriceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Price
        fields = ["id", "project", "kind", "name", "unit_label", "unit_price", "effective_from", "created_at"]


class PriceInput(serializers.Serializer):
    project = StrictIdField()
    kind = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=200, allow_blank=True)
    unit_label = serializers.CharField(max_length=100, allow_blank=True)
    unit_price = MoneyField(max_length=20)
    effective_from = serializers.DateField()


class _Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A list of the user's projects the area lets them read; one record only to a reader of its project."""
    related: tuple = ()
    order: tuple = ("-pk",)
    reader, require = staticmethod(read_fees), staticmethod(require_fee_reader)

    def get_queryset(self):
        qs = restrict(self.queryset.model.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, self.reader, self.require))
        return qs.select_related(*self.related).order_by(*self.order)

    def get_object(self):
        obj = super().get_object()
        self.require(self.request.user, obj.project)
        return obj


@extend_schema(parameters=LIST)
class PriceViewSet(_Scoped):
    serializer_class, queryset = PriceSerializer, Price.objects.all()
    order = ("kind", "name", "-effective_from")

    @extend_schema(request=PriceInput, responses={201: PriceSerializer, **ERRORS})
    def create(self, request):
        data = valid(PriceInput, request)
        price = price_svc.publish(project=my_project(request, data["project"]), by=request.user, kind=data["kind"],
                                  name=data["name"], unit_label=data["unit_label"], unit_price=data["unit_price"],
                                  effective_from=data["effective_from"])
        return Response(PriceSerializer(price).data, status=status.HTTP_201_CREATED)


class ReceiptSerializer(serializers.ModelSerializer):
    clerk = PersonSerializer(read_only=True)
    original_number = serializers.CharField(source="original.number", read_only=True, default=None)

    class Meta:
        model = Receipt
        fields = ["id", "project", "seq", "number", "entry", "original", "original_number", "price", "kind",
                  "item_name", "unit_label", "unit_price", "quantity", "amount", "unit", "payer", "period", "method",
                  "clerk", "issued_at", "day", "reason", "due"]


class ReceiptInput(serializers.Serializer):
    project = StrictIdField()
    price = StrictIdField()
    quantity = MoneyField(max_length=20)
    payer = serializers.CharField(max_length=200, allow_blank=True)
    method = serializers.CharField(max_length=20)
    unit = StrictIdField(required=False)
    period = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    due = StrictIdField(required=False)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=600, allow_blank=True)


class RefundInput(ReasonInput):
    amount = MoneyField(max_length=20, required=False, allow_blank=True, default="")


class CounterEntrySerializer(serializers.ModelSerializer):
    receipt_number = serializers.CharField(source="receipt.number", read_only=True)
    entered_number = serializers.CharField(source="entered.number", read_only=True, default=None)
    requested_by = PersonSerializer(read_only=True)

    class Meta:
        model = CounterEntry
        fields = ["id", "project", "receipt", "receipt_number", "entry", "reason", "status", "requested_by",
                  "requested_at", "entered", "entered_number"]


class DecisionInput(serializers.Serializer):
    comment = serializers.CharField(max_length=600, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class ReceiptViewSet(_Scoped):
    serializer_class, queryset = ReceiptSerializer, Receipt.objects.all()
    related, order = ("clerk", "original"), ("-seq",)

    @extend_schema(request=ReceiptInput, responses={201: ReceiptSerializer, **ERRORS})
    def create(self, request):
        data = valid(ReceiptInput, request)
        project = my_project(request, data["project"])
        receipt = receipt_svc.issue(project=project, clerk=request.user,
                                    price=mine(request, Price, data["price"], project=project),
                                    quantity=data["quantity"], payer=data["payer"], method=data["method"],
                                    unit=mine(request, Unit, data.get("unit"), project=project),
                                    period=data["period"], due=mine(request, FeeDue, data.get("due"), project=project))
        return Response(ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonInput, responses={201: CounterEntrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        data = valid(ReasonInput, request)
        entry = receipt_svc.request_reversal(receipt=self.get_object(), by=request.user, reason=data["reason"])
        return Response(CounterEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RefundInput, responses={201: ReceiptSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        data = valid(RefundInput, request)
        entered = receipt_svc.refund_deposit(receipt=self.get_object(), clerk=request.user, reason=data["reason"],
                                             amount=data["amount"] or None)
        return Response(ReceiptSerializer(entered).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=LIST)
class ReversalViewSet(_Scoped):
    serializer_class, queryset = CounterEntrySerializer, CounterEntry.objects.all()
    related = ("receipt", "entered", "requested_by")

    def _decide(self, request, approve: bool):
        data = valid(DecisionInput, request)
        entry = receipt_svc.decide_reversal(request=self.get_object(), approver=request.user, approve=approve,
                                            comment=data["comment"])
        return Response(CounterEntrySerializer(entry).data)

    @extend_schema(request=DecisionInput, responses={200: CounterEntrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=DecisionInput, responses={200: CounterEntrySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)


class CloseSerializer(serializers.ModelSerializer):
    clerk = PersonSerializer(read_only=True)
    received_by = PersonSerializer(read_only=True)

    class Meta:
        model = DailyClose
        fields = ["id", "project", "clerk", "day", "receipts", "first_number", "last_number", "totals", "total",
                  "closed_at", "status", "received_by", "received_at"]


class CloseInput(serializers.Serializer):
    project = StrictIdField()
    day = serializers.DateField(required=False)


@extend_schema(parameters=LIST)
class CloseViewSet(_Scoped):
    serializer_class, queryset = CloseSerializer, DailyClose.objects.all()
    related, order = ("clerk", "received_by"), ("-day", "pk")

    @extend_schema(request=CloseInput, responses={201: CloseSerializer, **ERRORS})
    def create(self, request):
        data = valid(CloseInput, request)
        close = collection_svc.close_day(project=my_project(request, data["project"]), clerk=request.user,
                                         day=data.get("day"))
        return Response(CloseSerializer(close).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: CloseSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        close = collection_svc.sign_close(close=self.get_object(), receiver=request.user)
        return Response(CloseSerializer(close).data)


class DueSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeeDue
        fields = ["id", "project", "unit", "price", "kind", "period", "quantity", "amount", "due_date", "payer",
                  "created_at", "paid_at"]


class DueInput(serializers.Serializer):
    project = StrictIdField()
    unit = StrictIdField()
    price = StrictIdField()
    quantity = MoneyField(max_length=20)
    period = serializers.CharField(max_length=60, allow_blank=True)
    due_date = serializers.DateField()
    payer = serializers.CharField(max_length=200, allow_blank=True)


class RemindInput(serializers.Serializer):
    channel = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=600, required=False, allow_blank=True, default="")


@extend_schema(parameters=LIST)
class DueViewSet(_Scoped):
    serializer_class, queryset = DueSerializer, FeeDue.objects.all()
    order = ("due_date", "pk")

    @extend_schema(request=DueInput, responses={201: DueSerializer, **ERRORS})
    def create(self, request):
        data = valid(DueInput, request)
        project = my_project(request, data["project"])
        due = collection_svc.record_due(project=project, by=request.user,
                                        unit=mine(request, Unit, data["unit"], project=project),
                                        price=mine(request, Price, data["price"], project=project),
                                        quantity=data["quantity"], period=data["period"], due_date=data["due_date"],
                                        payer=data["payer"])
        return Response(DueSerializer(due).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RemindInput, responses={200: DueSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        data = valid(RemindInput, request)
        due = self.get_object()
        collection_svc.remind(due=due, by=request.user, channel=data["channel"], note=data["note"])
        return Response(DueSerializer(due).data)


def register(router) -> None:
    router.register("prices", PriceViewSet, basename="siteoffice-price")
    router.register("receipts", ReceiptViewSet, basename="siteoffice-receipt")
    router.register("reversals", ReversalViewSet, basename="siteoffice-reversal")
    router.register("closes", CloseViewSet, basename="siteoffice-close")
    router.register("dues", DueViewSet, basename="siteoffice-due")
