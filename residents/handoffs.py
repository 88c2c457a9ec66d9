"""What the residents' room answers for the other rooms through core's hand-offs (registered in residents/apps.py):
telling a household (RES-2) and the residents' own ratings of closed matters for the visit analysis (SURVEY-2)."""
from __future__ import annotations

from core import handoffs


def resident_ratings(project, start, end) -> list[handoffs.ResidentRating]:
    from residents.models import MatterRating
    from residents.services.portal import satisfied_from

    threshold = satisfied_from(project)
    rows = MatterRating.objects.filter(project=project, rated_at__gte=start, rated_at__lt=end).order_by("rated_at")
    return [handoffs.ResidentRating(matter_ref=r.matter_ref, score=r.score, satisfied=r.score >= threshold,
                                    rated_at=r.rated_at, comment=r.comment) for r in rows[:2000]]


def tell_household(project, unit, kind: str, text: str, source: str) -> int:
    from residents.services.notices import tell_household as tell

    return tell(project, unit, kind, text, source)


def consent_links(user, project, ref: str, unit) -> list[handoffs.RecordLink]:
    """On a deposited key's page: the requests for the household's consent so far, and (for the roles that ask)
    the way to ask it through the residents' portal (RES-2, KEY-DEPOSIT)."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils.translation import gettext as _

    from residents import permissions as may
    from residents.selectors import consents

    if not ref.startswith("keys.deposit:") or unit is None:
        return []
    notes = tuple(consents.words(c) for c in consents.consents(project, deposit_ref=ref)[:5])
    if not may.ask_key_consent(user, project):
        return [handoffs.RecordLink(_("Household's consent"), "", notes)] if notes else []
    url = reverse("residents:consents") + "?" + urlencode({"unit": unit.pk, "deposit": ref})
    return [handoffs.RecordLink(_("Ask the household's consent through the residents' portal"), url, notes)]


def provide() -> None:
    handoffs.record_links.register("residents.key_consent", consent_links)
    handoffs.resident_ratings.provide(resident_ratings, owner="residents")
    handoffs.tell_household.provide(tell_household, owner="residents")
