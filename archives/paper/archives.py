"""Print views of the archive room (CORE-10): 《档案移交清单》 with both signature boxes (ARCH-3), the general
catalogue 《档案总目录》 and a volume's in-volume catalogue 《卷内目录》 (ARCH-2), A4; the general catalogue to Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from archives.pages.common import my_volume, refused
from archives.pages.filing import my_transfer
from archives.permissions import require_keeper, require_reader
from archives.selectors import catalogue as selectors
from archives.services.catalogue import may_see_items
from archives.states import VolumeStatus
from core.errors import DomainError
from core.parsing import safe_int
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response

PRINT_LIMIT = 2000  # a printed catalogue is filtered to a category or a year beyond this


@login_required
def transfer_print(request, pk: int):
    transfer = my_transfer(request, pk)
    try:
        require_keeper(request.user, transfer.project)
    except DomainError as exc:
        return refused(request, exc)
    shown = may_see_items(request.user, transfer.volume)
    signed = {s.capacity: s for s in signatures_of(transfer)}
    return render(request, "paper/archives_transfer.html", {
        "t": transfer, "shown": shown, "items": transfer.items.order_by("seq") if shown else [],
        "handed": signed.get("archives_handed_by"), "received": signed.get("archives_received_by")})


def _filtered(request):
    project = current_project(request)
    status = request.GET.get("status", "")
    return selectors.general_catalogue(project=project, category=safe_int(request.GET.get("category")),
                                       year=safe_int(request.GET.get("year"), low=1900, high=2999),
                                       status=status if status in VolumeStatus.values else "",
                                       q=request.GET.get("q", "").strip()[:100])


@login_required
@checked_by(require_reader, refused)
def catalogue_print(request):
    qs = _filtered(request)
    return render(request, "paper/archives_catalogue.html", {"volumes": qs[:PRINT_LIMIT], "total": qs.count(),
                                                             "limit": PRINT_LIMIT})


@login_required
@checked_by(require_reader, refused)
def catalogue_export(request):
    qs = _filtered(request)
    headers = [_("Volume number"), _("Category"), _("Year"), _("Volume title"), _("Series of"),
               _("Retention period"), _("Retain until"), _("Items"), _("Place"), _("Status")]
    rows = ((v.number, v.category.name, v.year, v.title, v.series, v.get_retention_display(), v.retain_until,
             v.item_count, v.place, v.get_status_display()) for v in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="archives-catalogue.xlsx", title=_("General catalogue of archives"),
                         headers=headers, rows=rows, widths=[20, 16, 6, 36, 14, 10, 11, 6, 16, 8])


@login_required
def volume_print(request, pk: int):
    volume = my_volume(request, pk)
    try:
        require_reader(request.user, volume.project)
    except DomainError as exc:
        return refused(request, exc)
    shown = may_see_items(request.user, volume)
    return render(request, "paper/archives_volume.html", {
        "v": volume, "shown": shown, "items": selectors.items_of(volume) if shown else []})


urlpatterns = [
    path("transfers/<id:pk>/print/", transfer_print, name="transfer-print"),
    path("print/", catalogue_print, name="catalogue-print"),
    path("export.xlsx", catalogue_export, name="catalogue-export"),
    path("volumes/<id:pk>/print/", volume_print, name="volume-print"),
]
