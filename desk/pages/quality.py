"""Pages of the quality-check area: this month's checks with the weekly count, recording a check
against the checklist with its nonconformities, one check with closure, the per-person monthly
summary (QUALITY-1)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock, policies
from core.errors import DomainError, NotAllowed
from core.models import User
from core.parsing import is_int, safe_date
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, refusal_page
from desk.compliance import Period
from desk.models import CheckKind, NonconformityStatus, QualityCheck
from desk.permissions import require_quality_reader
from desk.selectors import complaints as complaint_selectors
from desk.selectors import quality as selectors
from desk.services import quality as svc
from duty.models import Handover  # declared direction: quality checks inspect handovers

refused = refusal_page(gettext_lazy("Quality checks"))


def month_of(request) -> Period:
    day = safe_date(request.GET.get("month") and request.GET.get("month") + "-01") or clock.today()
    return complaint_selectors.period_for("month", day)


@login_required
@checked_by(require_quality_reader, refused)
def list_page(request):
    project = current_project(request)
    period = month_of(request)
    return render(request, "desk/quality/list.html", {
        "period": period, "checks": selectors.checks_between(project=project, start=period.start, end=period.end),
        "weeks": selectors.weeks(project=project, start=period.start, end=period.end),
        "overdue": selectors.open_overdue(project=project),
        "may_check": svc.may(request.user, project, "desk.quality.checker_roles"),
        "previous": (period.start - dt.timedelta(days=1)).strftime("%Y-%m"),
        "next": (period.end + dt.timedelta(days=1)).strftime("%Y-%m")})


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")


def _handovers(project):
    return Handover.objects.filter(project=project).order_by("-shift_change_at")[:20]


@login_required
@checked_by(svc.require_checker, refused)
def new_page(request):
    """The checklist: each item passes or fails; a failed item names the person, what was wrong, the
    correction and its deadline. The time of the check is the server's."""
    project = current_project(request)
    checklist = list(policies.value("desk.quality.checklist", project))
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            failed, rows = [], []
            for i, item in enumerate(checklist):
                if form.get(f"ok_{i}") != "no":
                    continue
                failed.append(item)
                pid = form.get(f"person_{i}", "")
                rows.append({"item": item, "person": _staff(project).filter(pk=int(pid)).first() if is_int(pid) else None,
                             "description": form.get(f"desc_{i}", ""), "correction": form.get(f"corr_{i}", ""),
                             "deadline": safe_date(form.get(f"deadline_{i}"))})
            hid = form.get("handover", "")
            handover = None
            if is_int(hid):
                handover = Handover.objects.filter(project=project, pk=int(hid)).first()
            elif hid:
                raise DomainError(_("Choose from the list."), code="invalid_choice", rule="QUALITY-1")
            return svc.record_check(project=project, checked_by=request.user, kind=form.get("kind", ""),
                                    failed_items=failed, nonconformities=rows, handover=handover,
                                    note=form.get("note", ""))
        done, err = attempt(request, call, _("The check is recorded."))
        if done:
            return redirect("desk:quality-detail", pk=done.pk)
    return render(request, "desk/quality/new.html", {
        "form": form, "err": err, "items": list(enumerate(checklist)), "kinds": CheckKind.choices,
        "staff": _staff(project), "handovers": _handovers(project),
        "default_deadline": clock.today() + dt.timedelta(days=3)}, status=400 if err else 200)


@login_required
def detail_page(request, pk: int):
    check = get_object_or_404(restrict(QualityCheck.objects, request.user)
                              .select_related("project", "checked_by", "handover"), pk=pk)
    project = check.project
    own = check.nonconformities.filter(person=request.user).exists()
    if not (svc.may(request.user, project, "desk.quality.reader_roles") or own):
        return refused(request, NotAllowed(_("Your role may not read the quality-check records."),
                                           code="role_not_allowed", rule="QUALITY-1"))
    err = None
    if request.method == "POST":
        nid = request.POST.get("nonconformity", "")
        nc = check.nonconformities.filter(pk=int(nid)).first() if is_int(nid) else None
        if nc is None:
            err = {"message": _("Choose from the list."), "code": "invalid_choice", "rule": "", "clause": ""}
        else:
            done, err = attempt(request, lambda: svc.close_nonconformity(
                nonconformity=nc, closed_by=request.user, note=request.POST.get("note", "")),
                _("The nonconformity is closed."))
            if done:
                return redirect("desk:quality-detail", pk=check.pk)
    status = 200 if not err else {"role_not_allowed": 403, "illegal_transition": 409}.get(err["code"], 400)
    return render(request, "desk/quality/detail.html", {
        "check": check, "err": err, "today": clock.today(),
        "ncs": check.nonconformities.select_related("person", "closed_by"),
        "may_close": svc.may(request.user, project, "desk.quality.checker_roles"), "open": NonconformityStatus.OPEN,
    }, status=status)


@login_required
@checked_by(require_quality_reader, refused)
def people_page(request):
    """The month's nonconformities per person, for the performance review (003 篇14 §4.4.3)."""
    project = current_project(request)
    period = month_of(request)
    return render(request, "desk/quality/people.html", {
        "period": period, "rows": selectors.person_summary(project=project, period=period),
        "month": period.start.strftime("%Y-%m")})


urlpatterns = [
    path("quality/", list_page, name="quality-list"),
    path("quality/new/", new_page, name="quality-new"),
    path("quality/<id:pk>/", detail_page, name="quality-detail"),
    path("quality/people/", people_page, name="quality-people"),
]
