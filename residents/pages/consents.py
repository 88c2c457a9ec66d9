"""The staff side of a request for a household's consent to use its deposited key (RES-2, KEY-DEPOSIT): the key
room picks the household (or comes from the deposited key's page with it chosen), picks the key and says why; the
household answers in the portal, and the answer shows here (and on the deposited key's page)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import handoffs
from core.errors import NotFound
from core.models import Building
from core.web.pages import attempt, checked_by, current_project, refusal_page, refusal_status
from residents import permissions as may
from residents.selectors import consents as sel
from residents.services import notices
from residents.states import ConsentState, consent_state

refused = refusal_page(gettext_lazy("Residents"))
FORBIDDEN = ("role_not_allowed", "forbidden")
CONFLICT = ("consent_pending",)


@login_required
@checked_by(may.require_key_consent, refused)
def consent_list(request):
    project = current_project(request)
    data = request.POST if request.method == "POST" else request.GET
    unit = sel.unit_of(project, unit_id=data.get("unit", ""), building_id=data.get("building", ""),
                       number=data.get("number", ""))
    wanted = bool(data.get("unit") or data.get("number"))
    err = None
    if request.method == "POST":
        def ask():
            if unit is None:
                raise NotFound(_("No such household."), code="not_found")
            return notices.ask_key_consent(project=project, by=request.user, unit=unit,
                                           deposit_ref=data.get("deposit", ""), purpose=data.get("purpose", ""))
        done, err = attempt(request, ask, _("The household is asked; its answer will show here."))
        if done is not None:
            return redirect(reverse("residents:consents") + "?" + urlencode({"unit": unit.pk}))
    state = request.GET.get("state", "")
    rows = [(c, consent_state(c)) for c in sel.consents(project, state=state, unit=unit)[:200]]
    return render(request, "residents/consents.html", {
        "unit": unit, "not_found": wanted and unit is None, "rows": rows, "state": state,
        "states": ConsentState.choices, "deposits": handoffs.deposited_keys(project, unit) if unit else [],
        "chosen": data.get("deposit", ""), "purpose": data.get("purpose", "") if err else "", "err": err,
        "buildings": Building.objects.filter(project=project).order_by("code")},
        status=refusal_status(err, forbidden=FORBIDDEN, conflict=CONFLICT))


urlpatterns = [path("consents/", consent_list, name="consents")]
