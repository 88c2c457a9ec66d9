"""Print views and Excel of fees (FEE-1, FEE-2): the receipt 收据 (A5 landscape or A4, with the payer's and the
clerk's signature boxes), the daily close sheet (日收日清, clerk and receiver signing), the day's report of large
fees 日收日报 (the manager signing it read), and the receipts of a day or the month's statement in Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.errors import DomainError
from core.permissions import restrict
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from siteoffice.models import DailyClose, Receipt
from siteoffice.pages.common import day_of, month_of, refused
from siteoffice.permissions import require_fee_reader
from siteoffice.selectors import fees as selectors


@login_required
def receipt_print(request, pk: int):
    receipt = get_object_or_404(restrict(Receipt.objects, request.user).select_related(
        "project", "clerk", "unit__building", "original"), pk=pk)
    try:
        require_fee_reader(request.user, receipt.project)
    except DomainError as exc:
        return refused(request, exc)
    size = "A4" if request.GET.get("size") == "a4" else "A5"
    return render(request, "paper/siteoffice_receipt.html", {"r": receipt, "size": size})


@login_required
def close_print(request, pk: int):
    close = get_object_or_404(restrict(DailyClose.objects, request.user).select_related(
        "project", "clerk", "received_by"), pk=pk)
    try:
        require_fee_reader(request.user, close.project)
    except DomainError as exc:
        return refused(request, exc)
    signed = {s.capacity: s for s in signatures_of(close)}
    rows = selectors.of_day(project=close.project, day=close.day, clerk=close.clerk).order_by("seq")
    return render(request, "paper/siteoffice_close.html", {
        "c": close, "rows": rows, "methods": selectors.labelled(close.totals), "handed": signed.get("siteoffice_close_handed_by"),
        "received": signed.get("siteoffice_close_received_by")})


@login_required
@checked_by(require_fee_reader, refused)
def daily_report_print(request):
    project = current_project(request)
    day = day_of(request)
    return render(request, "paper/siteoffice_daily_report.html", {
        "day": day, "rows": selectors.large_fees(project=project, day=day),
        "threshold": selectors.large_amount(project),
        "totals": selectors.day_totals(selectors.of_day(project=project, day=day))})


def _receipt_row(r: Receipt) -> list:
    return [r.number, r.get_entry_display(), r.original.number if r.original else "", r.day.isoformat(),
            clock.beijing(r.issued_at).strftime("%Y-%m-%d %H:%M"), r.item_name, str(r.unit) if r.unit else "",
            r.payer, r.period, r.quantity, r.unit_price, r.amount, r.get_method_display(), r.clerk.display_name,
            r.reason]


RECEIPT_HEADERS = (gettext_lazy("Receipt number"), gettext_lazy("Entry"), gettext_lazy("Counter-entry of"),
                   gettext_lazy("Day"), gettext_lazy("Issued at"), gettext_lazy("Item"), gettext_lazy("Unit"),
                   gettext_lazy("Payer"), gettext_lazy("Period"), gettext_lazy("Quantity"),
                   gettext_lazy("Unit price"), gettext_lazy("Amount"), gettext_lazy("Paid by"),
                   gettext_lazy("Clerk"), gettext_lazy("Reason"))


@login_required
@checked_by(require_fee_reader, refused)
def receipts_export(request):
    """The receipts of a day (?day=) or of a month (?year=&month=)."""
    project = current_project(request)
    if request.GET.get("day"):
        day = day_of(request)
        qs, label = selectors.of_day(project=project, day=day), day.isoformat()
    else:
        year, month = month_of(request)
        start, end = selectors.month_bounds(year, month)
        qs, label = selectors.receipts(project=project).filter(day__gte=start, day__lt=end), f"{year}-{month:02d}"
    return xlsx_response(filename=f"receipts-{label}.xlsx", title=_("Receipts"),
                         headers=[str(h) for h in RECEIPT_HEADERS],
                         rows=(_receipt_row(r) for r in qs.order_by("seq").iterator(chunk_size=2000)),
                         widths=[14, 10, 14, 12, 16, 16, 14, 12, 10, 10, 10, 12, 10, 10, 24])


@login_required
@checked_by(require_fee_reader, refused)
def statement_export(request):
    project = current_project(request)
    year, month = month_of(request)
    s = selectors.statement(project=project, year=year, month=month)
    rows = [[line["label"], line["charged"], line["reversed"], line["refunded"], line["net"]] for line in s.lines]
    rows.append([_("Total"), "", "", "", s.total])
    return xlsx_response(filename=f"statement-{year}-{month:02d}.xlsx", title=_("Monthly statement"),
                         headers=[_("Item"), _("Charged"), _("Reversed"), _("Refunded"), _("Net")], rows=rows,
                         widths=[24, 14, 14, 14, 14])


urlpatterns = [
    path("receipts/<id:pk>/print/", receipt_print, name="receipt-print"),
    path("closes/<id:pk>/print/", close_print, name="close-print"),
    path("daily-report/print/", daily_report_print, name="daily-report-print"),
    path("receipts/export/", receipts_export, name="receipts-export"),
    path("statement/export/", statement_export, name="statement-export"),
]
