"""Print view of the lost-property register (失物招领登记表) and its Excel export (LOST-1, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core.masking import mask_id_number
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.pages.lost import refused
from desk.permissions import require_lost_keeper
from desk.selectors import lost as selectors

PRINT_LIMIT = 300


@login_required
@checked_by(require_lost_keeper, refused)
def register_sheet(request):
    project = current_project(request)
    qs = selectors.items(project=project).order_by("found_at", "pk")
    if request.GET.get("show") == "held":
        qs = selectors.held(project=project).order_by("found_at", "pk")
    total = qs.count()
    rows = [(item, mask_id_number(item.claimant_id_hint), signatures_of(item).first())
            for item in qs[:PRINT_LIMIT]]
    return render(request, "paper/desk_lost_register.html", {"rows": rows, "total": total, "limit": PRINT_LIMIT})


@login_required
@checked_by(require_lost_keeper, refused)
def export_xlsx(request):
    qs = selectors.items(project=current_project(request)).order_by("found_at", "pk")
    headers = [_("Register number"), _("Item"), _("Found at"), _("Place found"), _("Finder"), _("Kept at"),
               _("Registered by"), _("Status"), _("Claimed by"), _("ID number"), _("Returned at"), _("Returned by"),
               _("Disposal"), _("Disposed of by"), _("Witness"), _("Disposed of at"), _("Reason")]
    rows = ((i.serial, i.description, i.found_at, i.place, i.finder_name, i.kept_at, i.registered_by.display_name,
             i.get_status_display(), i.claimant_name, mask_id_number(i.claimant_id_hint), i.returned_at,
             i.returned_by.display_name if i.returned_by else "", i.get_disposal_method_display(),
             i.disposed_by.display_name if i.disposed_by else "",
             i.disposal_witness.display_name if i.disposal_witness else "", i.disposed_at, i.disposal_reason)
            for i in qs.iterator(chunk_size=2000))
    return xlsx_response(filename="lost-property.xlsx", title=_("Lost property"), headers=headers, rows=rows,
                         widths=[16, 24, 16, 14, 10, 14, 10, 10, 10, 20, 16, 10, 12, 10, 10, 16, 20])


urlpatterns = [
    path("lost/print/", register_sheet, name="lost-print"),
    path("lost/export.xlsx", export_xlsx, name="lost-export"),
]
