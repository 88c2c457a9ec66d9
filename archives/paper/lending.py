"""The archive loan register 《档案借阅登记表》 (ARCH-5; 002 篇1 §1.1.5, §1.2.5; 篇4 §1.3: date, purpose, handler,
return date): one line per loan with the four signatures — the borrower and the archivist at lending, the
borrower and the archivist at return. A4 landscape; a month at a time (the register's page), filtered further by
volume. Excel of the same lines."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.translation import gettext as _

from archives.pages.common import refused
from archives.permissions import require_reader
from archives.selectors import lending as selectors
from core import clock
from core.models import Signature
from core.parsing import safe_int
from core.signatures import signatures_of
from core.web import paper
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response

PRINT_LIMIT = 500


def _month(request) -> tuple[dt.datetime, dt.datetime, str]:
    today = clock.today()
    year = safe_int(request.GET.get("year"), today.year, low=2000, high=2999)
    month = safe_int(request.GET.get("month"), today.month, low=1, high=12)
    start = clock.at_beijing(dt.date(year, month, 1), dt.time(0, 0))
    end = clock.at_beijing(dt.date(year + (month == 12), month % 12 + 1, 1), dt.time(0, 0))
    return start, end, f"{year}-{month:02d}"


def _lines(request):
    start, end, label = _month(request)
    qs = (selectors.register(project=current_project(request)).filter(applied_at__gte=start, applied_at__lt=end)
          .exclude(status__in=["rejected", "cancelled"]).order_by("applied_at", "pk"))
    return qs, label


def _signed(loan) -> dict[str, Signature]:
    return {s.capacity: s for s in signatures_of(loan)}


@login_required
@checked_by(require_reader, refused)
def register_print(request):
    qs, label = _lines(request)
    cut = paper.cut(qs, PRINT_LIMIT, request)
    return paper.paper(request, "paper/archives_loans.html", {
        "month": label, "rows": [(loan, _signed(loan)) for loan in cut.rows], "total": cut.total,
        "limit": cut.limit}, pdf_name=f"archive-loans-{label}.pdf")


@login_required
@checked_by(require_reader, refused)
def register_export(request):
    qs, label = _lines(request)
    headers = [_("Loan number"), _("Volume"), _("Volume title"), _("Kind"), _("Borrower"), _("Reason"),
               _("Lent at"), _("Items counted out"), _("Back by"), _("Returned at"), _("Items counted back"),
               _("Archivist")]
    rows = ([loan.serial, loan.volume.number, loan.volume.title, loan.get_kind_display(), loan.holder.display_name,
             loan.purpose, clock.beijing(loan.checked_out_at).strftime("%Y-%m-%d %H:%M") if loan.checked_out_at else "",
             loan.items_out, clock.beijing(loan.period_end).strftime("%Y-%m-%d %H:%M"),
             clock.beijing(loan.returned_at).strftime("%Y-%m-%d %H:%M") if loan.returned_at else "",
             loan.items_in, loan.issued_by.display_name if loan.issued_by else ""] for loan in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"archive-loans-{label}.xlsx", title=_("Archive loans"), headers=headers, rows=rows,
                         widths=[18, 20, 30, 10, 10, 24, 16, 8, 16, 16, 8, 10])


urlpatterns = [
    path("loans/print/", register_print, name="loans-print"),
    path("loans/export/", register_export, name="loans-export"),
]
