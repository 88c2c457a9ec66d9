"""Patrol rounds by checkpoint (PATROL-1; 001 篇10 二(一); 002 篇1 §1.1.2 楼宇巡检记录).

A checkpoint's printed code is a random token: it names nothing about the place. The patroller scans it (the
camera opens the point's page) or types the short code; the server stamps the time. A point signed in after its
round's end is late; one never signed in by then (plus the policy's grace) is missed when the round is closed,
and the supervisors are told. A finding becomes a hazard, a repair or a duty-log entry in one step."""
from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import attachments, audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.handoffs import LogNote
from core.models import Project, User
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from safety.models import Checkpoint, Round, Route, Visit
from safety.permissions import require_fire_officer, require_patroller
from safety.states import FindingOutcome, HazardSource, RoundStatus, RouteKind, SignInVia, VisitResult

RULE = "PATROL-1"
SHORT_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)


def _short_code() -> str:
    while True:
        code = "".join(secrets.choice(SHORT_ALPHABET) for _ in range(6))
        if not Checkpoint.objects.filter(short_code=code).exists():
            return code


@transaction.atomic
def create_route(*, project: Project, by: User, name: str, kind: str, first_at: dt.time, interval_minutes: int,
                 rounds_per_day: int, allowed_minutes: int, checkpoints: list[dict]) -> Route:
    """A route and its points in walking order; each point gets a random token and a short code."""
    require_fire_officer(by, project)
    name = limits.fit(Route, "name", name, required=True, rule=RULE)
    if kind not in RouteKind.values:
        raise DomainError(_("Choose the kind of route."), code="invalid_choice", rule=RULE, details={"field": "kind"})
    if not checkpoints:
        raise DomainError(_("A route needs at least one checkpoint."), code="checkpoints_required", rule=RULE)
    if kind == RouteKind.FIRE_KEY_AREA and int(interval_minutes) > 120:
        raise DomainError(_("Key fire areas are patrolled at least every 2 hours."), code="interval_too_long",
                          rule="FIRE-1", clause="001 篇10 二(一) 重点部位每2小时巡查一次")
    if int(interval_minutes) < 1 or int(rounds_per_day) < 1 or int(allowed_minutes) < 1 or \
            (int(rounds_per_day) - 1) * int(interval_minutes) >= 24 * 60:
        raise DomainError(_("The route's timetable is not valid."), code="invalid_timetable", rule=RULE)
    if Route.objects.filter(project=project, name=name).exists():
        raise Conflict(_("A route of this name exists."), code="duplicate", rule=RULE)
    route = Route.objects.create(project=project, name=name, kind=kind, first_at=first_at,
                                 interval_minutes=int(interval_minutes), rounds_per_day=int(rounds_per_day),
                                 allowed_minutes=int(allowed_minutes), created_at=clock.now())
    for order, point in enumerate(checkpoints, start=1):
        Checkpoint.objects.create(route=route, order=order, token=secrets.token_urlsafe(18), short_code=_short_code(),
                                  name=limits.fit(Checkpoint, "name", point.get("name"), required=True, rule=RULE),
                                  what_to_check=limits.fit(Checkpoint, "what_to_check", point.get("what_to_check", "")),
                                  photo_required=bool(point.get("photo_required")))
    audit.record(actor=by, action="safety.route.created", target=route, project=project,
                 data={"name": name, "kind": kind, "points": len(checkpoints), "every": route.interval_minutes})
    return route


def schedule_day(project: Project, day: dt.date) -> int:
    """The rounds of every active route on a day (idempotent); answers how many were new. A round already over
    when its route was created is not made (nobody could have walked it)."""
    made = 0
    for route in Route.objects.filter(project=project, active=True):
        for index in range(route.rounds_per_day):
            due_at = clock.at_beijing(day, route.first_at) + dt.timedelta(minutes=index * route.interval_minutes)
            if due_at + dt.timedelta(minutes=route.allowed_minutes) < route.created_at:
                continue
            _, created = Round.objects.get_or_create(
                route=route, due_at=due_at,
                defaults={"project": project, "due_by": due_at + dt.timedelta(minutes=route.allowed_minutes)})
            made += created
    return made


