"""Pages of custody_checks: shift key slips (KEY-SHIFT-1), custody checks (KEY-CHECK-1), the forms index (KEY-REPORT-1)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import clock, signatures
from core.models import User
from core.parsing import is_int, safe_date
from core.permissions import projects_for, restrict
from core.web.pages import attempt, current_project
from keys.models import CheckFinding, CheckKind, CustodyCheck, KeySet, ShiftKeyItem, ShiftKeySlip, SlipKind
from keys.selectors import custody_checks as sel
from keys.services import custody_checks as checks_service
from keys.services import shift_keys
from keys.states import KeyStatus


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username")


def _int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if is_int(value) else None


@login_required
def shift_page(request):
    """Open collect slips, today's front-desk handover, recent slips (KEY-SHIFT-1)."""
    project = current_project(request)
    today = clock.today()
    return render(request, "keys/custody_checks/shift.html", {
        "open_slips": sel.open_collect_slips(project=project), "followups": sel.open_slip_followups(project=project),
        "front_desk_required": sel.front_desk_required(project),
        "front_desk_today": sel.front_desk_slip(project=project, day=today),
        "missing_days": sel.front_desk_missing_days(project=project, start=today - dt.timedelta(days=6), end=today),
        "slips": sel.slips(project=project)[:50], "kinds": SlipKind.choices,
    })


@login_required
def new_slip(request, kind: str):
    project = current_project(request)
    if kind not in SlipKind.values:
        kind = SlipKind.COLLECT
    collected = None
    if kind == SlipKind.RETURN:
        collected = get_object_or_404(sel.open_collect_slips(project=project), pk=_int(request.GET.get("collected")) or 0)
    keys = shift_keys.slip_keys(project=project, kind=kind, collected=collected)
    staff = _staff(project)
    err = None
    if request.method == "POST":
        counts = {key.pk: _int(request.POST.get(f"count-{key.pk}")) for key in keys}
        handed = staff.filter(pk=_int(request.POST.get("handed_by")) or 0).first()
        received = staff.filter(pk=_int(request.POST.get("received_by")) or 0).first()
        if handed is None or received is None:
            err = {"message": _("Choose who hands over and who takes over."), "code": "people_required", "rule": "KEY-SHIFT-1"}
        else:
            slip, err = attempt(request, lambda: shift_keys.record_slip(
                project=project, kind=kind, recorded_by=request.user, handed_by=handed, received_by=received,
                counts={k: v for k, v in counts.items() if v is not None},
                handed_password=request.POST.get("handed_password", ""),
                received_password=request.POST.get("received_password", ""),
                explanation=request.POST.get("explanation", ""), collected=collected), _("The slip is recorded."))
            if slip:
                return redirect("pages:custody-checks-slip", pk=slip.pk)
    reference = {line.key_id: line.counted_pieces for line in collected.lines.all()} if collected else {}
    rows = [{"key": key, "expected": reference.get(key.pk, key.pieces),
             "value": request.POST.get(f"count-{key.pk}", "")} for key in keys]
    return render(request, "keys/custody_checks/slip_new.html", {
        "kind": kind, "kind_label": SlipKind(kind).label, "rows": rows, "staff": staff, "collected": collected,
        "err": err, "post": request.POST, "where": shift_keys.shift_keys_from(project)}, status=400 if err else 200)


def _my_slip(request, pk) -> ShiftKeySlip:
    return get_object_or_404(restrict(ShiftKeySlip.objects, request.user), pk=pk)


@login_required
def slip_page(request, pk: int):
    slip = _my_slip(request, pk)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: shift_keys.resolve_slip_followup(
            slip=slip, resolved_by=request.user, resolution=request.POST.get("resolution", "")),
            _("Follow-up resolved."))
        if done:
            return redirect("pages:custody-checks-slip", pk=pk)
    return render(request, "keys/custody_checks/slip.html", {
        "slip": slip, "lines": slip.lines.select_related("key").order_by("key__number"),
        "signed": {s.capacity: s for s in signatures.signatures_of(slip)}, "err": err})


@login_required
def shift_keys_page(request):
    """The per-project list of area keys the shifts collect and return (editable)."""
    project = current_project(request)
    err = None
    if request.method == "POST":
        if request.POST.get("remove"):
            item = get_object_or_404(ShiftKeyItem.objects.filter(project=project), pk=_int(request.POST["remove"]) or 0)
            done, err = attempt(request, lambda: shift_keys.remove_shift_key(item=item, actor=request.user),
                                _("Removed from the shift list."))
        else:
            key = get_object_or_404(KeySet.objects.filter(project=project), pk=_int(request.POST.get("key")) or 0)
            done, err = attempt(request, lambda: shift_keys.add_shift_key(project=project, key=key, actor=request.user),
                                _("Added to the shift list."))
        if done:
            return redirect("pages:custody-checks-shift-keys")
    items = sel.shift_key_items(project=project)
    listed = set(items.values_list("key_id", flat=True))
    candidates = KeySet.objects.filter(project=project).exclude(status=KeyStatus.RETIRED).exclude(pk__in=listed)
    return render(request, "keys/custody_checks/shift_keys.html", {
        "items": items, "candidates": candidates.order_by("number")[:500], "err": err})


@login_required
def checks_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind == CheckKind.SPOT:  # unannounced, by management (KEY-CHECK-2)
            check, err = attempt(request, lambda: checks_service.start_spot_check(
                project=project, started_by=request.user), _("Check started."))
        else:
            check, err = attempt(request, lambda: checks_service.start_check(
                project=project, kind=kind, started_by=request.user), _("Check started."))
        if check:
            return redirect("pages:custody-checks-check", pk=check.pk)
    return render(request, "keys/custody_checks/checks.html", {
        "checks": sel.checks(project=project)[:60], "kinds": CheckKind.choices, "err": err,
        "missed": sel.missed_checks(project=project), "open_findings": sel.open_findings(project=project)[:100],
        "today": clock.today()}, status=400 if err else 200)


