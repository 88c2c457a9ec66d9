"""Print view 《交接班记录》 with signature lines, and the Excel export of handovers (HANDOVER-2, -4, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.permissions import restrict
from core.web import paper
from core.web.pages import current_project
from core.xlsx import xlsx_response
from duty.models import Handover
from duty.selectors import handover as selectors


@login_required
def handover_print(request, pk: int):
    handover = get_object_or_404(restrict(Handover.objects, request.user)
                                 .select_related("outgoing", "incoming", "original_incoming"), pk=pk)
    return paper.paper(request, "paper/duty_handover_record.html", {
        "h": handover, "sheet": handover.snapshot, "counts": handover.counts.all(),
        "carry_out": handover.carry_items.all(), "refusals": selectors.refusals_of(handover),
        "signed": {s.capacity: s for s in signatures.signatures_of(handover)}},
        pdf_name=f"handover-{clock.beijing(handover.shift_change_at):%Y%m%d-%H%M}.pdf")


@login_required
def handover_export(request):
    project = current_project(request)
    qs = selectors.handovers(project=project).prefetch_related("counts")
    headers = [_("Shift change"), _("Shift"), _("Outgoing"), _("Incoming"), _("Substitute for"), _("Status"),
               _("Incoming arrived at"), _("Arrived late"), _("Handed over at"), _("Minutes late"),
               _("Open events"), _("Superiors' instructions"), _("Keys out on loan"), _("Public-area repairs"),
               _("Items counted"), _("Damaged or missing")]

    def rows():
        for h in qs.iterator(chunk_size=500):
            counts = list(h.counts.all())
            sheet = h.snapshot or {}
            yield (h.shift_change_at, h.shift_code, h.outgoing.display_name, h.incoming.display_name,
                   h.original_incoming.display_name if h.original_incoming else "", h.get_status_display(),
                   h.arrived_at, h.arrived_late, h.completed_at, h.late_minutes,
                   "; ".join(f"{e['serial']} {e['cause']}" for e in sheet.get("open_entries", [])),
                   "; ".join(e["cause"] for e in sheet.get("instructions", [])),
                   "; ".join(f"{k['key']} {k['holder']}" for k in sheet.get("key_loans", [])), h.public_repairs,
                   "; ".join(f"{c.name} {c.counted if c.counted is not None else '-'}/{c.expected}" for c in counts),
                   "; ".join(f"{c.name}: {c.explanation}" for c in counts if c.discrepancy))

    return xlsx_response(filename=f"handovers-{clock.today():%Y%m%d}.xlsx", title=_("Shift handovers"),
                         headers=headers, rows=rows(),
                         widths=[16, 8, 10, 10, 10, 10, 16, 8, 16, 8, 30, 30, 20, 20, 30, 30])


urlpatterns = [
    path("handover/<id:pk>/print/", handover_print, name="handover-print"),
    path("handover/export.xlsx", handover_export, name="handover-export"),
]
