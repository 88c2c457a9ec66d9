"""API of the desk's daily registers (FRONT-1..4): visitors, mail and subscriptions, items for others, the close
of the desk. One service call per action; refusals answer 4xx with the service's stable code. ID numbers are
never answered, only their masked form."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.masking import mask_id_number
from core.models import Resident, Unit
from core.parsing import is_int
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid
from desk.models import Deposit, DeskClose, MailItem, Subscription, Visitor
from desk.permissions import keep_registers, require_registers
from desk.rest.repairs import StrictIdField, _in_project
from desk.services import closing, deposits, mail, visitors


@extend_schema_field(OpenApiTypes.STR)
class MaskedId(serializers.Field):
    """An ID number as the desk shows it: its last four characters behind asterisks (CORE-3)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return mask_id_number(value)


class VisitorSerializer(serializers.ModelSerializer):
    registered_by = PersonSerializer(read_only=True)
    id_number = MaskedId(source="id_number_hint")

    class Meta:
        model = Visitor
        fields = ["id", "project", "serial", "arrived_at", "registered_by", "visitor_name", "party_size", "id_type",
                  "id_number", "host_kind", "unit", "resident", "host_staff", "host_name", "purpose", "status",
                  "contact_method", "agreed_by", "host_answered_at", "refusal_reason", "refusal_note", "left_at"]


class MailSerializer(serializers.ModelSerializer):
    received_by = PersonSerializer(read_only=True)
    collector_id_number = MaskedId(source="collector_id_hint")

    class Meta:
        model = MailItem
        fields = ["id", "project", "serial", "kind", "carrier", "tracking_number", "unit", "resident", "addressee",
                  "copies", "subscription", "seal_state", "damage_note", "received_at", "received_by", "status",
                  "notified_at", "notice_method", "collected_at", "collector", "collector_name", "collector_id_type",
                  "collector_id_number"]


class SubscriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subscription
        fields = ["id", "project", "resident", "unit", "title", "period", "copies", "starts_on", "ends_on"]


class ItemForOthersSerializer(serializers.ModelSerializer):
    collector_id_number = MaskedId(source="collector_id_hint")

    class Meta:
        model = Deposit
        fields = ["id", "project", "serial", "kind", "description", "pieces", "depositor_name", "recipient_name",
                  "unit", "reason", "requested_by", "requested_at", "chain", "status", "approved_at", "signed_in_at",
                  "released_at", "collector_name", "collector_id_number"]


class CloseSerializer(serializers.ModelSerializer):
    clerk = PersonSerializer(read_only=True)
    next_clerk = PersonSerializer(read_only=True)

    class Meta:
        model = DeskClose
        fields = ["id", "project", "clerk", "day", "closed_at", "cabinet_locked", "keys_returned", "keys_counted",
                  "keys_expected", "mail_held", "deposits_held", "next_clerk", "unfinished", "items_handed"]


class RegisterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Lists scoped to the user's projects where they keep the registers; `?project=` narrows to one."""

    model = None
    order = ("-pk",)

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        qs = restrict(self.model.objects, user)
        if self.action == "list":
            if is_int(params.get("project", "")):
                project = my_project(self.request, int(params["project"]))
                require_registers(user, project)
                qs = qs.filter(project=project)
            qs = qs.filter(project__in=[p.pk for p in projects_for(user) if keep_registers(user, p)])
            if params.get("status", ""):
                qs = qs.filter(status=params["status"]) if hasattr(self.model, "status") else qs
        return qs.order_by(*self.order)

    def get_object(self):
        obj = super().get_object()
        require_registers(self.request.user, obj.project)
        return obj

    def project_of(self, data):
        project = my_project(self.request, data.pop("project"))
        require_registers(self.request.user, project)
        return project


# --- Visitors (FRONT-1) -----------------------------------------------------------------------------------------
class VisitorIn(serializers.Serializer):
    project = StrictIdField()
    visitor_name = serializers.CharField(max_length=60, allow_blank=True)
    id_type = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    host_kind = serializers.CharField(max_length=10)
    unit = StrictIdField(required=False, allow_null=True, default=None)
    resident = StrictIdField(required=False, allow_null=True, default=None)
    host_staff = StrictIdField(required=False, allow_null=True, default=None)
    host_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=200, allow_blank=True)
    party_size = StrictIdField(required=False, default=1)


