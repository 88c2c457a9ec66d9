"""The supervisor's daily checks on a phone (STAFF-2): one card per staff member on duty, three taps and save."""
from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core.web.pages import attempt, current_project, page_requires
from staff.pages.common import day_of, err_status, person_of
from staff.permissions import make_daily_checks, read_daily_checks
from staff.selectors import checks as selectors
from staff.selectors.people import staff_of
from staff.services import checks as svc


@page_requires(read_daily_checks, rule="STAFF-2")
def checks_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.record_check(
            project=project, by=request.user, person=person_of(project, form.get("person")),
            dress_ok=form.get("dress") == "ok", appearance_ok=form.get("appearance") == "ok",
            work_ok=form.get("work") == "ok", note=form.get("note", "")), _("Check recorded."))
        if done:
            return redirect("staff:checks")
    day = day_of(request)
    done_today = {}
    for check in selectors.checks_on(project=project, day=day):
        done_today.setdefault(check.person_id, []).append(check)
    return render(request, "staff/checks.html", {
        "day": day, "people": [(p, done_today.get(p.pk, [])) for p in staff_of(project)],
        "may_check": make_daily_checks(request.user, project), "missed": selectors.missed(project=project)[:100],
        "err": err}, status=err_status(err))


urlpatterns = [path("checks/", checks_page, name="checks")]
