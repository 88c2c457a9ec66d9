"""Pages of the stocktake (盘点表, STOCK-4, STOCK-11): the list with a new count opened from the books, one count's
sheet where every line is counted and every gain or loss given its cause and reason, then approved (or rejected)
before the books change; the month's reconciliation; the sheet in Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import approvals
from core.errors import DomainError
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, named_action, pick
from core.xlsx import xlsx_response
from stores.models import Reconciliation, Stocktake, Warehouse
from stores.pages.common import err_status, refused, warehouses_of
from stores.permissions import keep_stock, require_reader
from stores.services import counts as svc
from stores.states import Cause, CountKind, CountStatus


@login_required
@checked_by(require_reader, refused)
def stocktakes_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        warehouse = pick(Warehouse, project, form.get("warehouse"))

        def call():
            if warehouse is None:
                raise DomainError(_("Choose a warehouse."), code="warehouse_not_found")
            if form.get("action") == "reconcile":
                return svc.reconcile(warehouse=warehouse, by=request.user)
            return svc.open_count(warehouse=warehouse, by=request.user, kind=form.get("kind", ""))
        done, err = attempt(request, call, _("Done."))
        if isinstance(done, Stocktake):
            return redirect("stores:stocktake", pk=done.pk)
        if done is not None:
            return redirect("stores:stocktakes")
    rows = Stocktake.objects.filter(project=project).select_related("warehouse", "opened_by")
    return render(request, "stores/stocktakes.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "warehouses": warehouses_of(project),
        "kinds": CountKind.choices, "may_keep": keep_stock(request.user, project), "err": err,
        "reconciliations": Reconciliation.objects.filter(project=project).select_related("warehouse")[:12]},
        status=err_status(err))


def my_count(request, pk: int) -> Stocktake:
    return get_object_or_404(restrict(Stocktake.objects, request.user).select_related(
        "project", "warehouse", "opened_by", "adjustment"), pk=pk)


def _counts(count: Stocktake, form) -> dict[int, dict]:
    return {ln.pk: {"counted": form.get(f"counted_{ln.pk}", ""), "cause": form.get(f"cause_{ln.pk}", ""),
                    "reason": form.get(f"reason_{ln.pk}", "")} for ln in count.lines.all()}


ACTIONS = {
    "submit": lambda count, user, form: svc.submit(stocktake=count, by=user, counts=_counts(count, form)),
    "approve": lambda count, user, form: svc.approve(stocktake=count, approver=user, comment=form.get("comment", "")),
    "reject": lambda count, user, form: svc.reject(stocktake=count, approver=user, comment=form.get("comment", "")),
}
DONE = {"submit": _("Submitted: the books change once approved."), "approve": _("Approved."),
        "reject": _("Rejected.")}


@login_required
def stocktake_page(request, pk: int):
    count = my_count(request, pk)
    try:
        require_reader(request.user, count.project)
    except DomainError as exc:
        return refused(request, exc)
    form = request.POST if request.method == "POST" else {}
    done, err = named_action(request, count, ACTIONS, DONE)
    if done:
        return redirect("stores:stocktake", pk=count.pk)
    if err:
        count = my_count(request, pk)
    step = approvals.next_step(count) if count.status == CountStatus.PENDING else None
    return render(request, "stores/stocktake.html", {
        "count": count, "lines": count.lines.select_related("item"), "causes": Cause.choices, "form": form,
        "step": step[1] if step else None, "decisions": count.approvals.select_related("approver"),
        "counting": count.status == CountStatus.COUNTING, "may_keep": keep_stock(request.user, count.project),
        "err": err}, status=err_status(err))


@login_required
def stocktake_export(request, pk: int):
    count = my_count(request, pk)
    try:
        require_reader(request.user, count.project)
    except DomainError as exc:
        return refused(request, exc)
    rows = ([ln.item.code, ln.item.name, ln.item.spec, ln.get_grade_display(), ln.book,
             "" if ln.counted is None else ln.counted, ln.difference, ln.get_cause_display(), ln.reason]
            for ln in count.lines.select_related("item"))
    return xlsx_response(filename=f"stocktake-{count.number}.xlsx", title=count.number, rows=rows, headers=[
        _("Item code"), _("Name"), _("Specification"), _("Grade"), _("On the books"), _("Counted"), _("Difference"),
        _("Cause"), _("Reason")], widths=[12, 20, 16, 8, 10, 10, 10, 10, 30])


urlpatterns = [
    path("stocktakes/", stocktakes_page, name="stocktakes"),
    path("stocktakes/<id:pk>/", stocktake_page, name="stocktake"),
    path("stocktakes/<id:pk>/export/", stocktake_export, name="stocktake-export"),
]
