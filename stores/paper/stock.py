"""Print views (A4) of the store room: 入库单 / 出库单 / 调拨单 (one document, headed by its kind), 盘点表,
工具借用单, 损坏件登记表 and the location card 物料卡."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.permissions import restrict
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from stores.models import DamagedPart, Location, StockDocument, Stocktake, ToolLoan
from stores.pages.common import refused
from stores.permissions import require_reader
from stores.selectors.stock import location_card
from stores.states import DocKind, PartStatus


def _one(request, model, pk, *related):
    found = get_object_or_404(restrict(model.objects, request.user).select_related(*related), pk=pk)
    require_reader(request.user, found.project)
    return found


def _heading(doc: StockDocument) -> str:
    if doc.kind == DocKind.TRANSFER:
        return _("Transfer note (调拨单)")
    incoming = (doc.kind in DocKind.incoming()) != doc.red
    return _("Goods received note (入库单)") if incoming else _("Goods issue note (出库单)")


@login_required
def document_print(request, pk: int):
    try:
        doc = _one(request, StockDocument, pk, "warehouse", "to_warehouse", "created_by", "audited_by")
    except DomainError as exc:
        return refused(request, exc)
    lines = list(doc.lines.select_related("item"))
    return render(request, "paper/stores_document.html", {
        "doc": doc, "heading": _heading(doc), "lines": lines,
        "total": sum(ln.quantity * ln.unit_price for ln in lines)})


@login_required
def stocktake_print(request, pk: int):
    try:
        count = _one(request, Stocktake, pk, "warehouse", "opened_by")
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/stores_stocktake.html", {
        "count": count, "lines": count.lines.select_related("item"), "decisions": count.approvals.all()})


@login_required
def tool_loan_print(request, pk: int):
    try:
        loan = _one(request, ToolLoan, pk, "tool", "holder", "issued_by", "received_by", "warehouse")
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/stores_tool_loan.html", {"loan": loan, "signatures": signatures_of(loan)})


@login_required
def location_card_print(request, pk: int):
    location = get_object_or_404(restrict(Location.objects, request.user, field="warehouse__project").select_related(
        "warehouse"), pk=pk)
    try:
        require_reader(request.user, location.warehouse.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/stores_location_card.html", {"card": location_card(location)})


@login_required
@checked_by(require_reader, refused)
def damaged_print(request):
    parts = (DamagedPart.objects.filter(project=current_project(request), status=PartStatus.REGISTERED)
             .select_related("part").order_by("registered_at"))
    return render(request, "paper/stores_damaged.html", {"parts": parts})


urlpatterns = [
    path("documents/<id:pk>/print/", document_print, name="document-print"),
    path("stocktakes/<id:pk>/print/", stocktake_print, name="stocktake-print"),
    path("tool-loans/<id:pk>/print/", tool_loan_print, name="tool-loan-print"),
    path("locations/<id:pk>/card/", location_card_print, name="location-card"),
    path("damaged/print/", damaged_print, name="damaged-print"),
]
