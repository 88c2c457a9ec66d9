"""The front desk: scan a tag, lend or take back a key in a few clicks (KEY-LOAN-5, -10, -12)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.parsing import is_int
from core.web.pages import attempt, current_project, error_info
from keys.pages.common import my_loan
from keys.selectors import loans as selectors
from keys.services import desk, ledger


def _count_field(key, open_loan, awaiting: list, prefer: int | None = None) -> dict:
    """Where the cursor waits once a scan found a loan, so the clerk types the piece count and Enter
    (KEY-LOAN-5, KEY-LOAN-10): the return of the loan out, else the approved loan waiting to be lent (the
    one just refused, else the first) while the key is in store. Nothing to count: the scan box keeps it."""
    from keys.states import KeyStatus

    if open_loan is not None:
        return {"focus_return": True}
    if not awaiting or key.status != KeyStatus.IN_STORE:
        return {}
    return {"focus_lend": prefer if prefer in {loan.pk for loan in awaiting} else awaiting[0].pk}


def _desk_context(request, scanned: str, *, loan_pk: int | None = None) -> dict:
    context = {"scanned": scanned}
    if scanned:
        try:
            key = ledger.find_by_scan(project=current_project(request), scanned=scanned)
        except DomainError as exc:
            context["error"] = error_info(exc)
            return context
        open_loan, awaiting = selectors.open_loan(key=key), list(selectors.awaiting_checkout(key=key))
        context.update(key=key, open_loan=open_loan, awaiting=awaiting,
                       **_count_field(key, open_loan, awaiting, prefer=loan_pk))
    return context


@login_required
def desk_page(request):
    return render(request, "keys/desk.html", _desk_context(request, request.GET.get("scan", "").strip()))


def _back_to(key) -> str:
    return f"{reverse('pages:desk')}?{urlencode({'scan': key.number})}"


@login_required
@require_POST
def lend(request, pk: int):
    loan = my_loan(request, pk)
    scanned = request.POST.get("scanned", "")
    pieces = request.POST.get("pieces_counted", "")
    if not is_int(pieces):
        context = _desk_context(request, scanned, loan_pk=loan.pk)
        context["lend_error"] = {"loan": loan.pk, "message": _("Enter the number of pieces you counted together.")}
        return render(request, "keys/desk.html", context, status=400)
    result, err = attempt(request, lambda: desk.checkout_key(
        loan=loan, issuer=request.user, scanned=scanned, pieces_counted=int(pieces),
        borrower_password=request.POST.get("borrower_password", "")),
        _("Lent %(number)s to %(name)s.") % {"number": loan.key.number, "name": loan.holder.display_name})
    if err:
        context = _desk_context(request, scanned, loan_pk=loan.pk)
        context["lend_error"] = {"loan": loan.pk, **err}
        return render(request, "keys/desk.html", context, status=400)
    return redirect("pages:desk")


@login_required
@require_POST
def take_back(request, pk: int):
    loan = my_loan(request, pk)
    scanned = request.POST.get("scanned", "")
    pieces = request.POST.get("pieces_returned", "")
    if not is_int(pieces):
        context = _desk_context(request, scanned)
        context["return_error"] = {"message": _("Enter the number of pieces handed back.")}
        return render(request, "keys/desk.html", context, status=400)
    checklist = {name: request.POST.get(name) == "on" for name in ("power_off", "windows_closed", "door_locked")}
    intact = request.POST.get("intact") == "on"
    result, err = attempt(request, lambda: desk.return_key(
        loan=loan, receiver=request.user, scanned=scanned, pieces_returned=int(pieces), intact=intact,
        checklist=checklist, borrower_password=request.POST.get("borrower_password", ""),
        accept_discrepancy=request.POST.get("accept_discrepancy") == "1", note=request.POST.get("note", "")),
        _("%(number)s is back in store.") % {"number": loan.key.number})
    if err:
        context = _desk_context(request, scanned)
        context["return_error"] = err
        context["posted"] = {"pieces_returned": pieces, "intact": intact, "note": request.POST.get("note", ""),
                             **checklist}
        return render(request, "keys/desk.html", context, status=409 if err["code"] == "return_mismatch" else 400)
    return redirect("pages:desk")


@login_required
def tag(request, token: str):
    """A phone scanning a tag's URL lands on the desk with that key (KEY-LEDGER-2)."""
    return redirect(f"{reverse('pages:desk')}?{urlencode({'scan': token})}")
