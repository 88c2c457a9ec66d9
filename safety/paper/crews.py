"""Print view (A4) of the pre-shift meeting ledger (班前会台账): a crew's meetings of a month with each member's
drawn signature; the same ledger in Excel, one row per member at each meeting (CREW-1, CREW-2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.parsing import safe_int
from core.permissions import restrict
from core.xlsx import xlsx_response
from safety.models import Crew
from safety.services.crews import member_capacity


def _month(request) -> tuple[int, int]:
    today = clock.today()
    return (safe_int(request.GET.get("year"), today.year, low=2000, high=2999),
            safe_int(request.GET.get("month"), today.month, low=1, high=12))


def _meetings(crew, year: int, month: int):
    return crew.meetings.filter(day__year=year, day__month=month).order_by("day").select_related("held_by")


@login_required
def ledger_print(request, pk: int):
    crew = get_object_or_404(restrict(Crew.objects, request.user), pk=pk)
    year, month = _month(request)
    meetings = []
    for meeting in _meetings(crew, year, month):
        signed = {s.capacity: s for s in signatures.signatures_of(meeting)}
        meetings.append((meeting, [(a.member, signed.get(member_capacity(a.member)))
                                   for a in meeting.attendance.select_related("member")]))
    return render(request, "paper/safety_meeting_ledger.html", {"crew": crew, "meetings": meetings, "year": year,
                                                                "month": month})


@login_required
def ledger_export(request, pk: int):
    """班前会台账 of a month in Excel: each meeting's hazards, work and notices, a row per member with when they
    signed (blank: not signed)."""
    crew = get_object_or_404(restrict(Crew.objects, request.user), pk=pk)
    year, month = _month(request)

    def rows():
        for meeting in _meetings(crew, year, month).prefetch_related("attendance__member"):
            for present in meeting.attendance.all():
                yield [meeting.day.isoformat(), crew.name, crew.contractor, meeting.held_by.display_name,
                       meeting.hazards, meeting.tasks, meeting.notices_posted, present.member.name,
                       clock.beijing(present.signed_at).strftime("%Y-%m-%d %H:%M") if present.signed_at else "",
                       meeting.get_status_display()]

    return xlsx_response(filename=f"pre-shift-meetings-{year}-{month:02d}.xlsx",
                         title=_("Pre-shift meeting ledger (班前会台账)"), rows=rows(),
                         headers=[_("Day"), _("Crew"), _("Contractor company"), _("Held by"), _("The day's hazards"),
                                  _("The day's work"), _("Notices posted before work"), _("crew member"), _("Signed at"),
                                  _("Status")],
                         widths=[12, 14, 20, 12, 30, 30, 10, 12, 16, 14])


urlpatterns = [path("crews/<id:pk>/ledger/", ledger_print, name="meeting-ledger"),
               path("crews/<id:pk>/ledger/export/", ledger_export, name="meeting-ledger-export")]
