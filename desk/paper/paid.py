"""Print view of the 有偿服务单 and Excel export of paid services (SERVICE-1, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.models import PaidService
from desk.pages.paid import my_service, refused
from desk.permissions import require_paid_staff


@login_required
def slip_sheet(request, pk: int):
    paid = my_service(request, pk)
    try:
        require_paid_staff(request.user, paid.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_paid_slip.html", {"s": paid, "signatures": signatures_of(paid)})


@login_required
@checked_by(require_paid_staff, refused)
def export_xlsx(request):
    project = current_project(request)
    qs = PaidService.objects.filter(project=project).select_related("unit__building", "performed_by", "received_by")
    headers = [_("Serial"), _("Registered at"), _("Resident"), _("Unit"), _("Phone"), _("Items"), _("Total"),
               _("Performed by"), _("Performed at"), _("Signed by"), _("Amount paid"), _("Receipt number"),
               _("Received by"), _("Charge waived"), _("Reason for waiver"), _("Status")]
    rows = ((s.serial, s.registered_at, s.person_name, s.unit.label if s.unit else "", s.phone,
             "; ".join(f"{i['name']}×{i['quantity']}" for i in s.items), s.total,
             s.performed_by.display_name if s.performed_by else "", s.performed_at, s.signer_name, s.amount_paid,
             s.receipt_number, s.received_by.display_name if s.received_by else "", _("yes") if s.waived else "",
             s.waive_reason, s.get_status_display()) for s in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="paid-services.xlsx", title=_("Paid services"), headers=headers, rows=rows,
                         widths=[16, 16, 10, 8, 13, 30, 8, 10, 16, 10, 8, 12, 10, 6, 20, 10])


urlpatterns = [
    path("paid/<id:pk>/print/", slip_sheet, name="paid-print"),
    path("paid/export.xlsx", export_xlsx, name="paid-export"),
]
