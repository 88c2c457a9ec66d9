"""Print views of the 物品放行条 and the 出入证 (half A4, with the QR code the guard scans and signature boxes),
and the Excel registers of both (PASS-1, CORE-10)."""
from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.masking import mask_id_number
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.pages.passes import my_access_pass, my_goods_pass, refused
from desk.permissions import require_pass_issuer
from desk.selectors import passes as selectors


def qr_svg(request, code: str) -> str:
    """The QR carries the gate page's address with the code: a guard's phone camera opens it at once."""
    link = request.build_absolute_uri(f"{reverse('desk:gate')}?{urlencode({'code': code})}")
    return segno.make(link, error="m").svg_inline(scale=3)


@login_required
def goods_sheet(request, pk: int):
    goods_pass = my_goods_pass(request, pk)
    try:
        require_pass_issuer(request.user, goods_pass.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_goods_pass.html", {
        "p": goods_pass, "qr": qr_svg(request, goods_pass.code), "decisions": goods_pass.approvals.all()})


@login_required
def access_sheet(request, pk: int):
    access_pass = my_access_pass(request, pk)
    try:
        require_pass_issuer(request.user, access_pass.project)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/desk_access_pass.html", {
        "a": access_pass, "qr": qr_svg(request, access_pass.code),
        "masked_id": mask_id_number(access_pass.id_number_hint)})


@login_required
@checked_by(require_pass_issuer, refused)
def goods_export(request):
    qs = selectors.goods_passes(project=current_project(request)).order_by("registered_at", "pk")
    headers = [_("Pass number"), _("Registered at"), _("Unit"), _("Applicant"), _("Applicant is"), _("Goods"),
               _("Vehicle plate"), _("Date of exit"), _("Owner's consent"), _("Status"), _("Let out at"), _("Guard"),
               _("Discrepancy"), _("Reason")]
    rows = ((p.serial, p.registered_at, p.unit.label, p.applicant_name, p.get_applicant_kind_display(),
             "; ".join(f"{g['name']}×{g['quantity']}" for g in p.goods), p.vehicle_plate, p.exit_date,
             f"{p.owner_name} ({p.get_owner_consent_method_display()})" if p.owner_consent else "",
             p.get_status_display(), p.exited_at, p.exit_guard.display_name if p.exit_guard else "", p.discrepancy,
             p.revoke_reason) for p in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="goods-release-passes.xlsx", title=_("Goods-release passes"), headers=headers,
                         rows=rows, widths=[16, 16, 10, 10, 8, 36, 10, 11, 16, 12, 16, 10, 20, 20])


@login_required
@checked_by(require_pass_issuer, refused)
def access_export(request):
    qs = selectors.access_passes(project=current_project(request)).order_by("issued_at", "pk")
    headers = [_("Pass number"), _("Holder"), _("ID number"), _("Company"), _("Unit"), _("Area"), _("Work"),
               _("Valid from"), _("Valid until"), _("Issued by"), _("Issued at"), _("Status"), _("Reason")]
    rows = ((a.serial, a.holder_name, mask_id_number(a.id_number_hint), a.company_name,
             a.unit.label if a.unit else "", a.area, a.purpose, a.valid_from, a.valid_until, a.issued_by.display_name,
             a.issued_at, a.get_status_display(), a.close_reason) for a in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="access-passes.xlsx", title=_("Access passes"), headers=headers, rows=rows,
                         widths=[16, 10, 20, 20, 10, 16, 24, 11, 11, 10, 16, 10, 20])


urlpatterns = [
    path("passes/<id:pk>/print/", goods_sheet, name="passes-print"),
    path("passes/export.xlsx", goods_export, name="passes-export"),
    path("access/<id:pk>/print/", access_sheet, name="access-print"),
    path("access/export.xlsx", access_export, name="access-export"),
]
