"""Print views of the staff room, A4: the training record 培训记录 of a session, the day's 工作日记 (the
supervisor's checks), the monthly appraisal card 月度考评表 with its adjustments, signature and decision."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import path

from core.permissions import restrict
from core.signatures import signatures_of
from core.web.pages import current_project, page_requires
from staff.models import TrainingSession
from staff.pages.appraisal import visible
from staff.pages.common import day_of
from staff.permissions import read_appraisals, read_daily_checks, read_training
from staff.selectors import checks as check_selectors


@page_requires(read_training, rule="STAFF-1")
def training_print(request, pk: int):
    session = get_object_or_404(restrict(TrainingSession.objects, request.user), pk=pk)
    return render(request, "paper/staff_training.html", {
        "s": session, "rows": session.attendance.select_related("person").order_by("person__full_name")})


@page_requires(read_daily_checks, rule="STAFF-2")
def diary_print(request):
    project = current_project(request)
    day = day_of(request)
    return render(request, "paper/staff_work_diary.html", {
        "day": day, "project": project, "checks": check_selectors.checks_on(project=project, day=day)})


@page_requires(read_appraisals, rule="STAFF-3")
def appraisal_print(request, pk: int):
    card = get_object_or_404(visible(request, current_project(request)).select_related("person", "prepared_by"),
                             pk=pk)
    return render(request, "paper/staff_appraisal.html", {
        "c": card, "adjustments": card.adjustments.select_related("adjusted_by"),
        "decisions": card.approvals.select_related("approver"), "signatures": signatures_of(card)})


urlpatterns = [
    path("training/<int:pk>/print/", training_print, name="session-print"),
    path("checks/print/", diary_print, name="diary-print"),
    path("appraisals/<int:pk>/print/", appraisal_print, name="appraisal-print"),
]
