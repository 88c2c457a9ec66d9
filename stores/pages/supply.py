"""Pages of requisitions (内部联络单, STOCK-5) and the annual demand plan (STOCK-12): the list with what waits for
planning (24 h) and what is on its way, a requisition made by a site, one requisition's page where each step
approves or rejects and production management records it shipped or purchased; the register in Excel and print."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import approvals, clock
from core.errors import DomainError
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, named_action
from core.xlsx import xlsx_response
from stores.models import DemandPlan, Requisition, Warehouse
from stores.pages.common import chosen_warehouse, err_status, form_lines, item_of, items_of, refused
from stores.permissions import keep_stock, require_dispatcher, require_keeper, require_reader
from stores.services import supply as svc
from stores.states import Level, ReqStatus

OPEN = [ReqStatus.PENDING, ReqStatus.APPROVED, ReqStatus.SHIPPED, ReqStatus.PURCHASED]


def _lines(project, form) -> list[dict]:
    out = []
    for row in form_lines(form):
        item = item_of(project, row["item"])
        if item is None:
            raise DomainError(_("No such item."), code="item_not_found")
        out.append({"item": item, "quantity": row["quantity"]})
    return out


def _register(project, show: str):
    rows = Requisition.objects.filter(project=project).select_related("warehouse", "applicant").order_by("-pk")
    return rows.filter(status__in=OPEN) if show == "open" else rows


@login_required
@checked_by(require_reader, refused)
def requisitions_page(request):
    project = current_project(request)
    show = "all" if request.GET.get("show") == "all" else "open"
    return render(request, "stores/requisitions.html", {
        "page": Paginator(_register(project, show), 50).get_page(request.GET.get("page")), "show": show,
        "now": clock.now(), "may_keep": keep_stock(request.user, project),
        "plans": DemandPlan.objects.filter(project=project).order_by("-year")[:5]})


@login_required
@checked_by(require_keeper, refused)
def requisition_new(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            warehouse = chosen_warehouse(project, form.get("warehouse"))
            return svc.apply(warehouse=warehouse, by=request.user, lines=_lines(project, form),
                             purpose=form.get("purpose", ""), emergency=form.get("emergency") == "on")
        done, err = attempt(request, call, _("The requisition is made; planning checks it within 24 hours."))
        if done:
            return redirect("stores:requisition", pk=done.pk)
    return render(request, "stores/requisition_new.html", {
        "form": form, "err": err, "rows": range(1, 6), "items": items_of(project),
        "warehouses": Warehouse.objects.filter(project=project, level=Level.SITE)}, status=err_status(err))


def my_requisition(request, pk: int) -> Requisition:
    return get_object_or_404(restrict(Requisition.objects, request.user).select_related(
        "project", "warehouse", "applicant", "dispatched_by"), pk=pk)


ACTIONS = {
    "approve": lambda req, user, form: svc.approve(requisition=req, approver=user, comment=form.get("comment", "")),
    "reject": lambda req, user, form: svc.reject(requisition=req, approver=user, comment=form.get("comment", "")),
    "dispatch": lambda req, user, form: svc.dispatch(requisition=req, by=user, purchased=form.get("how") == "purchase",
                                                     note=form.get("note", "")),
}
DONE = {"approve": _("Approved."), "reject": _("Rejected."), "dispatch": _("Recorded: tracked until it arrives.")}


@login_required
def requisition_page(request, pk: int):
    req = my_requisition(request, pk)
    try:
        require_reader(request.user, req.project)
    except DomainError as exc:
        return refused(request, exc)
    done, err = named_action(request, req, ACTIONS, DONE)
    if done:
        return redirect("stores:requisition", pk=req.pk)
    if err:
        req = my_requisition(request, pk)
    undecided = req.approved_at is None and req.status not in (ReqStatus.REJECTED, ReqStatus.ARRIVED)
    step = approvals.next_step(req) if undecided else None
    try:
        require_dispatcher(request.user, req.project)
        may_dispatch = req.status in (ReqStatus.APPROVED, ReqStatus.PENDING)
    except DomainError:
        may_dispatch = False
    return render(request, "stores/requisition.html", {
        "req": req, "lines": req.lines.select_related("item"), "err": err, "step": step[1] if step else None,
        "decisions": req.approvals.select_related("approver"), "may_dispatch": may_dispatch, "now": clock.now(),
        "may_keep": keep_stock(request.user, req.project)}, status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def requisitions_export(request):
    rows = ([r.number, r.warehouse.name, "；".join(f"{ln.item.name}×{ln.quantity}" for ln in r.lines.all()),
             r.purpose, r.emergency, r.get_status_display(), r.applicant.display_name, r.applied_at,
             r.planning_checked_at, r.approved_at, r.dispatched_at, r.arrived_at]
            for r in _register(current_project(request), "all").prefetch_related("lines__item")[:5000])
    return xlsx_response(filename="requisitions.xlsx", title=_("Requisitions"), rows=rows, headers=[
        _("Document number"), _("For"), _("Materials"), _("Purpose"), _("Emergency"), _("Status"), _("Applicant"),
        _("Applied at"), _("Planning checked at"), _("Approved at"), _("Shipped or purchased at"), _("Arrived at")],
        widths=[16, 16, 30, 24, 8, 10, 10, 17, 17, 17, 17, 17])


@login_required
@checked_by(require_dispatcher, refused)
def plan_page(request):
    """年度物资需求计划: drawn up by production management for a coming year."""
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.draw_up_plan(
            project=project, by=request.user, year=safe_int(form.get("year"), 0), lines=_lines(project, form)),
            _("The demand plan is drawn up."))
        if done:
            return redirect("stores:requisitions")
    return render(request, "stores/plan.html", {
        "form": form, "err": err, "rows": range(1, 6), "items": items_of(project), "year": clock.today().year + 1,
        "plans": DemandPlan.objects.filter(project=project).prefetch_related("lines__item").order_by("-year")[:5]},
        status=err_status(err))


urlpatterns = [
    path("requisitions/", requisitions_page, name="requisitions"),
    path("requisitions/new/", requisition_new, name="requisition-new"),
    path("requisitions/export/", requisitions_export, name="requisitions-export"),
    path("requisitions/plan/", plan_page, name="demand-plan"),
    path("requisitions/<id:pk>/", requisition_page, name="requisition"),
]
