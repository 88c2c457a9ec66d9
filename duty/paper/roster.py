"""《排班表》 print view with signature lines, and the roster as an Excel sheet (ROSTER-2, CORE-10)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from core.xlsx import xlsx_response
from duty.pages.roster import grid, my_roster
from duty.selectors import roster as sel
from duty.services.roster import team_label


@login_required
def roster_print(request, pk: int):
    roster = my_roster(request, pk)
    return render(request, "paper/duty_roster_print.html", {
        "roster": roster, "grid": grid(roster), "team_label": team_label(roster.team),
        "codes": sel.patterns(project=roster.project, active_only=False).filter(
            code__in=roster.assignments.values("shift__code")),
    })


@login_required
def roster_xlsx(request, pk: int):
    roster = my_roster(request, pk)
    table = grid(roster)
    headers = [_("Name")] + [f"{d['date']:%m-%d} {d['weekday']}" for d in table["days"]]
    rows = [[row["person"].display_name] + [c["code"] for c in row["cells"]] for row in table["rows"]]
    label = roster.holiday_name or f"{roster.period_start:%Y-%m}"
    rows.append([])
    rows.append([_("Drafted by"), roster.drafted_by.display_name, _("Reviewed by"),
                 roster.reviewed_by.display_name if roster.reviewed_by else "", _("Approved by"),
                 roster.approved_by.display_name if roster.approved_by else "", _("Version"), roster.version,
                 _("Status"), roster.get_status_display()])
    return xlsx_response(filename=f"roster-{roster.team}-{roster.period_start:%Y%m%d}-v{roster.version}.xlsx",
                         title=f"{_('Roster')} {label}", headers=headers, rows=rows,
                         # core.xlsx names columns A–Z only, so widths stop at the 26th column.
                         widths=([12] + [7] * len(table["days"]))[:26])


urlpatterns = [
    path("roster/<id:pk>/print/", roster_print, name="roster-print"),
    path("roster/<id:pk>/export.xlsx", roster_xlsx, name="roster-export"),
]
