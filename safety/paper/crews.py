"""Print view (A4) of the pre-shift meeting ledger (班前会台账): a crew's meetings of a month with each member's
drawn signature."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path

from core import clock, signatures
from core.parsing import safe_int
from core.permissions import restrict
from safety.models import Crew
from safety.services.crews import member_capacity


@login_required
def ledger_print(request, pk: int):
    crew = get_object_or_404(restrict(Crew.objects, request.user), pk=pk)
    today = clock.today()
    year = safe_int(request.GET.get("year"), today.year, low=2000, high=2999)
    month = safe_int(request.GET.get("month"), today.month, low=1, high=12)
    meetings = []
    for meeting in crew.meetings.filter(day__year=year, day__month=month).order_by("day").select_related("held_by"):
        signed = {s.capacity: s for s in signatures.signatures_of(meeting)}
        meetings.append((meeting, [(a.member, signed.get(member_capacity(a.member)))
                                   for a in meeting.attendance.select_related("member")]))
    return render(request, "paper/safety_meeting_ledger.html", {"crew": crew, "meetings": meetings, "year": year,
                                                                "month": month})


urlpatterns = [path("crews/<id:pk>/ledger/", ledger_print, name="meeting-ledger")]
