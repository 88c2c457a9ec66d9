"""The key room's requests for a household's consent to use its deposited key, as the staff side reads them
(RES-2, KEY-DEPOSIT): by state, household or deposited key, newest first; and the household a form names."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Project, Unit
from core.parsing import is_int
from residents.models import KeyConsent
from residents.states import ConsentState, consent_state

STATE_FILTERS = {ConsentState.PENDING: Q(answered_at__isnull=True),
                 ConsentState.CONSENTED: Q(answered_at__isnull=False, consent=True),
                 ConsentState.REFUSED: Q(answered_at__isnull=False, consent=False)}


def consents(project: Project, *, state: str = "", unit: Unit | None = None, deposit_ref: str = "") -> QuerySet:
    rows = KeyConsent.objects.filter(project=project).select_related("unit__building", "asked_by", "answered_by")
    if state in STATE_FILTERS:
        rows = rows.filter(STATE_FILTERS[state])
    if unit is not None:
        rows = rows.filter(unit=unit)
    if deposit_ref:
        rows = rows.filter(deposit_ref=deposit_ref[:40])
    return rows.order_by("-asked_at", "-pk")


def unit_of(project: Project, *, unit_id: str = "", building_id: str = "", number: str = "") -> Unit | None:
    """The household a form names: by its id, or by building and room number — only of this project."""
    rows = Unit.objects.filter(project=project).select_related("building")
    if is_int(unit_id or ""):
        return rows.filter(pk=int(unit_id)).first()
    number = (number or "").strip()[:20]
    if is_int(building_id or "") and number:
        return rows.filter(building_id=int(building_id), number=number).first()
    return None


def words(consent: KeyConsent) -> str:
    """One line for the deposited key's page: asked when and by whom, for what, and the answer."""
    asked = _("%(when)s %(who)s asked: %(purpose)s") % {
        "when": f"{timezone.localtime(consent.asked_at):%Y-%m-%d %H:%M}", "who": consent.asked_by.display_name,
        "purpose": consent.purpose}
    state = consent_state(consent)
    if state == ConsentState.PENDING:
        return f"{asked} — {state.label}"
    return f"{asked} — {state.label} ({timezone.localtime(consent.answered_at):%Y-%m-%d %H:%M}" \
           f"{' ' + consent.answered_by.name if consent.answered_by else ''})"
