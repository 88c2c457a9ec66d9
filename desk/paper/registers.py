"""Print views and Excel exports of the desk's daily registers: 来访登记表, 邮件登记簿, 寄存登记表
(FRONT-1..3, CORE-10). A4, every signature in its box."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.masking import mask_id_number
from core.parsing import safe_date
from core.signatures import signatures_of
from core.web import paper
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.models import Deposit, MailItem
from desk.pages.visitors import refused
from desk.permissions import require_registers
from desk.selectors.registers import visitors_of_day

LIMIT = 500


def _range(request) -> tuple[dt.date, dt.date]:
    end = safe_date(request.GET.get("to", "") or "") or clock.today()
    start = safe_date(request.GET.get("from", "") or "") or end - dt.timedelta(days=6)
    if start > end:
        start, end = end, start
    return max(start, end - dt.timedelta(days=92)), end


def _between(qs, field, start, end):
    return qs.filter(**{f"{field}__gte": clock.day_bounds(start)[0], f"{field}__lte": clock.day_bounds(end)[1]})


def _signed(obj) -> dict:
    return {s.capacity: s for s in signatures_of(obj)}


def _day(request) -> dt.date:
    return safe_date(request.GET.get("day", "") or "") or clock.today()


@login_required
@checked_by(require_registers, refused)
def visitors_sheet(request):
    day = _day(request)
    cut = paper.cut(visitors_of_day(project=current_project(request), day=day).order_by("arrived_at", "pk"), LIMIT)
    return render(request, "paper/desk_visitors_register.html", {
        "day": day, "cut": cut, "rows": [(v, mask_id_number(v.id_number_hint)) for v in cut.rows]})


@login_required
@checked_by(require_registers, refused)
def visitors_xlsx(request):
    day = _day(request)
    headers = [_("Serial"), _("Arrived at"), _("Visiting person"), _("Number of people"), _("Identification"),
               _("ID number"), _("Host"), _("Unit"), _("Purpose of the visit"), _("Host contacted by"), _("Agreed by"),
               _("Host answered at"), _("Reason for refusal"), _("Left at"), _("Status")]
    rows = ((v.serial, v.arrived_at, v.visitor_name, v.party_size, v.get_id_type_display(),
             mask_id_number(v.id_number_hint), v.host_name, v.unit.label if v.unit else "", v.purpose,
             v.get_contact_method_display(), v.agreed_by, v.host_answered_at,
             f"{v.get_refusal_reason_display()} {v.refusal_note}".strip(), v.left_at, v.get_status_display())
            for v in visitors_of_day(project=current_project(request), day=day).iterator(chunk_size=2000))
    return xlsx_response(filename=f"visitors-{day:%Y%m%d}.xlsx", title=_("Visitor register"), headers=headers,
                         rows=rows, widths=[16, 16, 10, 6, 12, 20, 10, 8, 20, 8, 10, 16, 16, 16, 10])


def _mail(request):
    start, end = _range(request)
    qs = _between(MailItem.objects.filter(project=current_project(request)), "received_at", start, end)
    return start, end, qs.select_related("unit__building", "received_by", "handed_by").order_by("received_at", "pk")


@login_required
@checked_by(require_registers, refused)
def mail_sheet(request):
    start, end, qs = _mail(request)
    cut = paper.cut(qs, LIMIT)
    return render(request, "paper/desk_mail_register.html", {
        "start": start, "end": end, "cut": cut,
        "rows": [(m, _signed(m), mask_id_number(m.collector_id_hint)) for m in cut.rows]})


@login_required
@checked_by(require_registers, refused)
def mail_xlsx(request):
    start, end, qs = _mail(request)
    headers = [_("Serial"), _("Received at"), _("Kind"), _("Carrier"), _("Tracking number"), _("Addressee"),
               _("Unit"), _("Pieces"), _("State on arrival"), _("Damage"), _("Resident told at"), _("Collected at"),
               _("Collector"), _("ID number"), _("Status")]
    rows = ((m.serial, m.received_at, m.get_kind_display(), m.carrier, m.tracking_number, m.addressee,
             m.unit.label if m.unit else "", m.copies, m.get_seal_state_display(), m.damage_note, m.notified_at,
             m.collected_at, m.collector_name, mask_id_number(m.collector_id_hint), m.get_status_display())
            for m in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"mail-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title=_("Mail register"),
                         headers=headers, rows=rows, widths=[16, 16, 8, 10, 18, 10, 8, 6, 10, 20, 16, 16, 10, 20, 8])


def _deposits(request):
    start, end = _range(request)
    qs = _between(Deposit.objects.filter(project=current_project(request)), "requested_at", start, end)
    return start, end, qs.select_related("unit__building", "requested_by").prefetch_related(
        "approvals__approver").order_by("requested_at", "pk")


@login_required
@checked_by(require_registers, refused)
def deposits_sheet(request):
    start, end, qs = _deposits(request)
    cut = paper.cut(qs, LIMIT)
    return render(request, "paper/desk_deposits_register.html", {
        "start": start, "end": end, "cut": cut,
        "rows": [(d, _signed(d), mask_id_number(d.collector_id_hint)) for d in cut.rows]})


@login_required
@checked_by(require_registers, refused)
def deposits_xlsx(request):
    start, end, qs = _deposits(request)
    headers = [_("Serial"), _("Registered at"), _("Kind"), _("Items"), _("Pieces"), _("Deposited by"), _("For"),
               _("Reason"), _("Approved by"), _("Taken in at"), _("Handed out at"), _("Collector"), _("Status")]
    rows = ((d.serial, d.requested_at, d.get_kind_display(), d.description, d.pieces, d.depositor_name,
             d.recipient_name, d.reason, "、".join(a.approver.display_name for a in d.approvals.all()),
             d.signed_in_at, d.released_at, d.collector_name, d.get_status_display())
            for d in qs.iterator(chunk_size=2000))
    return xlsx_response(filename=f"deposits-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title=_("Deposit register"),
                         headers=headers, rows=rows, widths=[16, 16, 10, 20, 6, 10, 10, 20, 10, 16, 16, 10, 10])


urlpatterns = [
    path("visitors/print/", visitors_sheet, name="visitors-print"),
    path("visitors/export.xlsx", visitors_xlsx, name="visitors-export"),
    path("mail/print/", mail_sheet, name="mail-print"),
    path("mail/export.xlsx", mail_xlsx, name="mail-export"),
    path("deposits/print/", deposits_sheet, name="deposits-print"),
    path("deposits/export.xlsx", deposits_xlsx, name="deposits-export"),
]
