"""Print view and Excel export of the 《客户信息登记表》 (DESK-INTAKE-1, CORE-10)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.labels import record_number  # the matter's number, not its reference (CORE-8)
from core.parsing import safe_date
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from desk.models import Contact
from desk.pages.intake import refused
from desk.services.intake import require_desk_staff


def _range(request) -> tuple[dt.date, dt.date]:
    end = safe_date(request.GET.get("to", "") or "") or clock.today()
    start = safe_date(request.GET.get("from", "") or "") or end.replace(day=1)
    if start > end:
        start, end = end, start
    return max(start, end - dt.timedelta(days=366)), end


def contacts_between(project, start, end):
    return (Contact.objects.filter(project=project, received_at__gte=clock.day_bounds(start)[0],
                                   received_at__lte=clock.day_bounds(end)[1])
            .select_related("received_by", "unit__building", "closed_by").order_by("received_at", "pk"))


@login_required
@checked_by(require_desk_staff, refused)
def register_sheet(request):
    project = current_project(request)
    start, end = _range(request)
    return render(request, "paper/desk_intake_register.html", {
        "start": start, "end": end, "contacts": contacts_between(project, start, end)})


@login_required
@checked_by(require_desk_staff, refused)
def export_xlsx(request):
    project = current_project(request)
    start, end = _range(request)
    headers = [_("Serial"), _("Received at"), _("Channel"), _("Kind"), _("Name"), _("Phone"), _("Unit"),
               _("Content"), _("Responsible department"), _("Escalated to"), _("Became"), _("Status"),
               _("Outcome"), _("Closed at"), _("Received by")]
    rows = ((c.serial, c.received_at, c.get_channel_display(), c.get_kind_display(), c.person_name, c.phone,
             c.unit.label if c.unit else "", c.content, c.get_department_display(), c.get_escalation_display(),
             record_number(c.matter_ref), c.get_status_display(), c.outcome, c.closed_at,
             c.received_by.display_name)
            for c in contacts_between(project, start, end).iterator(chunk_size=2000))
    return xlsx_response(filename=f"contacts-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title=_("Customer information register"),
                         headers=headers, rows=rows, widths=[16, 16, 8, 8, 10, 13, 8, 40, 10, 10, 12, 8, 30, 16, 10])


urlpatterns = [
    path("contacts/print/", register_sheet, name="intake-print"),
    path("contacts/export.xlsx", export_xlsx, name="intake-export"),
]
