"""Pages of archive loans (ARCH-5): the register (借阅登记) with what is out and overdue, an application registered
by the archivist, and one loan's page where each person does their part — the manager approves or rejects, the
archivist lends and takes back with the count made together and the borrower's password as signature."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import ArchiveLoan, LoanKind, Volume
from archives.pages.common import err_status, refused
from archives.permissions import may_keep, require_keeper, require_reader
from archives.selectors import lending as selectors
from archives.services import lending as svc
from core import approvals, clock
from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, named_action

VIEWS = {"all": selectors.register, "out": selectors.out, "overdue": selectors.overdue, "awaiting": selectors.awaiting}


@login_required
@checked_by(require_reader, refused)
def loans_page(request):
    project = current_project(request)
    view = request.GET.get("view", "all")
    view = view if view in VIEWS else "all"
    rows = VIEWS[view](project=project)
    return render(request, "archives/loans.html", {
        "view": view, "views": [("all", _("All")), ("awaiting", _("Awaiting approval")), ("out", _("Out")),
                                ("overdue", _("Overdue"))],
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "now": clock.now(),
        "may_keep": may_keep(request.user, project)})


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")


@login_required
@checked_by(require_keeper, refused)
def apply_page(request):
    project = current_project(request)
    volume = (restrict(Volume.objects, request.user).filter(project=project, pk=safe_int(request.GET.get("volume"), 0))
              .select_related("category").first())
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        volume = (restrict(Volume.objects, request.user).filter(project=project, pk=safe_int(form.get("volume"), 0))
                  .select_related("category").first())

        def call():
            if volume is None:
                raise DomainError(_("Choose a volume."), code="required", details={"field": "volume"})
            applicant = _staff(project).filter(pk=safe_int(form.get("applicant"), 0)).first()
            if applicant is None:
                raise DomainError(_("Choose the borrower."), code="required", details={"field": "applicant"})
            days = safe_int(form.get("days")) if form.get("days") else None
            return svc.apply(volume=volume, applicant=applicant, registered_by=request.user,
                             kind=form.get("kind", ""), purpose=form.get("purpose", ""), days=days)
        done, err = attempt(request, call, _("The application is registered."))
        if done:
            return redirect("archives:loan", pk=done.pk)
    return render(request, "archives/loan_new.html", {
        "v": volume, "form": form, "err": err, "kinds": LoanKind.choices, "staff": _staff(project)},
        status=err_status(err))


def my_loan(request, pk: int) -> ArchiveLoan:
    return get_object_or_404(restrict(ArchiveLoan.objects, request.user).select_related(
        "project", "volume__category", "holder", "applicant", "issued_by", "received_by"), pk=pk)


def _lend(loan, user, form):
    return svc.lend(loan=loan, issuer=user, counted=safe_int(form.get("counted"), -1),
                    holder_password=form.get("password", ""))


def _return(loan, user, form):
    return svc.take_back(loan=loan, receiver=user, counted=safe_int(form.get("counted"), -1),
                         holder_password=form.get("password", ""), accept_discrepancy=form.get("accept") == "on",
                         note=form.get("note", ""))


ACTIONS = {
    "approve": lambda loan, user, form: svc.approve(loan=loan, approver=user, comment=form.get("comment", "")),
    "reject": lambda loan, user, form: svc.reject(loan=loan, approver=user, comment=form.get("comment", "")),
    "cancel": lambda loan, user, form: svc.cancel(loan=loan, actor=user, reason=form.get("comment", "")),
    "lend": _lend,
    "return": _return,
}
DONE = {"approve": _("Approved."), "reject": _("Rejected."), "cancel": _("Cancelled."),
        "lend": _("Lent: counted and signed by both."), "return": _("Returned: counted and signed by both.")}


@login_required
def loan_page(request, pk: int):
    loan = my_loan(request, pk)
    try:
        require_reader(request.user, loan.project)
    except DomainError as exc:
        return refused(request, exc)
    done, err = named_action(request, loan, ACTIONS, DONE)
    if done:
        return redirect("archives:loan", pk=loan.pk)
    if err:
        loan = my_loan(request, pk)
    step = approvals.next_step(loan) if loan.status == "pending" else None
    return render(request, "archives/loan.html", {
        "loan": loan, "err": err, "step": step[1] if step else None, "decisions": loan.approvals.all(),
        "may_keep": may_keep(request.user, loan.project), "now": clock.now()}, status=err_status(err))


urlpatterns = [
    path("loans/", loans_page, name="loans"),
    path("loans/new/", apply_page, name="loan-new"),
    path("loans/<id:pk>/", loan_page, name="loan"),
]
