"""What the safety room answers for the other rooms through core's hand-offs (registered in safety/apps.py): the
shift handover lists the patrol rounds closed with missed points since yesterday and the fire hazards past their
deadline (HANDOVER-2, PATROL-1, FIRE-1); the duty desk's rounds walk the project's building patrol route and show
its checkpoints scanned and missed (DUTY-LOG-6)."""
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


def _walk(rnd) -> handoffs.PatrolWalk:
    from django.urls import reverse

    from safety.states import VisitResult

    visits = {v.checkpoint_id: v for v in rnd.visits.exclude(result=VisitResult.MISSED).select_related("visited_by")}
    points = []
    for point in rnd.route.checkpoints.all():
        visit = visits.get(point.pk)
        points.append(handoffs.PatrolPoint(
            name=point.name, scanned_at=visit.visited_at if visit else None,
            scanned_by=visit.visited_by.display_name if visit and visit.visited_by else "",
            late=bool(visit and visit.result == VisitResult.LATE), finding=visit.finding if visit else ""))
    return handoffs.PatrolWalk(ref=f"safety.round:{rnd.pk}", route=rnd.route.name, points=tuple(points),
                               sign_in=reverse("safety:patrol"))


def open_patrol_walk(project, person) -> handoffs.PatrolWalk | None:
    """A duty round begins (DUTY-LOG-6): the building patrol route's round open now, or one opened for this walk.
    None when the project has no building route or the person does not walk patrols (their round is areas only)."""
    from safety.permissions import patrol
    from safety.services.patrols import duty_route, open_round_now

    route = duty_route(project)
    if route is None or not patrol(person, project):
        return None
    return _walk(open_round_now(route=route, by=person))


def patrol_walk(ref: str) -> handoffs.PatrolWalk | None:
    """The checkpoints of the round `ref` ("safety.round:12") as they stand now."""
    from safety.models import Round

    prefix, _sep, pk = (ref or "").partition(":")
    if prefix != "safety.round" or not pk.isdigit():
        return None
    rnd = Round.objects.select_related("route").filter(pk=int(pk)).first()
    return _walk(rnd) if rnd else None


def provide() -> None:
    handoffs.handover_sections.register("safety_exceptions", patrol_exceptions)
    handoffs.appraisal_measures.register("safety", appraisal_measures)
    handoffs.open_patrol_walk.provide(open_patrol_walk, owner="safety")
    handoffs.patrol_walk.provide(patrol_walk, owner="safety")
