"""Pages of items deposited or passed on for others (FRONT-3): register for approval, the supervisor's or
manager's decision, signed in by the depositor, signed out against identification."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import DomainError
from core.masking import mask_id_number
from core.models import Unit
from core.permissions import require_member, restrict
from core.signatures import signatures_of
from core.web.pages import attempt, checked_by, current_project, pick, refusal_page
from desk.models import Deposit, DepositKind, DepositStatus, IdType
from desk.pages.visitors import units_of
from desk.permissions import decide_deposits, decide_or_keep_deposits, keep_registers, require_registers
from desk.services import deposits as service

refused = refusal_page(gettext_lazy("Items for others"))


def require_reader(user, project) -> None:
    """The desk keeps the register; the approvers read it to decide (desk.permissions.decide_or_keep_deposits)."""
    require_member(user, project)
    if not decide_or_keep_deposits(user, project):
        require_registers(user, project)


@login_required
@checked_by(require_reader, refused)
def list_page(request):
    project = current_project(request)
    status = request.GET.get("status", "open")
    qs = Deposit.objects.filter(project=project).select_related("unit__building")
    if status == "open":
        qs = qs.filter(status__in=[DepositStatus.PENDING, DepositStatus.APPROVED, DepositStatus.HELD])
    elif status in DepositStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "desk/registers/deposits_list.html", {
        "page": page, "status": status, "statuses": DepositStatus.choices,
        "may_register": keep_registers(request.user, project)})


@login_required
@checked_by(require_registers, refused)
def new_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else request.GET
    err = None
    if request.method == "POST":
        deposit, err = attempt(request, lambda: service.register_deposit(
            project=project, requested_by=request.user, kind=form.get("kind", ""),
            description=form.get("description", ""), pieces=form.get("pieces", ""),
            depositor_name=form.get("depositor_name", ""), depositor_phone=form.get("depositor_phone", ""),
            recipient_name=form.get("recipient_name", ""), unit=pick(Unit, project, form.get("unit")),
            reason=form.get("reason", "")), _("Registered; awaiting the supervisor's or manager's approval."))
        if deposit:
            return redirect("desk:deposits-detail", pk=deposit.pk)
    return render(request, "desk/registers/deposits_new.html", {
        "form": form, "err": err, "units": units_of(project), "kinds": DepositKind.choices})


def my_deposit(request, pk) -> Deposit:
    return get_object_or_404(restrict(Deposit.objects, request.user).select_related(
        "project", "unit__building", "requested_by", "taken_in_by", "released_by"), pk=pk)


@login_required
def detail_page(request, pk: int):
    deposit = my_deposit(request, pk)
    try:
        require_reader(request.user, deposit.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "approve": (lambda: service.decide_deposit(deposit=deposit, approver=user, approve=True,
                                                       comment=data.get("comment", "")), _("Approved.")),
            "reject": (lambda: service.decide_deposit(deposit=deposit, approver=user, approve=False,
                                                      comment=data.get("comment", "")), _("Rejected.")),
            "sign_in": (lambda: service.sign_in(deposit=deposit, taken_in_by=user, signature=data.get("signature", "")),
                        _("Signed in; the desk holds the item.")),
            "sign_out": (lambda: service.sign_out(deposit=deposit, released_by=user,
                                                  collector_name=data.get("signer_name", ""),
                                                  id_type=data.get("id_type", ""), id_number=data.get("id_number", ""),
                                                  signature=data.get("signature", "")), _("Signed out.")),
        }
        if data.get("action", "") in calls:
            call, success = calls[data["action"]]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:deposits-detail", pk=deposit.pk)
        deposit = my_deposit(request, pk)
    return render(request, "desk/registers/deposits_detail.html", {
        "d": deposit, "err": err, "decisions": deposit.approvals.select_related("approver"),
        "may_decide": decide_deposits(request.user, deposit.project),
        "may_register": keep_registers(request.user, deposit.project), "id_types": IdType.choices,
        "collector_id": mask_id_number(deposit.collector_id_hint), "signatures": signatures_of(deposit)})


urlpatterns = [
    path("deposits/", list_page, name="deposits-list"),
    path("deposits/new/", new_page, name="deposits-new"),
    path("deposits/<id:pk>/", detail_page, name="deposits-detail"),
]
