"""Pages of the damaged-parts register (损坏件登记表, STOCK-9, STOCK-12): every part replaced at a site with every
field the register asks, the parts shipped back together (every 15 days), and a part out under warranty or
commercial repair recorded back; the register in Excel (its print view is in stores/paper)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, policies
from core.errors import DomainError
from core.parsing import safe_date, safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project
from core.xlsx import xlsx_response
from stores.models import DamagedPart
from stores.pages.common import chosen_warehouse, err_status, item_of, items_of, refused, warehouses_of
from stores.permissions import keep_stock, require_keeper, require_reader
from stores.services import parts as svc
from stores.states import PartStatus, RepairRoute

SHOWS = {"registered": [PartStatus.REGISTERED], "out": [PartStatus.SHIPPED], "all": list(PartStatus.values)}


def _register(project, show: str = "all"):
    return (DamagedPart.objects.filter(project=project, status__in=SHOWS[show])
            .select_related("part", "warehouse").order_by("-registered_at", "-pk"))


@login_required
@checked_by(require_reader, refused)
def parts_page(request):
    project = current_project(request)
    show = request.GET.get("show", "registered")
    show = show if show in SHOWS else "registered"
    err = None
    if request.method == "POST":
        chosen = [p for p in (safe_int(v) for v in request.POST.getlist("part")[:500]) if p]
        found = list(DamagedPart.objects.filter(project=project, pk__in=chosen))
        done, err = attempt(request, lambda: svc.ship(parts=found, by=request.user,
                                                      shipment=request.POST.get("shipment", "")),
                            _("Shipped back."))
        if done:
            return redirect("stores:damaged")
    return render(request, "stores/damaged.html", {
        "page": Paginator(_register(project, show), 50).get_page(request.GET.get("page")), "show": show,
        "due": set(svc.ship_due(project).values_list("pk", flat=True)), "may_keep": keep_stock(request.user, project),
        "days": policies.value("stores.damaged.ship_every_days", project), "err": err}, status=err_status(err))


FIELDS = ("spec", "asset_no", "replaced_by", "new_serial", "old_serial", "reason")


@login_required
@checked_by(require_keeper, refused)
def part_new(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            warehouse = chosen_warehouse(project, form.get("warehouse"))
            part = item_of(project, form.get("part"))
            if part is None:
                raise DomainError(_("No such item."), code="item_not_found")
            replaced_on = safe_date(form.get("replaced_on"))
            if replaced_on is None:
                raise DomainError(_("Enter the date of the replacement."), code="required",
                                  details={"field": "replaced_on"})
            return svc.register(warehouse=warehouse, part=part, by=request.user,
                                quantity=safe_int(form.get("quantity"), 0), replaced_on=replaced_on,
                                route=form.get("route", ""), **{f: form.get(f, "") for f in FIELDS})
        done, err = attempt(request, call, _("The damaged part is registered."))
        if done:
            return redirect("stores:damaged-part", pk=done.pk)
    return render(request, "stores/damaged_new.html", {
        "form": form, "err": err, "warehouses": warehouses_of(project), "items": items_of(project),
        "routes": RepairRoute.choices, "today": clock.today()}, status=err_status(err))


def my_part(request, pk: int) -> DamagedPart:
    return get_object_or_404(restrict(DamagedPart.objects, request.user).select_related(
        "project", "part", "warehouse", "registered_by"), pk=pk)


@login_required
def part_page(request, pk: int):
    part = my_part(request, pk)
    try:
        require_reader(request.user, part.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.returned(part=part, by=request.user), _("Recorded back from repair."))
        if done:
            return redirect("stores:damaged-part", pk=part.pk)
        part = my_part(request, pk)
    return render(request, "stores/damaged_part.html", {
        "p": part, "err": err, "may_keep": keep_stock(request.user, part.project),
        "out_for_repair": part.status == PartStatus.SHIPPED and part.route != RepairRoute.NONE},
        status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def parts_export(request):
    rows = ([p.number, p.part.name, p.spec, p.quantity, p.asset_no, p.replaced_by, p.replaced_on, p.new_serial,
             p.old_serial, p.reason, p.get_route_display(), p.get_status_display(), p.shipped_at, p.shipment,
             p.returned_at] for p in _register(current_project(request)).iterator(chunk_size=500))
    return xlsx_response(filename="damaged-parts.xlsx", title=_("Damaged-parts register"), rows=rows, headers=[
        _("No."), _("Part"), _("Specification"), _("Quantity"), _("Asset number"), _("Replaced by"),
        _("Replaced on"), _("New part's serial"), _("Old part's serial"), _("Reason"), _("Repair"), _("Status"),
        _("Shipped at"), _("Shipment"), _("Returned at")],
        widths=[14, 14, 14, 6, 14, 10, 11, 16, 16, 20, 10, 12, 17, 14, 17])


urlpatterns = [
    path("damaged/", parts_page, name="damaged"),
    path("damaged/new/", part_new, name="damaged-new"),
    path("damaged/export/", parts_export, name="damaged-export"),
    path("damaged/<id:pk>/", part_page, name="damaged-part"),
]
