"""Pages of deposit: the register, one deposit, one opening, delegation and move-in handover (KEY-DEPOSIT-1..8)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import handoffs, pii, policies, signatures
from core.errors import DomainError, NotFound
from core.models import Resident, Unit, User
from core.parsing import is_int, safe_date
from core.permissions import restrict
from core.web.pages import attempt, current_project, parse_local
from keys.models import (
    CollectorKind,
    CustodyDelegation,
    DepositStatus,
    EmergencyKind,
    KeyDeposit,
    KeyDepositOpening,
    OpeningKind,
    OpeningStatus,
    UnitKeyHandover,
)
from keys.selectors import deposit as sel
from keys.services import deposit as svc
from keys.services import deposit_opening as op


def _my_deposit(request, pk) -> KeyDeposit:
    return get_object_or_404(restrict(KeyDeposit.objects, request.user)
                             .select_related("key", "unit", "unit__building", "resident", "project"), pk=pk)


def _my_opening(request, pk) -> KeyDepositOpening:
    return get_object_or_404(restrict(KeyDepositOpening.objects, request.user)
                             .select_related("deposit", "deposit__key", "deposit__unit", "deposit__resident"), pk=pk)


def _in_project(model, project, raw):
    obj = model.objects.filter(project=project, pk=int(raw)).first() if is_int(str(raw or "")) else None
    if obj is None:
        raise NotFound(_("No such record."), code="not_found")
    return obj


def _staff(project, raw) -> User:
    user = User.objects.filter(pk=int(raw), memberships__project=project).distinct().first() \
        if is_int(str(raw or "")) else None
    if user is None:
        raise NotFound(_("No such staff member in this project."), code="not_found")
    return user


def _file(request, name):
    upload = request.FILES.get(name)
    return (upload.name, upload.read()) if upload else None


def _staff_choices(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username")


@login_required
def register_page(request):
    """The register of deposited keys and the form to take one in (KEY-DEPOSIT-1, -7)."""
    project = current_project(request)
    post = request.POST
    if request.method == "POST":
        def call():
            unit = _in_project(Unit, project, post.get("unit"))
            return svc.deposit_key(
                project=project, received_by=request.user, resident=_in_project(Resident, project, post.get("resident")),
                unit=unit, pieces=int(post.get("pieces") or 0), purpose=post.get("purpose", ""),
                sealed=bool(post.get("sealed")), seal_number=post.get("seal_number", ""),
                may_collect=post.get("may_collect", ""), signer_name=post.get("signer_name", ""),
                signature_image=post.get("signature", ""), storage=post.get("storage", ""),
                is_temporary=bool(post.get("is_temporary")), third_party_name=post.get("third_party_name", ""),
                third_party_kind=post.get("third_party_kind", ""), expires_at=parse_local(post.get("expires_at")),
                keeper=_staff(project, post["keeper"]) if post.get("keeper") else None)
        deposit, _err = attempt(request, call, _("The deposit is registered."))
        if deposit:
            return redirect("pages:deposit-detail", pk=deposit.pk)
    return render(request, "keys/deposit/register.html", {
        "deposits": sel.deposits(project=project, status=request.GET.get("status", ""),
                                 text=request.GET.get("q", ""))[:200],
        "statuses": DepositStatus.choices, "units": Unit.objects.filter(project=project).select_related("building"),
        "residents": Resident.objects.filter(project=project).order_by("name"),
        "third_party_kinds": [c for c in CollectorKind.choices if c[0] != CollectorKind.RESIDENT],
        "staff": _staff_choices(project), "form": post,
        "awaiting_reseal": sel.awaiting_reseal(project=project), "paperwork": sel.paperwork_open(project=project),
        "lock_changes": sel.open_lock_changes(project=project),
    })


@login_required
def detail_page(request, pk: int):
    deposit = _my_deposit(request, pk)
    return render(request, "keys/deposit/detail.html", {
        "deposit": deposit, "resident_masked": pii.masked(deposit.resident), "openings": deposit.openings.order_by("-requested_at"),
        "signatures": signatures.signatures_of(deposit), "emergency_kinds": EmergencyKind.choices,
        "collector_kinds": CollectorKind.choices, "lock_change": deposit.lock_changes.filter(
            completed_at__isnull=True).first(),
        "open_opening": deposit.openings.filter(entered_at__isnull=False, resealed_at__isnull=True).first(),
        "closed": deposit.status in DepositStatus.closed_states(),
        "may_request": deposit.status in {DepositStatus.SEALED, DepositStatus.RESEALED},
        # Other rooms' actions on this key, e.g. asking the household's consent through the residents' portal.
        "record_links": [] if deposit.status in DepositStatus.closed_states() else [
            link for links in handoffs.record_links.gather(request.user, deposit.project, f"keys.deposit:{deposit.pk}",
                                                           deposit.unit).values() for link in links],
    })


@login_required
@require_POST
def deposit_action(request, pk: int, action: str):
    deposit = _my_deposit(request, pk)
    post, user = request.POST, request.user
    calls = {
        "request-opening": (lambda: op.request_opening(
            deposit=deposit, requested_by=user, kind=post.get("kind", ""), reason=post.get("reason", ""),
            emergency_kind=post.get("emergency_kind", ""),
            responsible_confirmed_with=post.get("responsible_confirmed_with", ""),
            request_scan=_file(request, "request_scan")), _("Opening requested; it now needs approval.")),
        "collect": (lambda: svc.collect_deposit(
            deposit=deposit, handed_by=user, collector_kind=post.get("collector_kind", ""),
            collector_name=post.get("collector_name", ""), signer_image=post.get("signature", ""),
            access_pass_no=post.get("access_pass_no", ""), id_number=post.get("id_number", ""),
            document=_file(request, "document"), document_kind=post.get("document_kind", "id_copy"),
            consent_call_made=bool(post.get("consent_call_made"))), _("The key is handed over.")),
        "lock-change": (lambda: svc.report_lock_change(deposit=deposit, reported_by=user, note=post.get("note", "")),
                        _("Lock change recorded; it stays open until the new key is in.")),
        "lock-change-done": (lambda: svc.complete_lock_change(
            change=deposit.lock_changes.get(completed_at__isnull=True), actor=user, pieces=int(post.get("pieces") or 0),
            signer_name=post.get("signer_name", ""), signature_image=post.get("signature", ""),
            seal_number=post.get("seal_number", "")), _("New key deposited, old key returned.")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    result, _err = attempt(request, call, success)
    if result is not None and action == "request-opening":
        return redirect("pages:deposit-opening", pk=result.pk)
    return redirect("pages:deposit-detail", pk=deposit.pk)


@login_required
def opening_page(request, pk: int):
    opening = _my_opening(request, pk)
    project = opening.project
    witness_policy = policies.value("keys.deposit.witnesses", project)
    return render(request, "keys/deposit/opening.html", {
        "opening": opening, "deposit": opening.deposit, "approvals": opening.approvals.select_related("approver"),
        "step": op.next_step(opening), "may_approve": op.may_approve(request.user, opening),
        "signatures": signatures.signatures_of(opening), "staff": _staff_choices(project),
        "slots": list(enumerate(witness_policy["slots"], start=1)), "statuses": OpeningStatus,
        "is_emergency": opening.kind == OpeningKind.EMERGENCY,
    })


@login_required
@require_POST
def opening_action(request, pk: int, action: str):
    opening = _my_opening(request, pk)
    post, user, project = request.POST, request.user, opening.project

    def open_call():
        people = []
        for index in range(1, 5):
            if post.get(f"witness_{index}"):
                people.append((_staff(project, post[f"witness_{index}"]), post.get(f"password_{index}", "")))
        return op.open_sealed_key(opening=opening, actor=user, witnesses=people, before_note=post.get("before_note", ""))

    calls = {
        "approve": (lambda: op.decide_opening(opening=opening, approver=user, comment=post.get("comment", "")),
                    _("Approved.")),
        "reject": (lambda: op.decide_opening(opening=opening, approver=user, approve=False,
                                             comment=post.get("comment", "")), _("Rejected.")),
        "call": (lambda: op.log_resident_call(opening=opening, called_by=user, outcome=post.get("outcome", "")),
                 _("The call is written to the duty log.")),
        "open": (open_call, _("The witnesses confirmed; the key is opened and the duty log written.")),
        "close": (lambda: op.close_opening(opening=opening, actor=user, after_note=post.get("after_note", ""),
                                           manager=_staff(project, post.get("manager")),
                                           manager_password=post.get("manager_password", "")),
                  _("The record after leaving is signed.")),
        "paperwork": (lambda: op.complete_paperwork(opening=opening, actor=user, signer_name=post.get("signer_name", ""),
                                                    signature_image=post.get("signature", ""),
                                                    stamped=bool(post.get("stamped"))), _("Paperwork complete.")),
        "reseal": (lambda: op.reseal(opening=opening, actor=user, new_seal_number=post.get("new_seal_number", ""),
                                     signer_name=post.get("signer_name", ""),
                                     signature_image=post.get("signature", "")), _("The key is re-sealed.")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    attempt(request, call, success)
    return redirect("pages:deposit-opening", pk=opening.pk)


@login_required
def delegation_page(request):
    """Custody of deposited keys handed to a named person during the custodian's leave (KEY-DEPOSIT-8)."""
    project = current_project(request)
    post = request.POST
    if request.method == "POST":
        def call():
            starts, ends = safe_date(post.get("starts_on", "") or ""), safe_date(post.get("ends_on", "") or "")
            if not starts or not ends:
                raise DomainError(_("Name another person and a valid leave period."), code="invalid_delegation",
                                  rule="KEY-DEPOSIT-8")
            return svc.delegate_custody(project=project, custodian=_staff(project, post.get("custodian")),
                                        delegate=_staff(project, post.get("delegate")), starts_on=starts,
                                        ends_on=ends, reason=post.get("reason", ""), created_by=request.user)
        done, _err = attempt(request, call, _("Custody delegated."))
        if done:
            return redirect("pages:deposit-delegation")
    return render(request, "keys/deposit/delegation.html", {
        "delegations": CustodyDelegation.objects.filter(project=project).select_related("custodian", "delegate")
        .order_by("-starts_on")[:100], "staff": _staff_choices(project)})


