"""Applying, approving and following a loan (KEY-LOAN-1..4, -8, -9, -11)."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import audit, clock, signatures
from core.models import User
from core.parsing import is_int
from core.permissions import projects_for
from core.web.pages import attempt, current_project, local_input, parse_local
from keys.categories import form_of
from keys.models import KeyFault, LoanExtension, LoanIncident, LoanTransfer, PurposeKind
from keys.pages.common import my_key, my_loan
from keys.selectors import loans as selectors
from keys.services import followups, loans, requests
from keys.states import LoanStatus


def project_staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username")


class ApplicationForm(forms.Form):
    applicant = forms.ModelChoiceField(queryset=User.objects.none(), label=gettext_lazy("Borrower (staff)"))
    purpose_kind = forms.ChoiceField(choices=PurposeKind.choices, label=gettext_lazy("Kind of work"))
    purpose = forms.CharField(max_length=300, label=gettext_lazy("Reason"))
    address = forms.CharField(max_length=200, required=False, label=gettext_lazy("Address"))
    owner_name = forms.CharField(max_length=100, required=False, label=gettext_lazy("Owner name"))
    key_name = forms.CharField(max_length=200, required=False, label=gettext_lazy("Key name"))
    room_number = forms.CharField(max_length=40, required=False, label=gettext_lazy("Room number"))
    period_start = forms.DateTimeField(label=gettext_lazy("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    period_end = forms.DateTimeField(label=gettext_lazy("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    is_important = forms.BooleanField(required=False, label=gettext_lazy("Important customer or special case"))
    is_emergency = forms.BooleanField(required=False, label=gettext_lazy("Emergency (approve first, paperwork afterwards)"))
    off_premises = forms.BooleanField(required=False, label=gettext_lazy("Key will leave the premises"))
    contractor_name = forms.CharField(max_length=100, required=False, label=gettext_lazy("Contractor (borrowed on their behalf)"))
    contractor_company = forms.CharField(max_length=200, required=False, label=gettext_lazy("Contractor company"))

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = project_staff(project)


@login_required
def apply_page(request):
    project = current_project(request)
    key = my_key(request, request.GET.get("key") or request.POST.get("key") or 0)
    form_kind = form_of(key.category)
    if request.method == "POST":
        form = ApplicationForm(request.POST, project=project)
        if form.is_valid():
            data = form.cleaned_data
            loan, err = attempt(request, lambda: loans.apply_for_loan(key=key, registered_by=request.user, **data),
                                _("Application registered."))
            if loan:
                return redirect("pages:loan", pk=loan.pk)
    else:
        now = clock.now()
        form = ApplicationForm(project=project, initial={
            "applicant": request.user, "period_start": local_input(now),
            "period_end": local_input(now + dt.timedelta(hours=2)), "key_name": key.name,
            "room_number": key.room_number, "address": str(key.unit) if key.unit else "",
            "owner_name": (key.unit.residents.filter(kind="owner").values_list("name", flat=True).first() or "")
            if key.unit else "",
        })
    hidden = {"unit": ["key_name", "room_number"], "public": ["address", "owner_name", "room_number"],
              "office": ["address", "owner_name", "key_name"]}[form_kind]
    return render(request, "keys/apply.html", {"form": form, "key": key, "hidden_fields": hidden,
                                               "form_kind": form_kind})


@login_required
def loan_page(request, pk: int):
    loan = my_loan(request, pk)
    step = loans.next_step(loan)
    may_decide = bool(step) and request.user.pk not in {loan.applicant_id, loan.holder_id} and (
        loan.status == LoanStatus.PENDING or loans.awaiting_paperwork(loan)) and loans.may_decide(request.user, loan, step[1])
    context = {
        "loan": loan, "step": step[1] if step else None, "may_decide": may_decide,
        "approvals": loan.approvals.select_related("approver"), "signatures": signatures.signatures_of(loan),
        "incidents": loan.incidents.select_related("responsible"), "faults": loan.faults.all(),
        "extensions": loan.extensions.select_related("requested_by", "decided_by"),
        "transfers": loan.transfers.select_related("to_user", "requested_by"),
        "follow_ups": loan.follow_ups.select_related("written_by").order_by("-written_at"),
        "history": audit.history(loan), "staff": project_staff(loan.project).exclude(pk=loan.holder_id),
        "is_holder": request.user.pk == loan.holder_id, "fault_kinds": KeyFault._meta.get_field("kind").choices,
        "default_new_due": local_input((loan.due_at or clock.now()) + dt.timedelta(hours=2)),
    }
    return render(request, "keys/loan.html", context)


ACTIONS = {
    "approve": (lambda r, loan: loans.approve_loan(loan=loan, approver=r.user, comment=r.POST.get("comment", "")),
                gettext_lazy("Approved.")),
    "reject": (lambda r, loan: loans.reject_loan(loan=loan, approver=r.user, comment=r.POST.get("comment", "")),
               gettext_lazy("Rejected.")),
    "release": (lambda r, loan: loans.release_emergency(loan=loan, approver=r.user, comment=r.POST.get("comment", "")),
                gettext_lazy("Emergency loan released; paperwork is now tracked.")),
    "cancel": (lambda r, loan: loans.cancel_loan(loan=loan, actor=r.user, reason=r.POST.get("comment", "")),
               gettext_lazy("Application cancelled.")),
    "followup": (lambda r, loan: followups.add_follow_up(loan=loan, written_by=r.user, note=r.POST.get("note", "")),
                 gettext_lazy("Follow-up recorded.")),
    "fault": (lambda r, loan: followups.report_fault(key=loan.key, loan=loan, reported_by=r.user,
                                                     kind=r.POST.get("kind", ""), description=r.POST.get("description", "")),
              gettext_lazy("Fault reported.")),
    "extend": (lambda r, loan: requests.request_extension(loan=loan, requested_by=r.user,
                                                          new_due_at=parse_local(r.POST.get("new_due_at")) or clock.now(),
                                                          reason=r.POST.get("reason", "")),
               gettext_lazy("Extension requested.")),
    "transfer": (lambda r, loan: requests.request_transfer(
        loan=loan, requested_by=r.user, reason=r.POST.get("reason", ""),
        to_user=get_object_or_404(project_staff(loan.project), pk=r.POST.get("to_user") or 0)),
        gettext_lazy("Transfer requested.")),
}


@login_required
@require_POST
def loan_action(request, pk: int, action: str):
    loan = my_loan(request, pk)
    if action not in ACTIONS:
        return redirect("pages:loan", pk=pk)
    call, message = ACTIONS[action]
    attempt(request, lambda: call(request, loan), str(message))
    if request.POST.get("next") == "inbox":
        return redirect("pages:inbox")
    return redirect("pages:loan", pk=pk)


@login_required
@require_POST
def decide_request(request, kind: str, pk: int):
    model, decide = {"extension": (LoanExtension, requests.decide_extension),
                     "transfer": (LoanTransfer, requests.decide_transfer)}[kind]
    obj = get_object_or_404(model.objects.filter(loan__project__in=projects_for(request.user)), pk=pk)
    approve = request.POST.get("decision") == "approve"
    attempt(request, lambda: decide(**{kind: obj}, approver=request.user, approve=approve,
                                    comment=request.POST.get("comment", "")),
            _("Approved.") if approve else _("Rejected."))
    if request.POST.get("next") == "inbox":
        return redirect("pages:inbox")
    return redirect("pages:loan", pk=obj.loan_id)


@login_required
@require_POST
def resolve(request, kind: str, pk: int):
    if kind == "incident":
        obj = get_object_or_404(LoanIncident.objects.filter(loan__project__in=projects_for(request.user)), pk=pk)
        pieces = request.POST.get("ledger_pieces", "")
        attempt(request, lambda: followups.resolve_incident(
            incident=obj, resolved_by=request.user, resolution=request.POST.get("resolution", ""),
            ledger_pieces=int(pieces) if is_int(pieces) else None), _("Incident closed."))
        return redirect("pages:loan", pk=obj.loan_id)
    obj = get_object_or_404(KeyFault.objects.filter(key__project__in=projects_for(request.user)), pk=pk)
    attempt(request, lambda: followups.resolve_fault(fault=obj, resolved_by=request.user,
                                                     resolution=request.POST.get("resolution", ""),
                                                     key_usable=request.POST.get("key_usable") == "on"),
            _("Fault closed."))
    return redirect("pages:key", pk=obj.key_id)


@login_required
def loans_page(request):
    project = current_project(request)
    qs = selectors.loans_for(request.user).filter(project=project).select_related("key", "holder")
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    if request.GET.get("overdue"):
        qs = qs.filter(status=LoanStatus.LENT, due_at__lt=clock.now())
    page = Paginator(qs.order_by("-applied_at"), 50).get_page(request.GET.get("page"))
    return render(request, "keys/loans.html", {"page": page, "status": status, "statuses": LoanStatus.choices})


@login_required
def inbox_page(request):
    project = request.project
    mine = [loan for loan in selectors.approvals_inbox(request.user)]
    for loan in mine:
        loan.step = loans.next_step(loan)[1]
    extensions = [e for e in selectors.pending_extensions(project=project)] if project else []
    transfers = [t for t in selectors.pending_transfers(project=project)] if project else []
    return render(request, "keys/inbox.html", {"loans": mine, "extensions": extensions, "transfers": transfers})
