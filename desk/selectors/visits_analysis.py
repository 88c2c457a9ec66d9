"""The quarter-end analysis of return visits (VISIT-6, 003 篇10 §4.6): unsatisfactory visits, the same
matter complained of twice or more, the same repair three times or more (same unit + subject)."""
from __future__ import annotations

from django.db.models import Count

from core import clock, handoffs, policies
from core.models import Project
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit, Satisfaction
from desk.selectors.visits_periods import bounds, quarter_period


def _repeats(project: Project, kind: str, start, end, threshold: int) -> list[dict]:
    rows = (Closure.objects.filter(project=project, kind=kind, closed_at__gte=start, closed_at__lt=end)
            .exclude(unit__isnull=True).exclude(subject="")
            .values("unit", "unit__building__code", "unit__number", "subject")
            .annotate(times=Count("pk")).filter(times__gte=threshold).order_by("-times", "unit", "subject"))
    result = []
    for row in rows:
        numbers = list(Closure.objects.filter(project=project, kind=kind, closed_at__gte=start, closed_at__lt=end,
                                              unit=row["unit"], subject=row["subject"])
                       .order_by("closed_at").values_list("source_number", flat=True))
        result.append({"unit": f"{row['unit__building__code']}-{row['unit__number']}", "subject": row["subject"],
                       "times": row["times"], "numbers": numbers})
    return result


def analysis_figures(*, project: Project, year: int, quarter: int) -> dict:
    """The figures of one quarter as plain data (saved with the analysis, shown and printed)."""
    start, end = bounds(quarter_period(year, quarter))
    made = ReturnVisit.objects.filter(project=project, visited_at__gte=start, visited_at__lt=end)
    unsatisfied = [{"number": v.number, "matter": v.closure.source_number or v.closure.source_ref,
                    "kind": v.closure.kind, "person": v.closure.person, "shortcomings": v.shortcomings,
                    "complaint": v.complaint_ref, "visited_at": f"{clock.beijing(v.visited_at):%Y-%m-%d}"}
                   for v in made.filter(satisfaction=Satisfaction.UNSATISFIED).select_related("closure")
                   .order_by("visited_at")]
    by_satisfaction = dict(made.values_list("satisfaction").annotate(n=Count("pk")).order_by())
    return {
        "year": year, "quarter": quarter, "visits_made": made.count(),
        "satisfaction": {key: by_satisfaction.get(key, 0) for key in Satisfaction.values},
        "unsatisfactory": unsatisfied,
        "repeat_complaints": _repeats(project, MatterKind.COMPLAINT, start, end,
                                      int(policies.value("desk.visits.repeat_complaints", project))),
        "repeat_repairs": _repeats(project, MatterKind.REPAIR, start, end,
                                   int(policies.value("desk.visits.repeat_repairs", project))),
        "resident_ratings": _resident_ratings(project, start, end),
    }


def _resident_ratings(project: Project, start, end) -> dict:
    """Residents' own ratings of closed matters through the portal (SURVEY-2), beside the visits, never instead of
    them: a rating is not a return visit and counts towards no visit rate (VISIT-6)."""
    if not handoffs.resident_ratings.provided:
        return {"count": 0, "satisfied": 0, "unsatisfied": []}
    rated = handoffs.resident_ratings(project, start, end)
    return {"count": len(rated), "satisfied": sum(1 for r in rated if r.satisfied),
            "unsatisfied": [{"matter": r.matter_ref, "score": r.score, "comment": r.comment,
                             "rated_at": f"{clock.beijing(r.rated_at):%Y-%m-%d}"} for r in rated if not r.satisfied]}