@login_required
def handover_page(request):
    """《单元钥匙交接单》 at move-in (KEY-DEPOSIT-1)."""
    project = current_project(request)
    post = request.POST
    if request.method == "POST":
        handover, _err = attempt(request, lambda: svc.hand_over_unit_keys(
            project=project, handed_by=request.user, unit=_in_project(Unit, project, post.get("unit")),
            resident=_in_project(Resident, project, post.get("resident")),
            keys_description=post.get("keys_description", ""), pieces=int(post.get("pieces") or 0),
            signer_name=post.get("signer_name", ""), signature_image=post.get("signature", "")),
            _("Unit keys handed over."))
        if handover:
            return redirect("printing:deposit-handover", pk=handover.pk)
    return render(request, "keys/deposit/handover.html", {
        "handovers": UnitKeyHandover.objects.filter(project=project).select_related("unit", "resident")
        .order_by("-handed_at")[:100],
        "units": Unit.objects.filter(project=project).select_related("building"),
        "residents": Resident.objects.filter(project=project).order_by("name")})


urlpatterns = [
    path("deposits/", register_page, name="deposit-register"),
    path("deposits/<id:pk>/", detail_page, name="deposit-detail"),
    path("deposits/<id:pk>/do/<str:action>/", deposit_action, name="deposit-action"),
    path("deposits/opening/<id:pk>/", opening_page, name="deposit-opening"),
    path("deposits/opening/<id:pk>/do/<str:action>/", opening_action, name="deposit-opening-action"),
    path("deposits/delegation/", delegation_page, name="deposit-delegation"),
    path("deposits/handover/", handover_page, name="deposit-handover"),
]
