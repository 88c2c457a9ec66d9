"""Pages of the store room: the warehouses of the project with their balances, the day's journal and the check
against the journal; a document saved from a form, then audited or un-audited; the balances in Excel; the
opening-balance import with its row-by-row report (STOCK-1..4)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.parsing import is_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick
from core.xlsx import xlsx_response
from stores.models import Item, StockDocument, Warehouse
from stores.pages.common import err_status, refused
from stores.permissions import audit_stock, keep_stock, require_reader
from stores.selectors import stock as sel
from stores.services import opening
from stores.services import stock as svc
from stores.states import DocKind, DocStatus, Grade


def _day(raw: str | None) -> dt.date:
    try:
        return parse_date(raw or "") or clock.today()
    except ValueError:
        return clock.today()


def _chosen(request, project) -> Warehouse | None:
    found = pick(Warehouse, project, request.GET.get("w") or request.POST.get("warehouse"))
    return found or Warehouse.objects.filter(project=project).order_by("level", "code").first()


@login_required
@checked_by(require_reader, refused)
def stock_page(request):
    project = current_project(request)
    warehouse = _chosen(request, project)
    err, form = None, {}
    if request.method == "POST" and warehouse is not None:
        form = request.POST
        item = Item.objects.filter(company_id=project.company_id, pk=int(form["item"])).first() if is_int(
            form.get("item", "")) else None
        done, err = attempt(request, lambda: svc.create(
            project=project, by=request.user, kind=form.get("kind", ""), warehouse=warehouse,
            red=form.get("red") == "on", grade=form.get("grade", ""),
            to_warehouse=pick(Warehouse, project, form.get("to_warehouse")),
            lines=[{"item": item or 0, "quantity": form.get("quantity")}], note=form.get("note", "")),
            _("The document is saved; it changes the books once audited."))
        if done:
            return redirect("stores:document", pk=done.pk)
    day = _day(request.GET.get("day"))
    return render(request, "stores/stock.html", {
        "warehouses": Warehouse.objects.filter(project=project).order_by("level", "code"), "warehouse": warehouse,
        "balances": sel.balances(warehouse) if warehouse else [], "journal": sel.daily_journal(warehouse, day)
        if warehouse else None, "differences": sel.check_balances(warehouse) if warehouse else [], "day": day,
        "documents": StockDocument.objects.filter(project=project).select_related("warehouse")[:30],
        "items": Item.objects.filter(company_id=project.company_id), "kinds": [
            c for c in DocKind.choices if c[0] not in (DocKind.STOCKTAKE, DocKind.OPENING)],
        "grades": Grade.choices, "may_keep": keep_stock(request.user, project), "err": err, "form": form},
        status=err_status(err))


@login_required
def document_page(request, pk: int):
    doc = get_object_or_404(restrict(StockDocument.objects, request.user).select_related(
        "warehouse", "to_warehouse", "created_by", "audited_by"), pk=pk)
    try:
        require_reader(request.user, doc.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "audit":
            _done, err = attempt(request, lambda: svc.audit_document(document=doc, auditor=request.user),
                                 _("Audited: the books are changed."))
        elif action == "unaudit":
            _done, err = attempt(request, lambda: svc.unaudit_document(document=doc, auditor=request.user),
                                 _("Un-audited: the movements are undone; the document may be changed."))
        if err is None:
            return redirect("stores:document", pk=doc.pk)
        doc.refresh_from_db()
    return render(request, "stores/document.html", {
        "doc": doc, "lines": doc.lines.select_related("item"), "may_audit": audit_stock(request.user, doc.project),
        "audited": doc.status == DocStatus.AUDITED, "err": err}, status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def balances_export(request):
    project = current_project(request)
    warehouses = Warehouse.objects.filter(project=project)
    rows = ([b.warehouse.name, b.item.code, b.item.name, b.item.spec, b.get_grade_display(), b.quantity,
             b.item.unit_label, b.location.code if b.location else "", b.item.abc_class]
            for w in warehouses for b in sel.balances(w).select_related("warehouse"))
    return xlsx_response(filename="stock-balances.xlsx", title=_("Stock balances"), rows=rows,
                         headers=[_("Warehouse"), _("Item code"), _("Name"), _("Specification"), _("Grade"),
                                  _("Quantity"), _("Unit"), _("Location"), _("ABC class")],
                         widths=[20, 12, 20, 16, 8, 10, 6, 10, 6])


@login_required
@checked_by(require_reader, refused)
def opening_page(request):
    project = current_project(request)
    warehouse = _chosen(request, project)
    err, result = None, None
    if request.method == "POST" and warehouse is not None:
        upload = request.FILES.get("file")
        if upload is None:
            err = {"code": "malformed_file", "message": _("Choose a file."), "rule": "STOCK-1", "clause": ""}
        else:
            result, err = attempt(request, lambda: opening.import_opening(
                warehouse=warehouse, by=request.user, data=upload.read(), name=upload.name,
                good_only=request.POST.get("good_only") == "on"), _("The file is read; see the report."))
    return render(request, "stores/opening.html", {
        "warehouses": Warehouse.objects.filter(project=project), "warehouse": warehouse, "result": result,
        "err": err}, status=err_status(err))


urlpatterns = [
    path("", stock_page, name="stock"),
    path("documents/<id:pk>/", document_page, name="document"),
    path("balances/export/", balances_export, name="balances-export"),
    path("opening/", opening_page, name="opening"),
]
