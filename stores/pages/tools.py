"""Pages of tool loans (工具借用单, STOCK-7) through core.lending: the register with what is out and overdue, the
temporary form filled in by the storekeeper, and one loan's page — approved where the policy asks, handed over
counted together with the borrower's password as signature, and signed back on return. The register in Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import approvals, clock
from core.errors import DomainError
from core.lending.states import LoanStatus
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, named_action
from core.xlsx import xlsx_response
from stores.models import ToolLoan
from stores.pages.common import chosen_warehouse, err_status, items_of, refused, staff_of, warehouses_of
from stores.permissions import keep_stock, require_keeper, require_reader
from stores.services import tools as svc

VIEWS = {"all": lambda rows: rows, "out": lambda rows: rows.filter(status=LoanStatus.LENT),
         "overdue": lambda rows: rows.filter(status=LoanStatus.LENT, due_at__lt=clock.now()),
         "waiting": lambda rows: rows.filter(status__in=[LoanStatus.PENDING, LoanStatus.APPROVED])}


def _register(project, view: str):
    rows = ToolLoan.objects.filter(project=project).select_related("tool", "holder", "warehouse").order_by("-pk")
    return VIEWS[view](rows)


@login_required
@checked_by(require_reader, refused)
def loans_page(request):
    project = current_project(request)
    view = request.GET.get("view", "all")
    view = view if view in VIEWS else "all"
    return render(request, "stores/tool_loans.html", {
        "view": view, "views": [("all", _("All")), ("waiting", _("Waiting to be handed over")), ("out", _("Out")),
                                ("overdue", _("Overdue"))],
        "page": Paginator(_register(project, view), 50).get_page(request.GET.get("page")), "now": clock.now(),
        "may_keep": keep_stock(request.user, project)})


@login_required
@checked_by(require_keeper, refused)
def apply_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            warehouse = chosen_warehouse(project, form.get("warehouse"))
            tool = items_of(project, tools=True).filter(pk=safe_int(form.get("tool"), 0)).first()
            if tool is None:
                raise DomainError(_("Choose a tool."), code="tool_not_found", rule=svc.RULE)
            holder = staff_of(project).filter(pk=safe_int(form.get("holder"), 0)).first()
            if holder is None:
                raise DomainError(_("Choose the borrower."), code="required", details={"field": "holder"})
            return svc.apply(warehouse=warehouse, tool=tool, holder=holder, registered_by=request.user,
                             quantity=safe_int(form.get("quantity"), 0), team=form.get("team", ""),
                             purpose=form.get("purpose", ""), days=safe_int(form.get("days"), 0))
        done, err = attempt(request, call, _("The tool loan form is filled in."))
        if done:
            return redirect("stores:tool-loan", pk=done.pk)
    return render(request, "stores/tool_loan_new.html", {
        "form": form, "err": err, "warehouses": warehouses_of(project), "tools": items_of(project, tools=True),
        "staff": staff_of(project)}, status=err_status(err))


def my_loan(request, pk: int) -> ToolLoan:
    return get_object_or_404(restrict(ToolLoan.objects, request.user).select_related(
        "project", "tool", "warehouse", "holder", "applicant", "issued_by", "received_by"), pk=pk)


ACTIONS = {
    "approve": lambda loan, user, form: svc.approve(loan=loan, approver=user, comment=form.get("comment", "")),
    "reject": lambda loan, user, form: svc.reject(loan=loan, approver=user, comment=form.get("comment", "")),
    "lend": lambda loan, user, form: svc.lend(loan=loan, issuer=user, counted=safe_int(form.get("counted"), -1),
                                              holder_password=form.get("password", "")),
    "return": lambda loan, user, form: svc.take_back(loan=loan, receiver=user,
                                                     counted=safe_int(form.get("counted"), -1),
                                                     holder_password=form.get("password", ""),
                                                     intact=form.get("damaged") != "on", note=form.get("note", "")),
}
DONE = {"approve": _("Approved."), "reject": _("Rejected."), "lend": _("Lent: counted and signed by both."),
        "return": _("Returned: counted and signed back by both.")}


@login_required
def loan_page(request, pk: int):
    loan = my_loan(request, pk)
    try:
        require_reader(request.user, loan.project)
    except DomainError as exc:
        return refused(request, exc)
    done, err = named_action(request, loan, ACTIONS, DONE)
    if done:
        return redirect("stores:tool-loan", pk=loan.pk)
    if err:
        loan = my_loan(request, pk)
    step = approvals.next_step(loan) if loan.status == LoanStatus.PENDING else None
    return render(request, "stores/tool_loan.html", {
        "loan": loan, "err": err, "step": step[1] if step else None, "decisions": loan.approvals.all(),
        "may_keep": keep_stock(request.user, loan.project), "now": clock.now()}, status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def loans_export(request):
    rows = ([ln.serial, ln.tool.name, ln.tool.spec, ln.quantity, ln.holder.display_name, ln.team, ln.purpose,
             ln.get_status_display(), ln.checked_out_at, ln.period_end, ln.returned_at]
            for ln in _register(current_project(request), "all").iterator(chunk_size=500))
    return xlsx_response(filename="tool-loans.xlsx", title=_("Tool loans"), rows=rows, headers=[
        _("Loan number"), _("Tool"), _("Specification"), _("Quantity"), _("Borrower"), _("Work group"), _("Purpose"),
        _("Status"), _("Lent at"), _("Back by"), _("Returned at")], widths=[16, 14, 14, 8, 12, 12, 24, 12, 17, 17, 17])


urlpatterns = [
    path("tool-loans/", loans_page, name="tool-loans"),
    path("tool-loans/new/", apply_page, name="tool-loan-new"),
    path("tool-loans/export/", loans_export, name="tool-loans-export"),
    path("tool-loans/<id:pk>/", loan_page, name="tool-loan"),
]