class AdmitIn(serializers.Serializer):
    method = serializers.CharField(max_length=10)
    agreed_by = serializers.CharField(max_length=100, allow_blank=True)


class RefuseIn(serializers.Serializer):
    reason = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class IdIn(serializers.Serializer):
    id_type = serializers.CharField(max_length=20)
    id_number = serializers.CharField(max_length=40, allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class VisitorViewSet(RegisterViewSet):
    serializer_class = VisitorSerializer
    model = Visitor
    order = ("-arrived_at", "-pk")

    @extend_schema(request=VisitorIn, responses={201: VisitorSerializer, **ERRORS})
    def create(self, request):
        data = valid(VisitorIn, request)
        project = self.project_of(data)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        data["host_staff"] = project_user(project, data["host_staff"]) if data["host_staff"] else None
        visitor = visitors.register_visitor(project=project, registered_by=request.user, **data)
        return Response(VisitorSerializer(visitor).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AdmitIn, responses={200: VisitorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def admit(self, request, pk=None):
        return Response(VisitorSerializer(visitors.admit_visitor(
            visitor=self.get_object(), contacted_by=request.user, **valid(AdmitIn, request))).data)

    @extend_schema(request=IdIn, responses={200: VisitorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def identify(self, request, pk=None):
        return Response(VisitorSerializer(visitors.show_identification(
            visitor=self.get_object(), recorded_by=request.user, **valid(IdIn, request))).data)

    @extend_schema(request=RefuseIn, responses={200: VisitorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return Response(VisitorSerializer(visitors.refuse_visitor(
            visitor=self.get_object(), refused_by=request.user, **valid(RefuseIn, request))).data)

    @extend_schema(request=None, responses={200: VisitorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        return Response(VisitorSerializer(visitors.record_departure(visitor=self.get_object(),
                                                                    recorded_by=request.user)).data)


# --- Mail and subscriptions (FRONT-2) -----------------------------------------------------------------------------
class MailIn(serializers.Serializer):
    project = StrictIdField()
    kind = serializers.CharField(max_length=12)
    addressee = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    unit = StrictIdField(required=False, allow_null=True, default=None)
    resident = StrictIdField(required=False, allow_null=True, default=None)
    seal_state = serializers.CharField(max_length=10)
    damage_note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    photo = serializers.FileField(required=False, allow_null=True, default=None)
    carrier = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    tracking_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    copies = StrictIdField(required=False, default=1)


class NoticeIn(serializers.Serializer):
    method = serializers.CharField(max_length=10)


class CollectIn(serializers.Serializer):
    collector = serializers.CharField(max_length=12)
    collector_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    id_type = serializers.CharField(max_length=20)
    id_number = serializers.CharField(max_length=40, allow_blank=True)
    signature = serializers.CharField(allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class MailViewSet(RegisterViewSet):
    """No action opens an item: the desk never opens residents' mail (001 篇7)."""

    serializer_class = MailSerializer
    model = MailItem
    order = ("-received_at", "-pk")

    @extend_schema(request=MailIn, responses={201: MailSerializer, **ERRORS})
    def create(self, request):
        data = valid(MailIn, request)
        project = self.project_of(data)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        photo = data.pop("photo")
        item = mail.register_mail(project=project, received_by=request.user, photo=photo.read() if photo else None,
                                  photo_name=photo.name if photo else "", **data)
        return Response(MailSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=NoticeIn, responses={200: MailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        return Response(MailSerializer(mail.record_notice(item=self.get_object(), notified_by=request.user,
                                                          **valid(NoticeIn, request))).data)

    @extend_schema(request=CollectIn, responses={200: MailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def collect(self, request, pk=None):
        return Response(MailSerializer(mail.collect_mail(item=self.get_object(), handed_by=request.user,
                                                         **valid(CollectIn, request))).data)


class SubscriptionIn(serializers.Serializer):
    project = StrictIdField()
    resident = StrictIdField()
    title = serializers.CharField(max_length=100, allow_blank=True)
    period = serializers.CharField(max_length=10)
    copies = StrictIdField(required=False, default=1)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


@extend_schema(parameters=[OpenApiParameter("project", int)])
class SubscriptionViewSet(RegisterViewSet):
    serializer_class = SubscriptionSerializer
    model = Subscription
    order = ("title", "pk")

    @extend_schema(request=SubscriptionIn, responses={201: SubscriptionSerializer, **ERRORS})
    def create(self, request):
        data = valid(SubscriptionIn, request)
        project = self.project_of(data)
        data["resident"] = _in_project(Resident, project, data["resident"], "resident")
        sub = mail.add_subscription(project=project, created_by=request.user, **data)
        return Response(SubscriptionSerializer(sub).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: MailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def arrived(self, request, pk=None):
        item = mail.record_arrival(subscription=self.get_object(), received_by=request.user)
        return Response(MailSerializer(item).data, status=status.HTTP_201_CREATED)


# --- Items for others (FRONT-3) ---------------------------------------------------------------------------------
class DepositIn(serializers.Serializer):
    project = StrictIdField()
    kind = serializers.CharField(max_length=12)
    description = serializers.CharField(max_length=200, allow_blank=True)
    pieces = StrictIdField()
    depositor_name = serializers.CharField(max_length=100, allow_blank=True)
    depositor_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    recipient_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    unit = StrictIdField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=300, allow_blank=True)


class DecideIn(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class SignatureIn(serializers.Serializer):
    signature = serializers.CharField(allow_blank=True)


class SignOutIn(serializers.Serializer):
    collector_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    id_type = serializers.CharField(max_length=20)
    id_number = serializers.CharField(max_length=40, allow_blank=True)
    signature = serializers.CharField(allow_blank=True)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("status", str)])
class DepositViewSet(RegisterViewSet):
    serializer_class = ItemForOthersSerializer
    model = Deposit
    order = ("-requested_at", "-pk")

    def get_object(self):
        # The approver (a manager) need not keep the registers: decide checks its own rights.
        obj = super(RegisterViewSet, self).get_object()
        if self.action != "decide":
            require_registers(self.request.user, obj.project)
        return obj

    @extend_schema(request=DepositIn, responses={201: ItemForOthersSerializer, **ERRORS})
    def create(self, request):
        data = valid(DepositIn, request)
        project = self.project_of(data)
        data["unit"] = _in_project(Unit, project, data["unit"], "unit")
        deposit = deposits.register_deposit(project=project, requested_by=request.user, **data)
        return Response(ItemForOthersSerializer(deposit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecideIn, responses={200: ItemForOthersSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return Response(ItemForOthersSerializer(deposits.decide_deposit(deposit=self.get_object(), approver=request.user,
                                                                  **valid(DecideIn, request))).data)

    @extend_schema(request=SignatureIn, responses={200: ItemForOthersSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="sign-in")
    def sign_in(self, request, pk=None):
        return Response(ItemForOthersSerializer(deposits.sign_in(deposit=self.get_object(), taken_in_by=request.user,
                                                           **valid(SignatureIn, request))).data)

    @extend_schema(request=SignOutIn, responses={200: ItemForOthersSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="sign-out")
    def sign_out(self, request, pk=None):
        return Response(ItemForOthersSerializer(deposits.sign_out(deposit=self.get_object(), released_by=request.user,
                                                            **valid(SignOutIn, request))).data)


# --- Close of the desk (FRONT-4) --------------------------------------------------------------------------------
class CloseIn(serializers.Serializer):
    project = StrictIdField()
    next_clerk = StrictIdField()
    cabinet_locked = serializers.BooleanField()
    keys_returned = serializers.BooleanField()
    keys_counted = StrictIdField(required=False, allow_null=True, default=None)
    unfinished = serializers.CharField(required=False, allow_blank=True, default="")
    items_handed = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(parameters=[OpenApiParameter("project", int)])
class CloseViewSet(RegisterViewSet):
    serializer_class = CloseSerializer
    model = DeskClose
    order = ("-closed_at", "-pk")

    @extend_schema(request=CloseIn, responses={201: CloseSerializer, **ERRORS})
    def create(self, request):
        data = valid(CloseIn, request)
        project = self.project_of(data)
        data["next_clerk"] = project_user(project, data["next_clerk"])
        close = closing.close_desk(project=project, clerk=request.user, **data)
        return Response(CloseSerializer(close).data, status=status.HTTP_201_CREATED)


urlpatterns: list = []


def register(router) -> None:
    router.register("visitors", VisitorViewSet, basename="desk-visitors")
    router.register("mail", MailViewSet, basename="desk-mail")
    router.register("subscriptions", SubscriptionViewSet, basename="desk-subscriptions")
    router.register("deposits", DepositViewSet, basename="desk-deposits")
    router.register("closes", CloseViewSet, basename="desk-closes")
