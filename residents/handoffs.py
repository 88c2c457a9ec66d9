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


def provide() -> None:
    handoffs.resident_ratings.provide(resident_ratings, owner="residents")
    handoffs.tell_household.provide(tell_household, owner="residents")
