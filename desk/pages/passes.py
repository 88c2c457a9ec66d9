"""Pages of goods-release passes (物品放行条) and access passes (出入证) at the desk: apply, the owner's consent,
the desk's approval, revoke; issue, hand back, revoke (PASS-1). The gate's page is desk/pages/passes_gate.py."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import approvals, attachments, clock, uploads
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import ResidentKind, Unit
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick, refusal_page
from desk.models import AccessPass, AccessStatus, ConsentMethod, GoodsPass, GoodsStatus
from desk.permissions import require_pass_issuer
from desk.selectors import passes as selectors
from desk.services import passes as service
from desk.services import passes_access as access_service

refused = refusal_page(gettext_lazy("Passes"))
GOODS_ROWS = 8  # lines on the form; the API takes up to service.MAX_GOODS


def goods_from_form(data) -> list[dict]:
    rows = []
    for index in range(1, GOODS_ROWS + 1):
        name = (data.get(f"goods-{index}") or "").strip()
        if name:
            rows.append({"name": name, "quantity": (data.get(f"qty-{index}") or "1").strip()})
    return rows


def units_of(project):
    return Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")


def uploaded_photo(request):
    """(name, bytes) of an optional photo on a multipart form; over the size limit it was never read."""
    upload = request.FILES.get("photo") if request.FILES else None
    if upload is None:
        return None
    refusal = uploads.refused(request)
    if refusal is not None:
        raise refusal
    return upload.name, upload.read()


@login_required
@checked_by(require_pass_issuer, refused)
def goods_list(request):
    project = current_project(request)
    status = request.GET.get("status", "open")
    qs = selectors.goods_passes(project=project)
    if status == "open":
        qs = qs.filter(status__in=[GoodsStatus.PENDING, GoodsStatus.APPROVED])
    elif status in GoodsStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-registered_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "desk/passes/list.html", {"page": page, "status": status, "statuses": GoodsStatus.choices})


@login_required
@checked_by(require_pass_issuer, refused)
def goods_new(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else {}
    err = None
    if request.method == "POST":
        goods_pass, err = attempt(request, lambda: service.apply(
            project=project, registered_by=request.user, unit=pick(Unit, project, form.get("unit")),
            applicant_kind=form.get("applicant_kind", ""), applicant_name=form.get("applicant_name", ""),
            applicant_phone=form.get("applicant_phone", ""), goods=goods_from_form(form),
            vehicle_plate=form.get("vehicle_plate", ""), exit_date=form.get("exit_date", ""),
            note=form.get("note", "")), _("The goods-release pass is registered."))
        if goods_pass:
            return redirect("desk:passes-detail", pk=goods_pass.pk)
    return render(request, "desk/passes/new.html", {
        "form": form, "err": err, "units": units_of(project), "kinds": ResidentKind.choices,
        "rows": range(1, GOODS_ROWS + 1), "today": clock.today().isoformat()})


def my_goods_pass(request, pk) -> GoodsPass:
    return get_object_or_404(restrict(GoodsPass.objects, request.user).select_related(
        "project", "unit__building", "registered_by", "exit_guard", "owner_consent_by", "revoked_by"), pk=pk)


@login_required
def goods_detail(request, pk: int):
    goods_pass = my_goods_pass(request, pk)
    try:
        require_pass_issuer(request.user, goods_pass.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "consent": (lambda: service.record_owner_consent(
                goods_pass=goods_pass, recorded_by=user, owner_name=data.get("owner_name", ""),
                method=data.get("method", ""), consents=data.get("consents") == "yes", note=data.get("note", "")),
                _("The owner's answer is recorded.")),
            "approve": (lambda: service.decide(goods_pass=goods_pass, approver=user, approve=True,
                                               comment=data.get("comment", "")), _("Approved.")),
            "reject": (lambda: service.decide(goods_pass=goods_pass, approver=user, approve=False,
                                              comment=data.get("comment", "")), _("Rejected.")),
            "revoke": (lambda: service.revoke(goods_pass=goods_pass, revoked_by=user, reason=data.get("reason", "")),
                       _("The pass is revoked; the gate will refuse it.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:passes-detail", pk=goods_pass.pk)
        goods_pass = my_goods_pass(request, pk)
    step = approvals.next_step(goods_pass) if goods_pass.status == GoodsStatus.PENDING else None
    return render(request, "desk/passes/detail.html", {
        "p": goods_pass, "err": err, "step": step[1] if step else None, "decisions": goods_pass.approvals.all(),
        "needs_consent": service.needs_owner_consent(goods_pass), "methods": ConsentMethod.choices})


@login_required
@checked_by(require_pass_issuer, refused)
def access_list(request):
    project = current_project(request)
    show = request.GET.get("show", "active")
    qs = selectors.access_passes(project=project)
    if show == "expired":
        qs = selectors.expired_access(project=project)
    elif show in AccessStatus.values:
        qs = qs.filter(status=show)
    page = Paginator(qs.order_by("-issued_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "desk/passes/access_list.html", {
        "page": page, "show": show, "statuses": AccessStatus.choices, "today": clock.today()})


@login_required
@checked_by(require_pass_issuer, refused)
def access_new(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else {}
    err = None
    if request.method == "POST":
        access_pass, err = attempt(request, lambda: access_service.issue(
            project=project, issued_by=request.user, holder_name=form.get("holder_name", ""),
            id_number=form.get("id_number", ""), company_name=form.get("company_name", ""),
            purpose=form.get("purpose", ""), valid_from=form.get("valid_from", ""),
            valid_until=form.get("valid_until", ""), unit=pick(Unit, project, form.get("unit")),
            area=form.get("area", ""), photo=uploaded_photo(request)), _("The access pass is issued."))
        if access_pass:
            return redirect("desk:access-detail", pk=access_pass.pk)
        form = {k: v for k, v in form.items() if k != "id_number"}  # an ID number is never echoed back
    return render(request, "desk/passes/access_new.html", {
        "form": form, "err": err, "units": units_of(project), "today": clock.today().isoformat()})


def my_access_pass(request, pk) -> AccessPass:
    return get_object_or_404(restrict(AccessPass.objects, request.user).select_related(
        "project", "unit__building", "issued_by", "closed_by"), pk=pk)


@login_required
def access_detail(request, pk: int):
    access_pass = my_access_pass(request, pk)
    try:
        require_pass_issuer(request.user, access_pass.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST" and request.POST.get("action") in {"return", "revoke"}:
        revoke = request.POST["action"] == "revoke"
        done, err = attempt(request, lambda: access_service.close(
            access_pass=access_pass, closed_by=request.user, revoke=revoke, reason=request.POST.get("reason", "")),
            _("The access pass is revoked.") if revoke else _("The access pass is handed back."))
        if done:
            return redirect("desk:access-detail", pk=access_pass.pk)
        access_pass = my_access_pass(request, pk)
    return render(request, "desk/passes/access_detail.html", {
        "a": access_pass, "err": err, "masked_id": mask_id_number(access_pass.id_number_hint),
        "expired": access_service.expired_on(access_pass), "photos": attachments.attachments_of(access_pass),
        "checks": access_pass.checks.select_related("checked_by")[:20]})


urlpatterns = [
    path("passes/", goods_list, name="passes-list"),
    path("passes/new/", goods_new, name="passes-new"),
    path("passes/<id:pk>/", goods_detail, name="passes-detail"),
    path("access/", access_list, name="access-list"),
    path("access/new/", access_new, name="access-new"),
    path("access/<id:pk>/", access_detail, name="access-detail"),
]
