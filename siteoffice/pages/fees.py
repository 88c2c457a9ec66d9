"""Pages of the price list and receipts (FEE-1, FEE-2): publish a price version, issue a receipt at the published
price, ask for a reversal and decide it, refund a deposit."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import approvals
from core.errors import DomainError
from core.models import Unit
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick
from siteoffice.models import CounterEntry, FeeDue, Price, Receipt
from siteoffice.pages.common import err_status, refused, safe_day
from siteoffice.permissions import collect_fees, publish_prices, receive_closes, require_fee_reader
from siteoffice.selectors import fees as selectors
from siteoffice.services import prices as price_svc
from siteoffice.services import receipts as receipt_svc
from siteoffice.states import CounterStatus, FeeKind, PayMethod


def _need(value, message: str, field: str):
    if value is None:
        raise DomainError(message, code="required", details={"field": field})
    return value


@login_required
@checked_by(require_fee_reader, refused)
def prices_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: price_svc.publish(
            project=project, by=request.user, kind=form.get("kind", ""), name=form.get("name", ""),
            unit_label=form.get("unit_label", ""), unit_price=form.get("unit_price", ""),
            effective_from=safe_day(form.get("effective_from"))), _("The price is published."))
        if done:
            return redirect("siteoffice:prices")
    return render(request, "siteoffice/prices.html", {
        "current": selectors.price_list(project=project), "err": err, "form": form, "kinds": FeeKind.choices,
        "versions": Price.objects.filter(project=project).select_related("created_by")[:300],
        "may_publish": publish_prices(request.user, project)}, status=err_status(err))


@login_required
@checked_by(require_fee_reader, refused)
def receipts_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            price = _need(pick(Price, project, form.get("price")), _("Choose the fee item."), "price")
            return receipt_svc.issue(project=project, clerk=request.user, price=price,
                                     quantity=form.get("quantity", ""), payer=form.get("payer", ""),
                                     method=form.get("method", ""), unit=pick(Unit, project, form.get("unit")),
                                     period=form.get("period", ""), due=pick(FeeDue, project, form.get("due")))
        done, err = attempt(request, call, _("The receipt is issued."))
        if done:
            return redirect("siteoffice:receipt", pk=done.pk)
    rows = selectors.receipts(project=project).order_by("-seq")
    day = safe_day(request.GET.get("day"))
    if day:
        rows = rows.filter(day=day)
    return render(request, "siteoffice/receipts.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "err": err, "form": form, "day": day,
        "prices": selectors.price_list(project=project), "methods": PayMethod.choices,
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number"),
        "pending": CounterEntry.objects.filter(project=project, status=CounterStatus.PENDING)
        .select_related("receipt", "requested_by"),
        "may_collect": collect_fees(request.user, project)}, status=err_status(err))


def _receipt_action(request, receipt: Receipt):
    action, form = request.POST.get("action", ""), request.POST
    if action == "reverse":
        return receipt_svc.request_reversal(receipt=receipt, by=request.user, reason=form.get("reason", ""))
    if action == "refund":
        return receipt_svc.refund_deposit(receipt=receipt, clerk=request.user, reason=form.get("reason", ""),
                                          amount=form.get("amount", "") or None)
    if action in {"approve", "reject"}:
        request_ = CounterEntry.objects.filter(receipt=receipt, pk=form.get("request") or 0).first()
        return receipt_svc.decide_reversal(request=_need(request_, _("No such record."), "request"),
                                           approver=request.user, approve=action == "approve",
                                           comment=form.get("comment", ""))
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def receipt_page(request, pk: int):
    receipt = get_object_or_404(restrict(Receipt.objects, request.user).select_related(
        "project", "clerk", "unit__building", "original", "price"), pk=pk)
    try:
        require_fee_reader(request.user, receipt.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _receipt_action(request, receipt), _("Done."))
        if done:
            return redirect("siteoffice:receipt", pk=receipt.pk)
    requests = list(CounterEntry.objects.filter(receipt=receipt).select_related("requested_by", "entered"))
    pending = next((r for r in requests if r.status == CounterStatus.PENDING), None)
    step = approvals.next_step(pending) if pending else None
    return render(request, "siteoffice/receipt.html", {
        "r": receipt, "err": err, "requests": requests, "pending": pending, "step": step[1] if step else None,
        "counters": Receipt.objects.filter(original=receipt), "is_deposit": receipt.kind in FeeKind.deposits(),
        "may_collect": collect_fees(request.user, receipt.project),
        "may_decide": receive_closes(request.user, receipt.project)}, status=err_status(err))


urlpatterns = [
    path("prices/", prices_page, name="prices"),
    path("receipts/", receipts_page, name="receipts"),
    path("receipts/<id:pk>/", receipt_page, name="receipt"),
]
