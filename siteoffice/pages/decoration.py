"""Pages of decoration (DECOR-1, DECOR-2): applications, the engineering check and approval, fees and deposit,
the permit, acceptance and the deposit's refund; patrols by zone with violations followed to closure."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import approvals, clock
from core.errors import DomainError
from core.masking import mask_phone
from core.models import Unit
from core.permissions import has_role, restrict
from core.web.pages import attempt, checked_by, current_project, pick
from siteoffice.models import Decoration, Violation
from siteoffice.pages.common import err_status, refused, safe_day
from siteoffice.permissions import handle_decoration, patrol_decoration, require_decoration_reader
from siteoffice.selectors import decoration as selectors
from siteoffice.services import decoration as svc
from siteoffice.services import patrols as patrol_svc
from siteoffice.states import DecorationStatus, PayMethod, Severity, ViolationStatus


def phone_shown(user, project, phone: str) -> str:
    """In full for the desk that calls the household, masked for everyone else (CORE-3)."""
    return phone if handle_decoration(user, project) or has_role(user, project, "site_manager") else mask_phone(phone)


@login_required
@checked_by(require_decoration_reader, refused)
def decorations_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.apply(
            project=project, by=request.user, unit=pick(Unit, project, form.get("unit")),
            owner_name=form.get("owner_name", ""), owner_phone=form.get("owner_phone", ""),
            contractor=form.get("contractor", ""), contractor_phone=form.get("contractor_phone", ""),
            starts=safe_day(form.get("starts")), ends=safe_day(form.get("ends")), works=form.get("works", ""),
            area=form.get("area", ""), structural=form.get("structural") == "on",
            structural_detail=form.get("structural_detail", "")), _("The application is taken."))
        if done:
            return redirect("siteoffice:decoration", pk=done.pk)
    state = request.GET.get("state", "")
    rows = selectors.decorations(project=project)
    if state in DecorationStatus.values:
        rows = rows.filter(status=state)
    return render(request, "siteoffice/decorations.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "err": err, "form": form,
        "states": DecorationStatus.choices, "state": state, "may_handle": handle_decoration(request.user, project),
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")},
        status=err_status(err))


def _action(request, decoration: Decoration):
    action, form = request.POST.get("action", ""), request.POST
    if action in {"approve", "reject"}:
        return svc.decide(decoration=decoration, approver=request.user, approve=action == "approve",
                          comment=form.get("comment", ""), drawings_checked=form.get("drawings_checked") == "on")
    if action == "charge":
        return svc.charge(decoration=decoration, clerk=request.user, method=form.get("method", ""))
    if action == "permit":
        return svc.issue_permit(decoration=decoration, by=request.user)
    if action in {"accept", "fail"}:
        return svc.accept(decoration=decoration, inspector=request.user, passed=action == "accept",
                          note=form.get("note", ""))
    if action == "refund":
        return svc.refund_deposit(decoration=decoration, clerk=request.user, reason=form.get("reason", ""),
                                  amount=form.get("amount", "") or None)
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def decoration_page(request, pk: int):
    decoration = get_object_or_404(restrict(Decoration.objects, request.user).select_related(
        "project", "unit__building", "applied_by", "fee_receipt", "deposit_receipt"), pk=pk)
    try:
        require_decoration_reader(request.user, decoration.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _action(request, decoration), _("Done."))
        if done:
            return redirect("siteoffice:decoration", pk=decoration.pk)
    step = approvals.next_step(decoration) if decoration.status == DecorationStatus.PENDING else None
    return render(request, "siteoffice/decoration.html", {
        "d": decoration, "err": err, "step": step[1] if step else None, "decisions": decoration.approvals.all(),
        "phone": phone_shown(request.user, decoration.project, decoration.owner_phone),
        "violations": decoration.violations.select_related("found_by"), "methods": PayMethod.choices,
        "may_handle": handle_decoration(request.user, decoration.project)}, status=err_status(err))


def _patrol_action(request, project):
    form = request.POST
    action = form.get("action", "patrol")
    if action in {"rectify", "pass", "fail"}:
        violation = pick(Violation, project, form.get("violation"))
        if violation is None:
            raise DomainError(_("No such record."), code="not_found")
        if action == "rectify":
            return patrol_svc.rectify(violation=violation, by=request.user, note=form.get("note", ""))
        return patrol_svc.recheck(violation=violation, by=request.user, passed=action == "pass",
                                  note=form.get("note", ""))
    found = []
    if form.get("decoration"):
        found.append({"decoration": int(form["decoration"]) if form["decoration"].isdigit() else None,
                      "description": form.get("description", ""), "severity": form.get("severity", ""),
                      "deadline": safe_day(form.get("deadline"))})
    return patrol_svc.record_patrol(project=project, zone=form.get("zone", ""), by=request.user,
                                    note=form.get("note", ""), violations=found)


@login_required
@checked_by(require_decoration_reader, refused)
def patrols_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: _patrol_action(request, project), _("Done."))
        if done:
            return redirect(f"{request.path}?zone={form.get('zone', '')}")
    zones = selectors.zones(project=project)
    zone = request.GET.get("zone") or (zones[0] if zones else "")
    return render(request, "siteoffice/patrols.html", {
        "zones": zones, "zone": zone, "err": err, "form": form, "severities": Severity.choices,
        "under_way": selectors.in_zone(project=project, zone=zone, day=clock.today()) if zone else [],
        "open": selectors.violations(project=project).exclude(status=ViolationStatus.CLOSED).order_by("deadline"),
        "today": clock.today(), "may_patrol": patrol_decoration(request.user, project)}, status=err_status(err))


urlpatterns = [
    path("decorations/", decorations_page, name="decorations"),
    path("decorations/<id:pk>/", decoration_page, name="decoration"),
    path("patrols/", patrols_page, name="patrols"),
]