def _my_check(request, pk) -> CustodyCheck:
    return get_object_or_404(restrict(CustodyCheck.objects, request.user), pk=pk)


@login_required
def check_page(request, pk: int):
    check = _my_check(request, pk)
    err = None
    if request.method == "POST":
        if request.POST.get("action") == "finding":
            owner = _staff(check.project).filter(pk=_int(request.POST.get("owner")) or 0).first()
            done, err = attempt(request, lambda: checks_service.add_finding(
                check=check, added_by=request.user, description=request.POST.get("description", ""), owner=owner,
                deadline=safe_date(request.POST.get("deadline", "") or ""), item=request.POST.get("item", "")),
                _("Finding recorded."))
        else:
            results = {}
            for entry in check.checklist:
                raw = request.POST.get(f"ok-{entry['code']}", "")
                results[entry["code"]] = {"ok": {"yes": True, "no": False}.get(raw),
                                          "note": request.POST.get(f"note-{entry['code']}", "")}
            done, err = attempt(request, lambda: checks_service.complete_check(
                check=check, completed_by=request.user, results=results, note=request.POST.get("note", "")),
                _("Check completed."))
        if done:
            return redirect("pages:custody-checks-check", pk=pk)
    check.refresh_from_db()
    today = clock.today()
    findings = list(check.findings.select_related("owner", "closed_by").order_by("pk"))
    for finding in findings:
        finding.overdue = finding.status == "open" and finding.deadline < today
    items = [{**entry, **check.results.get(entry["code"], {})} for entry in check.checklist]
    return render(request, "keys/custody_checks/check.html", {
        "check": check, "items": items, "findings": findings, "staff": _staff(check.project), "err": err,
        "inventory": check.inventory or checks_service.period_inventory(check)}, status=400 if err else 200)


@login_required
@require_POST
def close_finding(request, pk: int):
    finding = get_object_or_404(CheckFinding.objects.filter(check_record__project__in=projects_for(request.user)),
                                pk=pk)
    attempt(request, lambda: checks_service.close_finding(finding=finding, closed_by=request.user,
                                                          action_taken=request.POST.get("action_taken", "")),
            _("Finding closed."))
    return redirect("pages:custody-checks-check", pk=finding.check_record_id)


# The nine key forms (KEY-REPORT-1): (title, print URL name + kwargs/query, Excel URL name, list to choose from).
FORMS = [
    (gettext_lazy("Resident unit key loan application / register (客户房屋钥匙借用申请表/登记表)"),
     ("printing:register", "?form=unit"), ("printing:export-loans", "?form=unit"), ("pages:loans", "")),
    (gettext_lazy("Public-area key loan application / register (公共区域钥匙借用申请表/登记表)"),
     ("printing:register", "?form=public"), ("printing:export-loans", "?form=public"), ("pages:loans", "")),
    (gettext_lazy("Office key loan application (办公区域钥匙借用申请表)"),
     ("printing:register", "?form=office"), ("printing:export-loans", "?form=office"), ("pages:loans", "")),
    (gettext_lazy("Resident key deposit register (业户钥匙寄存登记表)"),
     ("printing:deposit-register", ""), ("printing:deposit-register-xlsx", ""), None),
    (gettext_lazy("Customer-service key usage register (客服钥匙使用登记表)"),
     ("printing:key-usage-register", ""), ("printing:key-usage-register-xlsx", ""), None),
    (gettext_lazy("Customer-service key list (客服钥匙明细登记表)"),
     ("printing:ledger", ""), ("printing:export-ledger", ""), None),
    (gettext_lazy("Repaired key pick-up register (返修钥匙领取登记表)"),
     ("printing:repair-pickup-register", ""), ("printing:repair-pickup-register-xlsx", ""), None),
    (gettext_lazy("Key loss statement (钥匙丢失情况说明)"),
     None, ("printing:loss-register-xlsx", ""), None),
    (gettext_lazy("Key handover slip (钥匙交接单)"),
     None, ("printing:key-handover-slips-xlsx", ""), ("pages:custody-checks-shift", "")),
]


def _url(spec) -> str | None:
    """Another helper's form may not exist yet: an unknown URL name is shown as not available."""
    if spec is None:
        return None
    name, query = spec
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


@login_required
def forms_index(request):
    """All nine key forms with their print view and Excel export (KEY-REPORT-1)."""
    current_project(request)
    rows = [{"title": title, "print": _url(printed), "xlsx": _url(excel), "choose": _url(choose),
             "per_record": printed is None} for title, printed, excel, choose in FORMS]
    # The loss statement is chosen per report in the loss area's list, if it has one.
    for name in ("pages:loss-reports", "pages:loss", "pages:loss-list"):
        if _url((name, "")):
            rows[7]["choose"] = _url((name, ""))
            break
    return render(request, "keys/custody_checks/forms.html", {"rows": rows})


urlpatterns = [
    path("custody/shift/", shift_page, name="custody-checks-shift"),
    path("custody/shift/new/<str:kind>/", new_slip, name="custody-checks-slip-new"),
    path("custody/shift/keys/", shift_keys_page, name="custody-checks-shift-keys"),
    path("custody/shift/<id:pk>/", slip_page, name="custody-checks-slip"),
    path("custody/checks/", checks_page, name="custody-checks"),
    path("custody/checks/<id:pk>/", check_page, name="custody-checks-check"),
    path("custody/findings/<id:pk>/close/", close_finding, name="custody-checks-finding-close"),
    path("forms/", forms_index, name="key-forms"),
]