def find_checkpoint(*, token: str = "", short_code: str = "") -> Checkpoint:
    token, short_code = (token or "").strip(), (short_code or "").strip().upper()
    found = None
    if token:
        found = Checkpoint.objects.select_related("route__project").filter(token=token[:40]).first()
    elif short_code:
        found = Checkpoint.objects.select_related("route__project").filter(short_code=short_code[:8]).first()
    if found is None or not found.route.active:
        raise NotFound(_("No checkpoint has this code."), code="unknown_checkpoint", rule=RULE)
    return found


def _grace(project) -> dt.timedelta:
    return dt.timedelta(minutes=int(policies.value("safety.patrol.late_minutes", project)))


def _schedule_around(project: Project, now: dt.datetime) -> None:
    day = clock.beijing(now).date()
    schedule_day(project, day - dt.timedelta(days=1))  # a late-evening round runs past midnight
    schedule_day(project, day)


def _open_at(route: Route, now: dt.datetime):
    """(on time, in grace): the route's open rounds started by `now`, earliest first."""
    started = Round.objects.filter(route=route, status=RoundStatus.OPEN, due_at__lte=now).order_by("due_at")
    return started.filter(due_by__gte=now), started.filter(due_by__lt=now, due_by__gte=now - _grace(route.project))


def current_round(checkpoint: Checkpoint, now: dt.datetime | None = None) -> Round | None:
    """The round of the point's route open now: started, and not past its end plus the grace. A round still on
    time comes before one in its grace (a round opened for a duty round's walk is not made late by an older one)."""
    now = now or clock.now()
    route = checkpoint.route

    def first():
        on_time, in_grace = _open_at(route, now)
        return on_time.first() or in_grace.first()

    found = first()
    if found is None:  # the sweep has not made today's rounds yet
        _schedule_around(route.project, now)
        found = first()
    return found


@transaction.atomic
def sign_in(*, by: User, token: str = "", short_code: str = "", photo: bytes | None = None, photo_name: str = "",
            note: str = "", finding: str = "") -> Visit:
    """The patroller at a point: the server stamps the time (on time, or late after the round's end)."""
    from safety.services.fire import require_cleared_for_fire_duty

    checkpoint = find_checkpoint(token=token, short_code=short_code)
    project = checkpoint.route.project
    require_patroller(by, project)
    if checkpoint.route.kind in RouteKind.fire():
        require_cleared_for_fire_duty(by, project)
    note = limits.fit(Visit, "note", note)
    finding = limits.fit(Visit, "finding", finding)
    if checkpoint.photo_required and not photo:
        raise DomainError(_("This point asks for a photo."), code="photo_required", rule=RULE,
                          details={"field": "photo"})
    now = clock.now()
    current = current_round(checkpoint, now)
    if current is None:
        raise Conflict(_("No round of this route is due now."), code="no_round_due", rule=RULE)
    current = Round.objects.select_for_update().get(pk=current.pk)
    if Visit.objects.filter(round=current, checkpoint=checkpoint).exists():
        raise Conflict(_("This point has been signed in on this round."), code="already_signed_in", rule=RULE)
    visit = Visit.objects.create(round=current, checkpoint=checkpoint, visited_at=now, visited_by=by,
                                 result=VisitResult.LATE if now > current.due_by else VisitResult.ON_TIME,
                                 via=SignInVia.SCAN if token else SignInVia.TYPED, note=note, finding=finding)
    if photo:
        attachments.attach(target=visit, project=project, uploaded_by=by, name=photo_name or "checkpoint.jpg",
                           data=photo)
    audit.record(actor=by, action="safety.checkpoint.signed_in", target=visit, project=project,
                 data={"route": checkpoint.route.name, "point": checkpoint.name, "result": visit.result,
                       "via": visit.via, "finding": finding})
    return visit


def duty_route(project: Project) -> Route | None:
    """The route a duty round walks (DUTY-LOG-6): the project's active building patrol, first by name."""
    return Route.objects.filter(project=project, active=True, kind=RouteKind.BUILDING).order_by("name").first()


@audit.atomic()
def open_round_now(*, route: Route, by: User) -> Round:
    """The round of `route` open now for a patroller about to walk it (a duty round, DUTY-LOG-6): the scheduled one
    when one is due, else one opened from now for the route's allowed minutes — so the points can be scanned at
    any hour and a point left unscanned is missed and reported like any other (PATROL-1)."""
    require_patroller(by, route.project)
    now = clock.now()
    _schedule_around(route.project, now)
    current = _open_at(route, now)[0].first()
    if current is not None:
        return current
    rnd = Round.objects.create(project=route.project, route=route, due_at=now,
                               due_by=now + dt.timedelta(minutes=route.allowed_minutes))
    audit.record(actor=by, action="safety.round.opened", target=rnd, project=route.project,
                 data={"route": route.name, "due_by": rnd.due_by.isoformat()})
    return rnd


