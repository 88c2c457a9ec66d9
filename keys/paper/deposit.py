"""Print views and Excel of deposit: 《业户钥匙寄存登记表》 and 《单元钥匙交接单》 (KEY-DEPOSIT-1, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.parsing import is_int
from core.permissions import restrict
from core.web import paper
from core.web.pages import current_project
from core.xlsx import xlsx_response
from keys.models import UnitKeyHandover
from keys.selectors import deposit as sel

PRINT_LIMIT = 5000  # rows of a printed register; beyond it the page says so


def _rows(request):
    project = current_project(request)
    qs = sel.deposits(project=project, status=request.GET.get("status", ""), text=request.GET.get("q", ""))
    if is_int(request.GET.get("id", "")):
        qs = qs.filter(pk=int(request.GET["id"]))
    return qs.select_related("received_by", "collection")


@login_required
def register(request):
    cut = paper.cut(_rows(request), PRINT_LIMIT)
    for deposit in cut.rows:
        deposit.signed = {s.capacity: s.signer_name for s in signatures.signatures_of(deposit)}
    return render(request, "paper/keys_deposit_register.html", {"deposits": cut.rows, "cut": cut})


@login_required
def register_xlsx(request):
    headers = [_("Serial"), _("Unit"), _("Resident"), _("Key number"), _("Pieces"), _("Sealed"), _("Seal number"),
               _("Purpose"), _("Who may collect"), _("Status"), _("Deposited at"), _("Received by"),
               _("Temporary, for a third party"), _("Expires at")]
    rows = ((d.serial, str(d.unit), d.resident.name, d.key.number, d.pieces, d.sealed, d.seal_number, d.purpose,
             d.may_collect, d.get_status_display(), d.deposited_at, d.received_by.display_name,
             d.third_party_name if d.is_temporary else "", d.expires_at) for d in _rows(request))
    return xlsx_response(filename=f"deposits-{clock.today():%Y%m%d}.xlsx", title=_("Resident key deposit register"),
                         headers=headers, rows=rows)


@login_required
def handover(request, pk: int):
    item = get_object_or_404(restrict(UnitKeyHandover.objects, request.user)
                             .select_related("unit", "resident", "handed_by"), pk=pk)
    signed = {s.capacity: s for s in signatures.signatures_of(item)}
    return render(request, "paper/keys_deposit_handover.html", {"h": item, "signed": signed})


urlpatterns = [
    path("print/deposits/", register, name="deposit-register"),
    path("export/deposits.xlsx", register_xlsx, name="deposit-register-xlsx"),
    path("print/deposits/handover/<id:pk>/", handover, name="deposit-handover"),
]
