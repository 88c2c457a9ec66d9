"""The monthly appraisal cards (STAFF-3): prepare, adjust with a reason, the employee signs, the manager decides;
the month's cards in Excel for HR."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.web.pages import attempt, current_project, page_requires
from core.xlsx import xlsx_response
from staff.models import Appraisal
from staff.pages.common import err_status, month_of, person_of
from staff.permissions import prepare_appraisals, read_all_appraisals, read_appraisals
from staff.selectors import appraisal as selectors
from staff.selectors.people import staff_of
from staff.services import appraisal as svc


def visible(request, project):
    """Every card for preparers and approvers; a staff member sees only their own."""
    rows = selectors.cards(project=project)
    return rows if read_all_appraisals(request.user, project) else rows.filter(person=request.user)


@page_requires(read_appraisals, rule="STAFF-3")
def appraisals_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.prepare(
            project=project, by=request.user, person=person_of(project, request.POST.get("person")),
            month=month_of(request.POST.get("month"))), _("Appraisal prepared."))
        if done:
            return redirect("staff:appraisal", pk=done.pk)
    last = clock.today().replace(day=1) - dt.timedelta(days=1)
    return render(request, "staff/appraisals.html", {
        "cards": visible(request, project)[:200], "staff": staff_of(project), "default_month": last,
        "may_prepare": prepare_appraisals(request.user, project), "err": err}, status=err_status(err))


def _act(request, card: Appraisal):
    form, action = request.POST, request.POST.get("action", "")
    if action == "adjust":
        return svc.adjust(appraisal=card, by=request.user, points=form.get("points", ""), reason=form.get("reason", ""))
    if action == "sign":
        return svc.sign(appraisal=card, person=request.user, password=form.get("password", ""))
    if action in {"approve", "reject"}:
        return svc.decide(appraisal=card, approver=request.user, approve=action == "approve",
                          comment=form.get("comment", ""))
    raise DomainError(_("Unknown action."), code="invalid")


@page_requires(read_appraisals, rule="STAFF-3")
def appraisal_page(request, pk: int):
    project = current_project(request)
    card = get_object_or_404(visible(request, project), pk=pk)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _act(request, card), _("Saved."))
        if done:
            return redirect("staff:appraisal", pk=pk)
    return render(request, "staff/appraisal.html", {
        "c": card, "adjustments": card.adjustments.select_related("adjusted_by"),
        "decisions": card.approvals.select_related("approver"), "is_person": request.user.pk == card.person_id,
        "may_prepare": prepare_appraisals(request.user, project), "may_decide": read_all_appraisals(
            request.user, project) and request.user.pk not in svc.parties(card), "err": err},
        status=err_status(err))


@page_requires(read_all_appraisals, rule="STAFF-3")
def appraisals_export(request):
    """The month's cards for HR (formula-safe, core.xlsx)."""
    project = current_project(request)
    month = month_of(request.GET.get("month"))
    rows = selectors.cards(project=project, month=month) if month else selectors.cards(project=project)
    return xlsx_response(
        filename=f"appraisals-{month:%Y%m}.xlsx" if month else "appraisals.xlsx", title=_("Monthly appraisal"),
        headers=[_("Number"), _("Month"), _("Staff member"), _("Score from the records"), _("Adjustment"),
                 _("Total"), _("Result"), _("Reward or penalty"), _("Status"), _("Measures")],
        rows=([c.serial, f"{c.month:%Y-%m}", c.person.display_name, c.computed, c.adjusted, c.total, c.band,
               c.consequence, c.get_status_display(),
               "; ".join(f"{m['label']} {m['count']}" for m in c.measures)] for c in rows[:2000]),
        widths=[18, 10, 14, 10, 10, 8, 10, 24, 20, 60])


urlpatterns = [
    path("appraisals/", appraisals_page, name="appraisals"),
    path("appraisals/export/", appraisals_export, name="appraisals-export"),
    path("appraisals/<int:pk>/", appraisal_page, name="appraisal"),
]
