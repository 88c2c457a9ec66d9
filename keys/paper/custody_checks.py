"""Print views and Excel of custody_checks: 钥匙交接单, 客服钥匙使用登记表 (KEY-REPORT-1, KEY-SHIFT-1)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.parsing import safe_date
from core.permissions import restrict
from core.web.pages import current_project
from core.xlsx import xlsx_response
from keys.models import ShiftKeySlip
from keys.selectors import custody_checks as sel


def _period(request) -> tuple[dt.date, dt.date]:
    today = clock.today()
    start = safe_date(request.GET.get("from", "") or "") or today.replace(day=1)
    end = safe_date(request.GET.get("to", "") or "") or today
    return start, end


@login_required
def handover_slip(request, pk: int):
    """《钥匙交接单》 of one slip, with both signatures."""
    slip = get_object_or_404(restrict(ShiftKeySlip.objects, request.user)
                             .select_related("handed_by", "received_by", "collected"), pk=pk)
    return render(request, "paper/keys_custody_checks_slip.html", {
        "slip": slip, "lines": slip.lines.select_related("key").order_by("key__number"),
        "signed": {s.capacity: s for s in signatures.signatures_of(slip)}})


def _slips(request):
    project = current_project(request)
    start, end = _period(request)
    return (sel.slips(project=project).filter(day__gte=start, day__lte=end).order_by("recorded_at", "pk"),
            start, end)


@login_required
def handover_slips_xlsx(request):
    slips, start, end = _slips(request)
    headers = [_("Serial"), _("Kind"), _("Day"), _("Handed over by"), _("Taken over by"), _("Keys"),
               _("Ledger pieces"), _("Counted pieces"), _("Explanation"), _("Status"), _("Recorded at")]
    rows = ((s.serial, s.get_kind_display(), s.day, s.handed_by.display_name, s.received_by.display_name,
             "、".join(line.key.number for line in s.lines.select_related("key").order_by("key__number")),
             s.expected_pieces, s.counted_pieces, s.explanation, s.get_status_display(), s.recorded_at)
            for s in slips)
    return xlsx_response(filename=f"key-handover-slips-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
                         title=_("Key handover slips"), headers=headers, rows=rows)


@login_required
def usage_register(request):
    """《客服钥匙使用登记表》: every lend and return of a 客服部 key in the period, with signatures."""
    project = current_project(request)
    start, end = _period(request)
    events = sel.usage_events(project=project, start=start, end=end)
    for event in events:
        event["signed"] = {s.capacity: s.signer_name for s in signatures.signatures_of(event["loan"])}
    return render(request, "paper/keys_custody_checks_usage.html", {"events": events, "start": start, "end": end})


@login_required
def usage_register_xlsx(request):
    project = current_project(request)
    start, end = _period(request)
    events = sel.usage_events(project=project, start=start, end=end)
    headers = [_("Time"), _("Lent / returned"), _("Key number"), _("Key"), _("Pieces"), _("Holder"),
               _("Key staff"), _("Loan serial"), _("Reason")]
    rows = ((e["at"], _("Lent") if e["kind"] == "lend" else _("Returned"), e["loan"].key.number, e["loan"].key.name,
             e["pieces"], e["person"].display_name, e["staff"].display_name if e["staff"] else "", e["loan"].serial,
             e["loan"].purpose) for e in events)
    return xlsx_response(filename=f"key-usage-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title=_("Key usage register"),
                         headers=headers, rows=rows)


urlpatterns = [
    path("print/handover-slips/<id:pk>/", handover_slip, name="key-handover-slip"),
    path("export/handover-slips.xlsx", handover_slips_xlsx, name="key-handover-slips-xlsx"),
    path("print/key-usage/", usage_register, name="key-usage-register"),
    path("export/key-usage.xlsx", usage_register_xlsx, name="key-usage-register-xlsx"),
]
