"""The destruction list 《档案销毁清册》 (ARCH-10; 002 篇1 §1.5, 篇4 §1.7), A4: the volumes destroyed, the reason,
each approval step with its decider, and the boxes of the archivist who destroyed them and the witness; the
lists' lines to Excel."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import DestructionLine
from archives.pages.common import refused
from archives.pages.destruction import my_destruction
from archives.permissions import require_reader
from archives.selectors import destruction as selectors
from core import clock
from core.errors import DomainError
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response


@login_required
def destruction_print(request, pk: int):
    destruction = my_destruction(request, pk)
    try:
        require_reader(request.user, destruction.project)
    except DomainError as exc:
        return refused(request, exc)
    signed = {s.capacity: s for s in signatures_of(destruction)}
    decided = {a.step_index: a for a in destruction.approvals.select_related("approver")}
    steps = [(step, decided.get(index)) for index, step in enumerate(destruction.chain)]
    return render(request, "paper/archives_destruction.html", {
        "d": destruction, "lines": selectors.lines_of(destruction), "steps": steps,
        "destroyer": signed.get("archives_destroyed_by"), "witness": signed.get("archives_destruction_witness")})


@login_required
@checked_by(require_reader, refused)
def destructions_export(request):
    lines = (DestructionLine.objects.filter(destruction__project=current_project(request))
             .select_related("destruction__drafted_by", "destruction__destroyed_by", "destruction__witness",
                             "volume__category").order_by("-destruction__drafted_at", "destruction_id", "pk"))
    headers = [_("List number"), _("Status"), _("Volume number"), _("Volume title"), _("Category"),
               _("Retain until"), _("Items"), _("Reason for destruction"), _("Drawn up by"), _("How destroyed"),
               _("Destroyed at"), _("Destroyed by"), _("Witness")]

    def when(value):
        return clock.beijing(value).strftime("%Y-%m-%d %H:%M") if value else ""

    rows = ([line.destruction.serial, line.destruction.get_status_display(), line.volume.number, line.volume.title,
             line.volume.category.name, line.retain_until, line.items, line.destruction.reason,
             line.destruction.drafted_by.display_name, line.destruction.get_method_display(),
             when(line.destruction.destroyed_at),
             line.destruction.destroyed_by.display_name if line.destruction.destroyed_by else "",
             line.destruction.witness.display_name if line.destruction.witness else ""]
            for line in lines.iterator(chunk_size=2000))
    return xlsx_response(filename="archives-destruction.xlsx", title=_("Archive destruction lists"), headers=headers,
                         rows=rows, widths=[18, 10, 20, 30, 14, 11, 6, 30, 10, 8, 16, 10, 10])


urlpatterns = [
    path("destructions/<id:pk>/print/", destruction_print, name="destruction-print"),
    path("destructions/export/", destructions_export, name="destructions-export"),
]
