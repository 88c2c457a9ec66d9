"""The gate guard's page, made for a phone (PASS-1): scan the pass's QR code (it opens this page with the code) or
type the code; see the goods and the day, or the access pass's holder and period; let the goods out, or record
the access pass checked. A pass that may not be used says why, and nothing is recorded."""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import attachments
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import AttachmentKind
from core.web.pages import attempt, checked_by, current_project, error_info, refusal_page
from desk.models import AccessPass, GoodsPass
from desk.permissions import require_gate
from desk.services import passes_gate as gate

refused = refusal_page(gettext_lazy("Gate check"))


def _back(code: str):
    return redirect(f"{reverse('desk:gate')}?{urlencode({'code': code})}")


@login_required
@checked_by(require_gate, refused)
def gate_page(request):
    project = current_project(request)
    data = request.POST if request.method == "POST" else request.GET
    code = gate.clean_code(data.get("code", ""))
    found, err, usable = None, None, None
    if code:
        try:
            found = gate.find(project=project, code=code)
        except DomainError as exc:
            err = error_info(exc)
    if found is not None and request.method == "POST":
        action = request.POST.get("action", "")
        if action == "exit" and isinstance(found, GoodsPass):
            done, err = attempt(request, lambda: gate.record_exit(
                goods_pass=found, guard=request.user, discrepancy=request.POST.get("discrepancy", "")),
                _("Goods let out: recorded with your name and the time."))
            if done:
                return _back(code)
        elif action == "check" and isinstance(found, AccessPass):
            done, err = attempt(request, lambda: gate.record_access_check(
                access_pass=found, guard=request.user, note=request.POST.get("note", "")),
                _("Access pass checked."))
            if done:
                return _back(code)
        found = gate.find(project=project, code=code)
    if found is not None:
        problem = gate.goods_refusal(found) if isinstance(found, GoodsPass) else gate.access_refusal(found)
        usable = problem is None
        if problem is not None and err is None:
            err = error_info(problem)
    context = {"code": code, "err": err, "usable": usable, "goods_pass": None, "access_pass": None}
    if isinstance(found, GoodsPass):
        context["goods_pass"] = found
    elif isinstance(found, AccessPass):
        context["access_pass"] = found
        context["masked_id"] = mask_id_number(found.id_number_hint)
        context["last_checks"] = found.checks.select_related("checked_by")[:5]
        context["photos"] = attachments.attachments_of(found).filter(kind=AttachmentKind.PHOTO)[:1]
    return render(request, "desk/passes/gate.html", context)


urlpatterns = [
    path("gate/", gate_page, name="gate"),
]