@transaction.atomic
def close_round(rnd: Round) -> Round:
    """A round past its end and grace: the points never signed in are missed; the supervisors are told."""
    rnd = Round.objects.select_for_update().select_related("route", "project").get(pk=rnd.pk)
    if rnd.status != RoundStatus.OPEN:
        return rnd
    visited = set(rnd.visits.values_list("checkpoint_id", flat=True))
    for point in rnd.route.checkpoints.exclude(pk__in=visited):
        Visit.objects.create(round=rnd, checkpoint=point, result=VisitResult.MISSED)
    rnd.missed = rnd.visits.filter(result=VisitResult.MISSED).count()
    rnd.late = rnd.visits.filter(result=VisitResult.LATE).count()
    rnd.status, rnd.closed_at = RoundStatus.CLOSED, clock.now()
    rnd.save(update_fields=["missed", "late", "status", "closed_at"])
    audit.record(actor=None, action="safety.round.closed", target=rnd, project=rnd.project,
                 data={"route": rnd.route.name, "missed": rnd.missed, "late": rnd.late})
    if rnd.missed or rnd.late:
        notify_each(project=rnd.project, people=staff_in_policy_roles(rnd.project, "safety.patrol.supervisor_roles"),
                    kind="safety.round_exceptions", link=reverse("safety:round", args=[rnd.pk]),
                    title=_("Patrol %(route)s at %(time)s: %(missed)s points missed, %(late)s late") % {
                        "route": rnd.route.name, "time": f"{clock.beijing(rnd.due_at):%m-%d %H:%M}",
                        "missed": rnd.missed, "late": rnd.late},
                    subject=f"safety.round:{rnd.pk}", dedupe_key=f"safety.round_exceptions:{rnd.pk}")
    return rnd


def close_due_rounds(project: Project) -> int:
    """Close every open round past its end and grace; answers how many."""
    rounds = Round.objects.filter(project=project, status=RoundStatus.OPEN,
                                  due_by__lt=clock.now() - _grace(project))
    return sum(1 for rnd in rounds if close_round(rnd))


@transaction.atomic
def act_on_finding(*, visit: Visit, by: User, outcome: str, deadline: dt.date | None = None) -> Visit:
    """One step from a finding: a fire hazard with its deadline, a repair at the desk, or a duty-log entry."""
    from safety.services.fire import register_hazard

    visit = Visit.objects.select_for_update().select_related("round__project", "checkpoint__route").filter(
        pk=getattr(visit, "pk", visit)).first()
    if visit is None:
        raise NotFound(_("No such record."), code="not_found")
    project = visit.round.project
    require_patroller(by, project)
    if not visit.finding:
        raise Conflict(_("Nothing was found at this point."), code="no_finding", rule=RULE)
    if visit.outcome:
        raise Conflict(_("This finding has already been acted on."), code="already_acted", rule=RULE)
    where = f"{visit.checkpoint.route.name} · {visit.checkpoint.name}"
    source = f"safety.visit:{visit.pk}"
    if outcome == FindingOutcome.HAZARD:
        hazard = register_hazard(project=project, by=by, source=HazardSource.PATROL, location=where,
                                 description=visit.finding, deadline=deadline)
        ref = hazard.number
    elif outcome == FindingOutcome.REPAIR:
        ref = handoffs.open_repair_from_finding(project=project, reported_by=by, description=visit.finding,
                                                location=where[:200], source_ref=source)
    elif outcome == FindingOutcome.DUTY_LOG:
        ref = str(handoffs.log_duty_note(LogNote(project=project, recorded_by=by, what_happened=visit.finding,
                                                 source=source, occurred_at=visit.visited_at, location=where)))
    else:
        raise DomainError(_("Choose what the finding becomes."), code="invalid_choice", rule=RULE,
                          details={"field": "outcome"})
    visit.outcome, visit.outcome_ref = outcome, str(ref)[:40]
    visit.save(update_fields=["outcome", "outcome_ref"])
    audit.record(actor=by, action="safety.finding.acted", target=visit, project=project,
                 data={"outcome": outcome, "document": visit.outcome_ref})
    return visit
