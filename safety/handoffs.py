"""What the safety room answers for the other rooms through core's hand-offs (registered in safety/apps.py): the
shift handover lists the patrol rounds closed with missed points since yesterday and the fire hazards past their
deadline (HANDOVER-2, PATROL-1, FIRE-1)."""
from __future__ import annotations

import datetime as dt

from core import clock, handoffs


def patrol_exceptions(project) -> list[dict]:
    from safety.selectors.fire import hazards_overdue
    from safety.selectors.patrols import exceptions

    since = clock.now() - dt.timedelta(days=1)
    rows = [{"kind": "round", "what": r.route.name, "due_at": r.due_at.isoformat(), "missed": r.missed,
             "late": r.late} for r in exceptions(project=project).filter(due_at__gte=since)[:100]]
    rows += [{"kind": "hazard", "what": h.description, "number": h.number, "deadline": h.deadline.isoformat()}
             for h in hazards_overdue(project=project)[:100]]
    return rows


def appraisal_measures(project, person, start, end) -> list[handoffs.Measure]:
    """The patroller's month (STAFF-3, PATROL-1): points missed on the rounds they walked, and points they reached
    late. A round nobody walked is the supervisor's finding on the handover, not anyone's score."""
    from django.db.models import Sum
    from django.utils.translation import gettext as _

    from safety.models import Round, Visit
    from safety.states import VisitResult

    walked = Round.objects.filter(project=project, due_at__gte=start, due_at__lt=end, status="closed",
                                  visits__visited_by=person).distinct()
    missed_rounds = walked.filter(missed__gt=0)
    missed = Round.objects.filter(pk__in=missed_rounds.values("pk")).aggregate(n=Sum("missed"))["n"] or 0
    late = Visit.objects.filter(round__project=project, visited_by=person, result=VisitResult.LATE,
                                round__due_at__gte=start, round__due_at__lt=end)
    return [
        handoffs.Measure("safety.missed_points", _("Patrol points missed on rounds walked"), missed,
                         tuple(f"{r.route.name} {r.due_at:%m-%d %H:%M}" for r in missed_rounds.select_related(
                             "route").order_by("due_at")[:30])),
        handoffs.Measure("safety.late_points", _("Patrol points reached late"), late.count()),
    ]


def provide() -> None:
    handoffs.handover_sections.register("safety_exceptions", patrol_exceptions)
    handoffs.appraisal_measures.register("safety", appraisal_measures)
