"""API of the store room: warehouses with their balances and daily journal, stock documents (saved, audited,
un-audited), and the materials a technician draws for a repair from the site's stock (STOCK-1..4, issue 19)."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import handoffs
from core.errors import DomainError, NotFound
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, my_project, valid
from stores.models import Item, Location, StockDocument, Warehouse
from stores.permissions import read_stock, require_reader
from stores.selectors import stock as sel
from stores.services import stock as svc

LIST = [OpenApiParameter("project", int, required=False)]


class StrictId(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not (isinstance(data, int) or (isinstance(data, str) and data.isascii()
                                                                    and data.isdigit())):
            self.fail("invalid")
        return super().to_internal_value(data)


class WarehouseSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Warehouse
        fields = ["id", "project", "level", "level_label", "code", "name", "parent"]


class BalanceSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    item_code = serializers.CharField(source="item.code")
    item_name = serializers.CharField(source="item.name")
    grade = serializers.CharField()
    quantity = serializers.IntegerField()
    location = serializers.CharField(source="location.code", default="")


class LineSerializer(serializers.Serializer):
    item = StrictId()
    quantity = StrictId(min_value=1, max_value=1_000_000)
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, required=False)
    expires_on = serializers.DateField(required=False, allow_null=True)
    location = StrictId(required=False, allow_null=True)


class DocumentSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = StockDocument
        fields = ["id", "project", "number", "kind", "kind_label", "grade", "red", "warehouse", "to_warehouse",
                  "status", "status_label", "note", "reference", "created_at", "audited_at", "lines"]

    def get_lines(self, obj) -> list[dict]:
        return [{"item": ln.item_id, "item_name": ln.item.name, "quantity": ln.quantity,
                 "unit_price": str(ln.unit_price), "expires_on": ln.expires_on}
                for ln in obj.lines.select_related("item")]


class DocumentInput(serializers.Serializer):
    warehouse = StrictId()
    kind = serializers.CharField(max_length=20)
    grade = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    red = serializers.BooleanField(default=False)
    to_warehouse = StrictId(required=False, allow_null=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    lines = LineSerializer(many=True)


class ChangeInput(serializers.Serializer):
    warehouse = StrictId(required=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    lines = LineSerializer(many=True, required=False)


class DrawInput(serializers.Serializer):
    project = StrictId()
    repair = serializers.CharField(max_length=40)
    lines = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=50)


def _warehouse(request, pk) -> Warehouse:
    found = restrict(Warehouse.objects, request.user).filter(pk=pk).first()
    if found is None:
        raise NotFound("No such warehouse.", code="warehouse_not_found")
    return found


def _lines(warehouse: Warehouse, lines) -> list[dict]:
    company = warehouse.project.company_id
    out = []
    for line in lines:
        item = Item.objects.filter(pk=line["item"], company_id=company).first()
        if item is None:
            raise NotFound("No such item.", code="item_not_found")
        loc = line.get("location")
        location = Location.objects.filter(pk=loc, warehouse__project__company_id=company).first() if loc else None
        out.append({**line, "item": item, "location": location})
    return out


class _Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    def get_queryset(self):
        qs = restrict(self.queryset.model.objects, self.request.user)
        wanted = self.request.query_params.get("project", "")
        if self.action == "list" and wanted:
            if not wanted.isdigit():
                raise DomainError("Invalid project.", code="invalid", details={"field": "project"})
            qs = qs.filter(project=my_project(self.request, int(wanted)))
        elif self.action == "list":
            qs = qs.filter(project__in=[p for p in projects_for(self.request.user) if read_stock(self.request.user, p)])
        return qs.order_by("-pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj


class BalanceDifference(serializers.Serializer):
    item, grade = serializers.IntegerField(), serializers.CharField()
    balance, journal = serializers.IntegerField(), serializers.IntegerField()


class IssuedLine(serializers.Serializer):
    name, quantity, unit_price = serializers.CharField(), serializers.IntegerField(), serializers.DecimalField(12, 2)


@extend_schema(parameters=LIST)
class WarehouseViewSet(_Scoped):
    serializer_class, queryset = WarehouseSerializer, Warehouse.objects.all()

    @extend_schema(responses={200: BalanceSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def balances(self, request, pk=None):
        return Response(BalanceSerializer(sel.balances(self.get_object()), many=True).data)

    @extend_schema(responses={200: inline_serializer("StoresBalanceCheck", {"differences": BalanceDifference(many=True)}),
                               **ERRORS})
    @action(detail=True, methods=["get"])
    def check(self, request, pk=None):
        """Every balance against the sum of its journal: an empty list when the books agree."""
        return Response({"differences": sel.check_balances(self.get_object())})


@extend_schema(parameters=LIST)
class DocumentViewSet(_Scoped):
    serializer_class, queryset = DocumentSerializer, StockDocument.objects.all()

    @extend_schema(request=DocumentInput, responses={201: DocumentSerializer, **ERRORS})
    def create(self, request):
        data = valid(DocumentInput, request)
        warehouse = _warehouse(request, data["warehouse"])
        to = _warehouse_any(warehouse, data.get("to_warehouse"))
        doc = svc.create(project=warehouse.project, by=request.user, kind=data["kind"], warehouse=warehouse,
                         lines=_lines(to or warehouse, data["lines"]), grade=data["grade"], red=data["red"],
                         to_warehouse=to, note=data["note"])
        return Response(DocumentSerializer(doc).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ChangeInput, responses={200: DocumentSerializer, **ERRORS})
    def partial_update(self, request, pk=None):
        doc = self.get_object()
        data = valid(ChangeInput, request)
        warehouse = _warehouse(request, data["warehouse"]) if "warehouse" in data else None
        lines = _lines(doc.to_warehouse or doc.warehouse, data["lines"]) if "lines" in data else None
        doc = svc.update(document=doc, by=request.user, lines=lines, note=data.get("note"), warehouse=warehouse)
        return Response(DocumentSerializer(doc).data)

    @extend_schema(request=None, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def audit(self, request, pk=None):
        return Response(DocumentSerializer(svc.audit_document(document=self.get_object(), auditor=request.user)).data)

    @extend_schema(request=None, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def unaudit(self, request, pk=None):
        return Response(DocumentSerializer(svc.unaudit_document(document=self.get_object(),
                                                                auditor=request.user)).data)

    @extend_schema(request=DrawInput, responses={201: inline_serializer("StoresMaterialsIssued", {
        "document": serializers.CharField(), "lines": IssuedLine(many=True)}), **ERRORS})
    @action(detail=False, methods=["post"], url_path="draw-for-repair")
    def draw_for_repair(self, request):
        """The technician's phone: the materials used on a repair, issued from the site's stock."""
        data = valid(DrawInput, request)
        project = my_project(request, data["project"])
        try:
            lines = [handoffs.RepairMaterial(str(line["item_code"])[:30], int(line["quantity"]))
                     for line in data["lines"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError(_("Each line names item_code and quantity."), code="invalid") from exc
        repair = handoffs.repair_open_for_materials(project, data["repair"])
        if not repair:
            raise NotFound(_("No repair of this project awaits materials under that number."),
                           code="repair_not_found")
        issued = handoffs.issue_materials_for_repair(project, request.user, repair, lines)
        return Response({"document": issued.document,
                         "lines": [{"name": n, "quantity": q, "unit_price": str(p)} for n, q, p in issued.lines]},
                        status=status.HTTP_201_CREATED)


def _warehouse_any(source: Warehouse, pk) -> Warehouse | None:
    """A transfer's destination: any warehouse of the same company (a site sends back to its department)."""
    if pk is None:
        return None
    found = Warehouse.objects.filter(pk=pk, project__company_id=source.project.company_id).first()
    if found is None:
        raise NotFound("No such warehouse.", code="warehouse_not_found")
    return found


def register(router) -> None:
    router.register("warehouses", WarehouseViewSet, basename="stores-warehouse")
    router.register("documents", DocumentViewSet, basename="stores-document")
