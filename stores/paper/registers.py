"""Print views of the store room's workflows: a requisition (内部联络单) with its approvals, a delivery received
against its delivery note (物资接收核对单) with its discrepancies, and the freight register (运费登记表, A4
landscape)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path

from core.errors import DomainError
from core.permissions import restrict
from core.web.pages import checked_by, current_project
from stores.models import FreightCharge, Receiving, Requisition
from stores.pages.common import refused
from stores.permissions import require_reader

LIMIT = 2000


def _one(request, model, pk, *related):
    found = get_object_or_404(restrict(model.objects, request.user).select_related(*related), pk=pk)
    require_reader(request.user, found.project)
    return found


@login_required
def requisition_print(request, pk: int):
    try:
        req = _one(request, Requisition, pk, "warehouse", "applicant", "dispatched_by")
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/stores_requisition.html", {
        "req": req, "lines": req.lines.select_related("item"), "decisions": req.approvals.select_related("approver")})


@login_required
def receiving_print(request, pk: int):
    try:
        rec = _one(request, Receiving, pk, "warehouse", "received_by", "document", "requisition")
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/stores_receiving.html", {
        "rec": rec, "lines": rec.lines.select_related("item"),
        "discrepancies": rec.discrepancies.select_related("reported_by")})


@login_required
@checked_by(require_reader, refused)
def freight_print(request):
    rows = FreightCharge.objects.filter(project=current_project(request)).select_related(
        "entered_by", "decided_by").order_by("-entered_at")
    total = rows.count()
    return render(request, "paper/stores_freight.html", {"rows": rows[:LIMIT], "total": total, "limit": LIMIT})


urlpatterns = [
    path("requisitions/<id:pk>/print/", requisition_print, name="requisition-print"),
    path("receiving/<id:pk>/print/", receiving_print, name="receiving-print"),
    path("freight/print/", freight_print, name="freight-print"),
]
