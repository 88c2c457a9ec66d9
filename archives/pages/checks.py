"""Pages of the shelf checks (ARCH-4, ARCH-11): what is due, beginning a check, recording results shelf by shelf,
completing it, the findings and their closure; the manager's permissions to see confidential archives."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import ConfidentialGrant, Finding, ShelfCheck
from archives.pages.common import err_status, refused
from archives.permissions import may_grant, require_keeper
from archives.selectors import checks as selectors
from archives.services import access
from archives.services import checks as svc
from archives.states import CheckKind, CheckResult, FindingStatus
from core import clock
from core.errors import DomainError, NotAllowed
from core.models import User
from core.parsing import safe_date, safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project

PAGE = 100  # volumes recorded at a time: a shelf or two


@login_required
@checked_by(require_keeper, refused)
def checks_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.start_check(project=project, by=request.user,
                                                             kind=request.POST.get("kind", ""),
                                                             note=request.POST.get("note", "")),
                            _("The check has begun."))
        if done:
            return redirect("archives:check", pk=done.pk)
    return render(request, "archives/checks.html", {
        "due": selectors.due(project=project), "kinds": CheckKind.choices, "err": err,
        "page": Paginator(selectors.checks(project=project), 30).get_page(request.GET.get("page")),
        "findings": selectors.open_findings(project=project)[:100]}, status=err_status(err))


def my_check(request, pk: int) -> ShelfCheck:
    return get_object_or_404(restrict(ShelfCheck.objects, request.user).select_related("project", "checked_by"),
                             pk=pk)


@login_required
def check_page(request, pk: int):
    check = my_check(request, pk)
    try:
        require_keeper(request.user, check.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data = request.POST
        if data.get("action") == "complete":
            done, err = attempt(request, lambda: svc.complete_check(check=check, by=request.user),
                                _("The check is completed."))
        else:
            results = {}
            for key in data:
                if key.startswith("r_") and safe_int(key[2:]) is not None:
                    results[int(key[2:])] = (data.get(key, ""), data.get(f"n_{key[2:]}", ""))
            _done, err = attempt(request, lambda: svc.record_results(check=check, by=request.user, results=results),
                                _("The results are recorded."))
        if err is None:
            return redirect(f"{request.path}?page={safe_int(data.get('page'), 1)}")
        check = my_check(request, pk)
    page = Paginator(selectors.lines(check), PAGE).get_page(request.GET.get("page") or request.POST.get("page"))
    return render(request, "archives/check.html", {
        "c": check, "page": page, "results": CheckResult.choices, "err": err,
        "pending": check.lines.filter(result="").count()}, status=err_status(err))


@login_required
def finding_page(request, pk: int):
    finding = get_object_or_404(restrict(Finding.objects, request.user).select_related(
        "project", "volume__category", "line__check_record", "closed_by"), pk=pk)
    try:
        require_keeper(request.user, finding.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.close_finding(finding=finding, by=request.user,
                                                               note=request.POST.get("note", "")),
                            _("The finding is closed."))
        if done:
            return redirect("archives:finding", pk=finding.pk)
    return render(request, "archives/finding.html", {"f": finding, "err": err, "open": FindingStatus.OPEN},
                  status=err_status(err))


def _require_granter(user, project) -> None:
    if not may_grant(user, project):
        raise NotAllowed(_("Only the manager gives permission to see confidential archives."),
                         code="role_not_allowed", rule="ARCH-11")


@login_required
@checked_by(_require_granter, refused)
def grants_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        if form.get("action") == "revoke":
            grant = ConfidentialGrant.objects.filter(project=project, pk=safe_int(form.get("grant"), 0)).first()
            done, err = attempt(request, lambda: access.revoke_confidential(grant=grant, revoked_by=request.user)
                                if grant else _missing(), _("The permission is withdrawn."))
        else:
            person = User.objects.filter(memberships__project=project, pk=safe_int(form.get("person"), 0)).first()
            _done, err = attempt(request, lambda: access.grant_confidential(
                project=project, granted_by=request.user, person=person, until=safe_date(form.get("until")),
                reason=form.get("reason", "")), _("The permission is given."))
        if err is None:
            return redirect("archives:grants")
    return render(request, "archives/grants.html", {
        "grants": ConfidentialGrant.objects.filter(project=project).select_related("person", "granted_by")[:200],
        "staff": User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk"),
        "today": clock.today(), "form": form, "err": err}, status=err_status(err))


def _missing():
    raise DomainError(_("Choose from the list."), code="invalid_choice", rule="ARCH-11")


urlpatterns = [
    path("checks/", checks_page, name="checks"),
    path("checks/<id:pk>/", check_page, name="check"),
    path("findings/<id:pk>/", finding_page, name="finding"),
    path("permissions/", grants_page, name="grants"),
]
