"""Print views and Excel of loss: 《钥匙丢失情况说明》, 《返修钥匙领取登记表》, the loss register (KEY-REPORT-1,
KEY-LOSS-1, KEY-REPAIR-1, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.masking import mask_id_number
from core.permissions import restrict
from core.web import paper
from core.web.pages import current_project
from core.xlsx import xlsx_response
from keys.models import LossReport
from keys.paper.forms import _period
from keys.selectors import loss as selectors_loss


@login_required
def loss_statement(request, pk: int):
    """《钥匙丢失情况说明》 of one report, with the borrower's signature and signature lines."""
    report = get_object_or_404(restrict(LossReport.objects, request.user)
                               .select_related("key", "reporter", "reported_by", "statement_by"), pk=pk)
    signed = {s.capacity: s for s in signatures.signatures_of(report)}
    return render(request, "paper/keys_loss_statement.html", {
        "r": report, "signed": signed.get("loss_statement"), "measures": report.measures.select_related("recorded_by"),
    })


def _pickups(request):
    project = current_project(request)
    start, end = _period(request)
    return start, end, selectors_loss.repair_pickups(project=project, start=start, end=end)


@login_required
def repair_pickup_register(request):
    """《返修钥匙领取登记表》: ID numbers masked, a signature column for the collector."""
    start, end, pickups = _pickups(request)
    cut = paper.cut(pickups, 5000)
    for p in cut.rows:
        p.masked_id = mask_id_number(p.id_number_hint) if p.id_number_hint else p.certificate_number
    return render(request, "paper/keys_loss_repair_pickups.html", {
        "pickups": cut.rows, "cut": cut, "start": start, "end": end,
        **paper.choices(request, current_project(request), dates=(start, end))})


@login_required
def repair_pickup_register_xlsx(request):
    start, end, pickups = _pickups(request)
    headers = [_("Collected at"), _("Key number"), _("Key"), _("Unit"), _("Collected by"), _("Relation"),
               _("Identity document"), _("Document number"), _("Owner consent by phone at"), _("Pieces"),
               _("Registered by"), _("Note")]
    rows = ((p.picked_up_at, p.key.number, p.key.name, str(p.key.unit or ""), p.picker_name, p.get_relation_display(),
             p.get_id_kind_display(), mask_id_number(p.id_number_hint) if p.id_number_hint else p.certificate_number,
             p.owner_consent_at, p.pieces, p.registered_by.display_name, p.note) for p in pickups)
    return xlsx_response(filename=f"repair-key-pickups-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
                         title=_("Repair key pickup register"), headers=headers, rows=rows)


@login_required
def loss_register_xlsx(request):
    project = current_project(request)
    qs = selectors_loss.loss_reports(project=project, status=request.GET.get("status", ""),
                                     kind=request.GET.get("kind", "")).select_related("payment_received_by")
    headers = [_("Reported at"), _("Key number"), _("Key"), _("Kind"), _("Pieces"), _("Borrower"), _("Reported by"),
               _("Place"), _("When it happened (as stated)"), _("Circumstances"), _("To be handled by"),
               _("Handled at"), _("Repairable"), _("Compensation"), _("Amount paid"), _("Receipt number"),
               _("Received by"), _("Security reassessment"), _("Status"), _("Closed at")]
    rows = ((r.reported_at, r.key.number, r.key.name, r.get_kind_display(), r.pieces,
             r.reporter.display_name if r.reporter else "", r.reported_by.display_name, r.place, r.occurred_when,
             r.circumstances, r.handle_by, r.handled_at, r.repairable, r.compensation, r.paid_amount,
             r.receipt_number, r.payment_received_by.display_name if r.payment_received_by else "", r.reassessment,
             r.get_status_display(), r.closed_at) for r in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"key-losses-{clock.today():%Y%m%d}.xlsx", title=_("Key loss register"),
                         headers=headers, rows=rows)


urlpatterns = [
    path("print/loss/<id:pk>/statement/", loss_statement, name="loss-statement"),
    path("print/repair-pickups/", repair_pickup_register, name="repair-pickup-register"),
    path("export/repair-pickups.xlsx", repair_pickup_register_xlsx, name="repair-pickup-register-xlsx"),
    path("export/losses.xlsx", loss_register_xlsx, name="loss-register-xlsx"),
]
