"""Pages of freight (运费, STOCK-10): a freight bill entered and judged by the freight rules (hired vehicles within
10 % of the filed price, air always approved, express up to 200 yuan at the site's discretion), one bill decided
by the business department's manager; the register in Excel and on paper."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import policies
from core.errors import DomainError
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project
from core.xlsx import xlsx_response
from stores.models import FreightCharge
from stores.pages.common import err_status, refused
from stores.permissions import keep_stock, require_reader
from stores.services import freight as svc
from stores.states import FreightMode, FreightStatus


def register_of(project):
    return FreightCharge.objects.filter(project=project).select_related("entered_by", "decided_by").order_by("-pk")


@login_required
@checked_by(require_reader, refused)
def freight_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.enter(
            project=project, by=request.user, mode=form.get("mode", ""), amount=form.get("amount", ""),
            filed_price=form.get("filed_price", ""), written_request=form.get("written_request", "")),
            _("The freight is entered."))
        if done:
            return redirect("stores:freight-one", pk=done.pk)
    return render(request, "stores/freight.html", {
        "page": Paginator(register_of(project), 50).get_page(request.GET.get("page")), "modes": FreightMode.choices,
        "form": form, "err": err, "may_keep": keep_stock(request.user, project),
        "tolerance": policies.value("stores.freight.hired_tolerance_percent", project),
        "express_limit": policies.value("stores.freight.express_limit", project)}, status=err_status(err))


def my_charge(request, pk: int) -> FreightCharge:
    return get_object_or_404(restrict(FreightCharge.objects, request.user).select_related(
        "project", "entered_by", "decided_by"), pk=pk)


@login_required
def charge_page(request, pk: int):
    charge = my_charge(request, pk)
    try:
        require_reader(request.user, charge.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        approved = request.POST.get("action") == "approve"
        done, err = attempt(request, lambda: svc.decide(charge=charge, approver=request.user, approved=approved,
                                                        comment=request.POST.get("comment", "")),
                            _("Approved.") if approved else _("Rejected."))
        if done:
            return redirect("stores:freight-one", pk=charge.pk)
        charge = my_charge(request, pk)
    return render(request, "stores/freight_one.html", {
        "c": charge, "err": err, "pending": charge.status == FreightStatus.PENDING}, status=err_status(err))


def rows_of(project):
    return ([c.entered_at, c.get_mode_display(), c.amount, c.filed_price if c.filed_price is not None else "",
             c.written_request, c.get_status_display(), c.entered_by.display_name,
             c.decided_by.display_name if c.decided_by else "", c.decided_at, c.comment]
            for c in register_of(project).iterator(chunk_size=500))


def headers() -> list[str]:
    return [_("Entered at"), _("Mode"), _("Amount"), _("Filed price"), _("Written request"), _("Status"),
            _("Entered by"), _("Decided by"), _("Decided at"), _("Comment")]


@login_required
@checked_by(require_reader, refused)
def freight_export(request):
    return xlsx_response(filename="freight.xlsx", title=_("Freight"), rows=rows_of(current_project(request)),
                         headers=headers(), widths=[17, 12, 10, 10, 30, 12, 10, 10, 17, 20])


urlpatterns = [
    path("freight/", freight_page, name="freight"),
    path("freight/export/", freight_export, name="freight-export"),
    path("freight/<id:pk>/", charge_page, name="freight-one"),
]
