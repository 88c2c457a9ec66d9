"""Patrol rounds by checkpoint (PATROL-1; FIRE-1 key fire areas every 2 hours; FIRE-5 evacuation routes)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import attachments, handoffs
from core.demo import tiny_png
from core.errors import DomainError
from core.models import Notification
from safety.models import Checkpoint, Hazard, Round, Visit
from safety.services import patrols
from safety.states import FindingOutcome, HazardStatus, RouteKind, SignInVia, VisitResult
from safety.sweeps import sweep_project
from safety.tests.helpers import GUARD, MORNING, at, cleared, route

MIN = dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("PATROL-1")
def test_a_checkpoint_code_is_random_and_says_nothing_about_the_place(project, users):
    r = route(project, users, points=3)
    points = list(r.checkpoints.all())
    assert len({p.token for p in points}) == 3 and len({p.short_code for p in points}) == 3
    for p in points:
        assert len(p.token) >= 20 and p.name not in p.token and r.name not in p.token
        assert len(p.short_code) == 6 and p.short_code.isalnum()
    assert Checkpoint.objects.filter(route=r, token__contains=str(project.code)).count() == 0


@pytest.mark.req("PATROL-1")
def test_the_patroller_signs_in_by_scan_or_typed_code_and_the_server_stamps_the_time(project, users, travel,
                                                                                      unchanged):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60)
    a, b, c = r.checkpoints.all()
    visit = patrols.sign_in(by=users[GUARD], token=a.token)
    assert visit.visited_at == at(MORNING) and visit.result == VisitResult.ON_TIME and visit.via == SignInVia.SCAN
    travel(at(MORNING, 10, 5))  # after the round's end (10:00), within the grace: late
    visit = patrols.sign_in(by=users[GUARD], short_code=b.short_code.lower())
    assert visit.result == VisitResult.LATE and visit.via == SignInVia.TYPED
    with unchanged(visit), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users[GUARD], short_code=b.short_code)
    assert refused.value.code == "already_signed_in"
    with unchanged(), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users[GUARD], short_code="ZZZZZZ")
    assert refused.value.code == "unknown_checkpoint"
    with unchanged(), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users["dangan"], token=c.token)  # an archivist does not patrol
    assert refused.value.code == "role_not_allowed"
    travel(at(MORNING, 10, 20))  # past the grace of the 09:00 round, before the 11:00 one: nothing due
    with unchanged(), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users[GUARD], token=c.token)
    assert refused.value.code == "no_round_due"


@pytest.mark.req("PATROL-1")
def test_a_point_that_asks_for_a_photo_is_refused_without_one(project, users, unchanged):
    r = route(project, users, points=2, photo_at=(2,))
    second = r.checkpoints.get(order=2)
    with unchanged(), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users[GUARD], token=second.token)
    assert refused.value.code == "photo_required"
    visit = patrols.sign_in(by=users[GUARD], token=second.token, photo=tiny_png(), photo_name="p.png")
    assert attachments.attachments_of(visit).count() == 1


@pytest.mark.req("PATROL-1")
def test_missed_and_late_points_are_reported_to_the_supervisor(project, users, travel):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60, points=3)
    a, b, _c = r.checkpoints.all()
    patrols.sign_in(by=users[GUARD], token=a.token)
    travel(at(MORNING, 10, 10))
    patrols.sign_in(by=users[GUARD], token=b.token)  # late
    sweep_project(project)
    rnd = Round.objects.get(route=r, due_at=at(MORNING, 9, 0))
    assert rnd.status == "open"  # still within the grace
    travel(at(MORNING, 10, 16))
    sweep_project(project)
    rnd.refresh_from_db()
    assert (rnd.status, rnd.missed, rnd.late) == ("closed", 1, 1)
    assert Visit.objects.get(round=rnd, checkpoint=_c).result == VisitResult.MISSED
    assert Notification.objects.filter(kind="safety.round_exceptions", recipient=users["baz"]).exists()
    assert Notification.objects.filter(kind="safety.round_exceptions", recipient=users["kfzg"]).exists()
    before = Notification.objects.filter(kind="safety.round_exceptions").count()
    sweep_project(project)  # a closed round is not closed again nor reported twice
    assert Notification.objects.filter(kind="safety.round_exceptions").count() == before
    assert Visit.objects.filter(round=rnd, result=VisitResult.MISSED).count() == 1


@pytest.mark.req("PATROL-1")
def test_a_round_walked_in_full_on_time_is_not_reported(project, users, travel):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60, points=2)
    for p in r.checkpoints.all():
        patrols.sign_in(by=users[GUARD], token=p.token)
    travel(at(MORNING, 11, 0))
    patrols.close_due_rounds(project)
    rnd = Round.objects.get(route=r, due_at=at(MORNING, 9, 0))
    assert (rnd.status, rnd.missed, rnd.late) == ("closed", 0, 0)
    assert not Notification.objects.filter(kind="safety.round_exceptions").exists()


@pytest.mark.req("PATROL-1", "FIRE-1")
def test_a_finding_becomes_a_hazard_a_repair_or_a_duty_log_entry_in_one_step(project, users, unchanged):
    from desk.models import Repair
    from duty.models import DutyEntry

    r = route(project, users, points=4)
    p1, p2, p3, p4 = r.checkpoints.all()
    v1 = patrols.sign_in(by=users[GUARD], token=p1.token, finding="消防通道堆放杂物")
    v2 = patrols.sign_in(by=users[GUARD], token=p2.token, finding="楼道灯不亮")
    v3 = patrols.sign_in(by=users[GUARD], token=p3.token, finding="陌生人逗留")
    v4 = patrols.sign_in(by=users[GUARD], token=p4.token)
    with unchanged(v4), pytest.raises(DomainError) as refused:
        patrols.act_on_finding(visit=v4, by=users[GUARD], outcome=FindingOutcome.DUTY_LOG)
    assert refused.value.code == "no_finding"
    with unchanged(v1), pytest.raises(DomainError) as refused:
        patrols.act_on_finding(visit=v1, by=users[GUARD], outcome=FindingOutcome.HAZARD,
                               deadline=MORNING.date() - dt.timedelta(days=1))
    assert refused.value.code == "invalid_date"
    v1 = patrols.act_on_finding(visit=v1, by=users[GUARD], outcome=FindingOutcome.HAZARD,
                                deadline=MORNING.date() + dt.timedelta(days=2))
    hazard = Hazard.objects.get(number=v1.outcome_ref)
    assert hazard.status == HazardStatus.OPEN and hazard.description == "消防通道堆放杂物" and p1.name in hazard.location
    v2 = patrols.act_on_finding(visit=v2, by=users[GUARD], outcome=FindingOutcome.REPAIR)
    repair = Repair.objects.get(serial=v2.outcome_ref)
    assert repair.source_ref == f"safety.visit:{v2.pk}" and repair.public_area
    v3 = patrols.act_on_finding(visit=v3, by=users[GUARD], outcome=FindingOutcome.DUTY_LOG)
    entry = DutyEntry.objects.get(pk=int(v3.outcome_ref))
    assert entry.kind == "round" and entry.source == f"safety.visit:{v3.pk}"
    with unchanged(v3), pytest.raises(DomainError) as refused:
        patrols.act_on_finding(visit=v3, by=users[GUARD], outcome=FindingOutcome.HAZARD,
                               deadline=MORNING.date())
    assert refused.value.code == "already_acted"
    assert handoffs.open_repair_from_finding.provided and handoffs.log_duty_note.provided


@pytest.mark.req("FIRE-1")
def test_key_fire_areas_are_patrolled_at_least_every_two_hours(project, users, unchanged, travel):
    travel(at(MORNING, 0, 0))  # the route set up at the start of the day
    with unchanged(), pytest.raises(DomainError) as refused:
        route(project, users, kind=RouteKind.FIRE_KEY_AREA, every=180, rounds=8)
    assert refused.value.code == "interval_too_long"
    r = route(project, users, kind=RouteKind.FIRE_KEY_AREA, name="重点部位", first_at=dt.time(0, 0), every=120,
              rounds=12, allowed=30)
    assert patrols.schedule_day(project, MORNING.date()) == 12
    due = sorted(Round.objects.filter(route=r).values_list("due_at", flat=True))
    assert all(b - a == dt.timedelta(hours=2) for a, b in zip(due, due[1:]))


@pytest.mark.req("FIRE-3", "FIRE-1")
def test_a_fire_patrol_is_walked_only_by_someone_who_passed_the_fire_test(project, users, unchanged):
    r = route(project, users, kind=RouteKind.FIRE_DAILY, name="每日防火巡查", every=1440, rounds=1, allowed=180)
    point = r.checkpoints.first()
    with unchanged(), pytest.raises(DomainError) as refused:
        patrols.sign_in(by=users[GUARD], token=point.token)
    assert refused.value.code == "fire_test_required"
    cleared(project, users, GUARD)
    assert patrols.sign_in(by=users[GUARD], token=point.token).result == VisitResult.ON_TIME


@pytest.mark.req("FIRE-5")
def test_a_locked_exit_on_the_evacuation_check_becomes_a_hazard(project, users):
    cleared(project, users, GUARD)
    r = route(project, users, kind=RouteKind.EVACUATION, name="疏散通道检查", every=1440, rounds=1, allowed=180,
              points=2)
    exit_point = r.checkpoints.first()
    visit = patrols.sign_in(by=users[GUARD], token=exit_point.token, finding="安全出口上锁")
    visit = patrols.act_on_finding(visit=visit, by=users[GUARD], outcome=FindingOutcome.HAZARD,
                                   deadline=MORNING.date())
    hazard = Hazard.objects.get(number=visit.outcome_ref)
    assert hazard.source == "patrol" and hazard.deadline == MORNING.date()
    assert Checkpoint.objects.filter(route=r).count() == 2


@pytest.mark.req("PATROL-1")
def test_a_late_evening_round_is_walked_past_midnight_even_on_new_years_eve(project, users, travel):
    travel(at(dt.date(2026, 12, 31), 12, 0))
    r = route(project, users, name="夜间巡查", first_at=dt.time(23, 30), every=60, rounds=1, allowed=60, points=1)
    travel(at(dt.date(2027, 1, 1), 0, 10))
    visit = patrols.sign_in(by=users[GUARD], token=r.checkpoints.get().token)
    assert visit.result == VisitResult.ON_TIME and visit.round.due_at == at(dt.date(2026, 12, 31), 23, 30)


@pytest.mark.req("PATROL-1")
def test_a_new_route_has_no_rounds_that_were_over_before_it_existed(project, users, travel):
    r = route(project, users, first_at=dt.time(1, 0), every=120, rounds=12, allowed=60, points=1)
    assert patrols.schedule_day(project, MORNING.date() - dt.timedelta(days=1)) == 0
    patrols.schedule_day(project, MORNING.date())
    first = Round.objects.filter(route=r).order_by("due_at").first()
    assert first.due_at == at(MORNING, 9, 0)  # the 01:00 … 07:00 rounds were over when it was made
    travel(at(MORNING, 10, 30))
    assert patrols.close_due_rounds(project) == 1
    assert Round.objects.get(route=r, due_at=at(MORNING, 9, 0)).missed == 1


@pytest.mark.req("STAFF-3", "PATROL-1")
def test_the_patrollers_missed_and_late_points_reach_their_appraisal(project, users, travel):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60, points=3)
    a, b, _c = r.checkpoints.all()
    patrols.sign_in(by=users[GUARD], token=a.token)
    travel(at(MORNING, 10, 10))
    patrols.sign_in(by=users[GUARD], token=b.token)  # late
    travel(at(MORNING, 10, 16))
    sweep_project(project)
    start, end = at(MORNING, 0, 0) - dt.timedelta(days=1), at(MORNING, 0, 0) + dt.timedelta(days=2)
    gathered = {m.code: m for m in handoffs.appraisal_measures.gather(project, users[GUARD], start, end)
                .get("safety", [])}
    assert gathered["safety.missed_points"].count == 1 and gathered["safety.late_points"].count == 1
    assert gathered["safety.missed_points"].documents
    # Someone who walked nothing answers for nothing.
    other = {m.code: m.count for m in handoffs.appraisal_measures.gather(project, users["baz"], start, end)
             .get("safety", [])}
    assert other == {"safety.missed_points": 0, "safety.late_points": 0}
