"""Print views and Excel of decoration (DECOR-1): the application form 装修申请表 (the engineering check, the
approvals and the signature boxes of the owner, the contractor and the clerk) and the permit 装修许可证; the
register of decorations in Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.permissions import restrict
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from siteoffice.models import Decoration
from siteoffice.pages.common import refused
from siteoffice.permissions import require_decoration_reader
from siteoffice.selectors import decoration as selectors


def _decoration(request, pk: int):
    decoration = get_object_or_404(restrict(Decoration.objects, request.user).select_related(
        "project", "unit__building", "applied_by", "permit_issued_by", "accepted_by", "fee_receipt",
        "deposit_receipt"), pk=pk)
    require_decoration_reader(request.user, decoration.project)
    return decoration


@login_required
def application_print(request, pk: int):
    try:
        d = _decoration(request, pk)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/siteoffice_decoration_application.html", {"d": d, "decisions": d.approvals.all()})


@login_required
def permit_print(request, pk: int):
    try:
        d = _decoration(request, pk)
    except DomainError as exc:
        return refused(request, exc)
    if not d.permit_number:
        return refused(request, DomainError(_("No permit is issued for this decoration yet."), code="no_permit",
                                            rule="DECOR-1", status=409))
    return render(request, "paper/siteoffice_decoration_permit.html", {"d": d})


@login_required
@checked_by(require_decoration_reader, refused)
def decorations_export(request):
    rows = ([d.serial, str(d.unit), d.owner_name, d.contractor, d.starts.isoformat(), d.ends.isoformat(), d.area,
             _("yes") if d.structural else _("no"), d.get_status_display(), d.permit_number,
             d.fee_receipt.number if d.fee_receipt else "", d.deposit_receipt.number if d.deposit_receipt else ""]
            for d in selectors.decorations(project=current_project(request)).select_related(
                "fee_receipt", "deposit_receipt").iterator(chunk_size=2000))
    return xlsx_response(filename="decorations.xlsx", title=_("Decoration"), rows=rows,
                         headers=[_("Application number"), _("Unit"), _("Owner"), _("Contractor"), _("From"),
                                  _("Until"), _("Area (㎡)"), _("Structural changes"), _("Status"),
                                  _("Permit number"), _("Fee receipt"), _("Deposit receipt")],
                         widths=[18, 14, 10, 18, 12, 12, 10, 8, 14, 16, 14, 14])


urlpatterns = [
    path("decorations/<id:pk>/application/", application_print, name="decoration-application"),
    path("decorations/<id:pk>/permit/", permit_print, name="decoration-permit"),
    path("decorations/export/", decorations_export, name="decorations-export"),
]
