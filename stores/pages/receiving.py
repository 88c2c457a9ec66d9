"""Pages of receiving (物资接收, STOCK-6): deliveries counted against the delivery note and the packing list (the goods
enter a saved purchase-in document that a second person audits), and a discrepancy reported in writing with its
photos within 5 working days; the register in Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, uploads
from core.attachments import attachments_of
from core.errors import DomainError
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project
from core.xlsx import xlsx_response
from stores.models import Receiving, Requisition
from stores.pages.common import chosen_warehouse, err_status, form_lines, item_of, items_of, refused, warehouses_of
from stores.permissions import keep_stock, require_keeper, require_reader
from stores.services import supply as svc
from stores.states import ReqStatus


def _lines(project, form) -> list[dict]:
    out = []
    for row in form_lines(form, fields=("item", "listed", "received")):
        item = item_of(project, row["item"])
        if item is None:
            raise DomainError(_("No such item."), code="item_not_found")
        listed, received = safe_int(row["listed"], 0), safe_int(row["received"], -1)
        out.append({"item": item, "listed": listed, "received": received})
    return out


def _register(project):
    return Receiving.objects.filter(project=project).select_related("warehouse", "received_by", "document",
                                                                    "requisition").order_by("-pk")


@login_required
@checked_by(require_reader, refused)
def receivings_page(request):
    project = current_project(request)
    return render(request, "stores/receivings.html", {
        "page": Paginator(_register(project), 50).get_page(request.GET.get("page")), "today": clock.today(),
        "may_keep": keep_stock(request.user, project)})


@login_required
@checked_by(require_keeper, refused)
def receiving_new(request):
    project = current_project(request)
    err, form = None, request.GET
    on_way = Requisition.objects.filter(project=project, status__in=[ReqStatus.SHIPPED, ReqStatus.PURCHASED])
    if request.method == "POST":
        form = request.POST

        def call():
            warehouse = chosen_warehouse(project, form.get("warehouse"))
            req = on_way.filter(pk=safe_int(form.get("requisition"), 0)).first() if form.get("requisition") else None
            return svc.receive(warehouse=warehouse, by=request.user, delivery_note=form.get("delivery_note", ""),
                               packing_list=form.get("packing_list", ""), lines=_lines(project, form),
                               requisition=req)
        done, err = attempt(request, call, _("Received: the purchase-in document waits for its audit."))
        if done:
            return redirect("stores:receiving", pk=done.pk)
    return render(request, "stores/receiving_new.html", {
        "form": form, "err": err, "rows": range(1, 6), "items": items_of(project),
        "warehouses": warehouses_of(project), "requisitions": on_way}, status=err_status(err))


def my_receiving(request, pk: int) -> Receiving:
    return get_object_or_404(restrict(Receiving.objects, request.user).select_related(
        "project", "warehouse", "received_by", "document", "requisition"), pk=pk)


@login_required
def receiving_page(request, pk: int):
    rec = my_receiving(request, pk)
    try:
        require_reader(request.user, rec.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        too_big = uploads.refused(request)
        if too_big is not None:
            return refused(request, too_big)
        photos = [(f.name, f.read()) for f in request.FILES.getlist("photos")[:10]]
        done, err = attempt(request, lambda: svc.report_discrepancy(
            receiving=rec, by=request.user, description=request.POST.get("description", ""), photos=photos),
            _("The discrepancy is reported to the business department."))
        if done:
            return redirect("stores:receiving", pk=rec.pk)
    found = [(d, attachments_of(d)) for d in rec.discrepancies.select_related("reported_by")]
    return render(request, "stores/receiving.html", {
        "rec": rec, "lines": rec.lines.select_related("item"), "discrepancies": found, "err": err,
        "open": clock.today() <= rec.check_due, "may_keep": keep_stock(request.user, rec.project)},
        status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def receivings_export(request):
    rows = ([r.arrived_on, r.warehouse.name, r.delivery_note, r.packing_list, ln.item.code, ln.item.name, ln.listed,
             ln.received, ln.received - ln.listed, r.document.number if r.document else "", r.check_due]
            for r in _register(current_project(request)).prefetch_related("lines__item")[:5000] for ln in r.lines.all())
    return xlsx_response(filename="receiving.xlsx", title=_("Receiving"), rows=rows, headers=[
        _("Arrived on"), _("Warehouse"), _("Delivery note"), _("Packing list"), _("Item code"), _("Name"),
        _("On the packing list"), _("Received"), _("Difference"), _("Document number"), _("Check due by")],
        widths=[11, 16, 16, 16, 12, 20, 10, 10, 10, 16, 11])


urlpatterns = [
    path("receiving/", receivings_page, name="receivings"),
    path("receiving/new/", receiving_new, name="receiving-new"),
    path("receiving/export/", receivings_export, name="receivings-export"),
    path("receiving/<id:pk>/", receiving_page, name="receiving"),
]
