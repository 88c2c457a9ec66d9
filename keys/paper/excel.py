"""Excel exports of the ledger and the loan register (CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from core import clock
from core.web.pages import current_project
from core.xlsx import xlsx_response
from keys.models import KeyLoan
from keys.selectors import loans as selectors


@login_required
def ledger_xlsx(request):
    project = current_project(request)
    keys = selectors.search_ledger(project=project, text=request.GET.get("q", ""),
                                   category=request.GET.get("category", ""), status=request.GET.get("status", ""))
    headers = [_("Number"), _("Category"), _("What it opens"), _("Building"), _("Unit"), _("Floor"), _("Equipment"),
               _("Room number"), _("Pieces"), _("Storage place"), _("Status"), _("Emergency spare"), _("Notes")]
    rows = ((k.number, k.get_category_display(), k.name, k.building.code if k.building else "",
             k.unit.number if k.unit else "", k.floor, k.equipment, k.room_number, k.pieces, k.storage,
             k.get_status_display(), k.is_emergency_spare, k.notes) for k in keys.iterator(chunk_size=2000))
    return xlsx_response(filename=f"ledger-{clock.today():%Y%m%d}.xlsx", title=_("Key ledger"), headers=headers,
                         rows=rows, widths=[16, 14, 28, 8, 8, 6, 12, 10, 6, 12, 8, 8, 20])


@login_required
def loans_xlsx(request):
    project = current_project(request)
    qs = KeyLoan.objects.filter(project=project).select_related("key", "applicant", "holder", "issued_by",
                                                                  "received_by").order_by("applied_at")
    if request.GET.get("status"):
        qs = qs.filter(status=request.GET["status"])
    if request.GET.get("form"):
        qs = qs.filter(form_kind=request.GET["form"])
    headers = [_("Serial"), _("Key number"), _("Key"), _("Form"), _("Applicant"), _("Holder"), _("Kind of work"),
               _("Reason"), _("Status"), _("Applied"), _("Lent at"), _("Issued by"), _("Pieces out"), _("Due"),
               _("Returned at"), _("Received by"), _("Pieces back"), _("Emergency")]
    rows = ((loan.serial, loan.key.number, loan.key.name, loan.get_form_kind_display(), loan.applicant.display_name,
             loan.holder.display_name, loan.get_purpose_kind_display(), loan.purpose, loan.get_status_display(),
             loan.applied_at, loan.checked_out_at, loan.issued_by.display_name if loan.issued_by else "",
             loan.pieces_out, loan.due_at, loan.returned_at,
             loan.received_by.display_name if loan.received_by else "", loan.pieces_in, loan.is_emergency)
            for loan in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"loans-{clock.today():%Y%m%d}.xlsx", title=_("Loan register"), headers=headers,
                         rows=rows)
