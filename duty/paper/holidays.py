"""The holiday preparation checklist and call list on paper with signature lines, and the decoration call list
as an Excel sheet (HOLIDAY-1, HOLIDAY-2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.xlsx import xlsx_response
from duty.pages.holidays import my_prep, phone_shown
from duty.selectors import holidays as sel


def _checklist(request, prep):
    checklist = sel.checklist(prep)
    for row in checklist["households"]:
        row["phone"] = phone_shown(request.user, row["household"])
    return checklist


@login_required
def prep_print(request, pk: int):
    prep = my_prep(request, pk)
    return render(request, "paper/duty_holidays_checklist.html", {"prep": prep, "c": _checklist(request, prep)})


@login_required
def calls_xlsx(request, pk: int):
    prep = my_prep(request, pk)
    checklist = _checklist(request, prep)
    rows = []
    for row in checklist["households"]:
        h = row["household"]
        calls = row["calls"] or [None]
        for call in calls:
            rows.append([
                str(h.unit), h.contact_name, row["phone"], h.contractor, f"{h.starts:%Y-%m-%d}–{h.ends:%Y-%m-%d}",
                timezone.localtime(call.called_at).strftime("%Y-%m-%d %H:%M") if call else "",
                (_("reached") if call.reached else _("not reached")) if call else "",
                call.called_by.display_name if call else "", call.note if call else "",
                (_("late") if call.late else "") if call else (_("overdue") if row["overdue"] else ""),
            ])
    return xlsx_response(
        filename=f"holiday-calls-{prep.start:%Y%m%d}.xlsx",
        title=f"{prep.holiday_name} {_('Calls to households under decoration')}",
        headers=[_("Unit"), _("Resident / contact"), _("Phone"), _("Contractor"), _("Decoration period"),
                 _("Called at"), _("Result"), _("Called by"), _("Note"), _("Flag")],
        rows=rows, widths=[14, 12, 14, 14, 22, 17, 8, 10, 24, 8])


urlpatterns = [
    path("holidays/<id:pk>/print/", prep_print, name="holidays-prep-print"),
    path("holidays/<id:pk>/calls.xlsx", calls_xlsx, name="holidays-calls-xlsx"),
]
