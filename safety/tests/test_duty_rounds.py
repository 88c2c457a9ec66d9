"""The duty desk's rounds walk the safety room's building patrol route (DUTY-LOG-6 with PATROL-1): the round shows
each checkpoint scanned, with its time, or missed; a missed point is a finding written to the duty log."""
from __future__ import annotations

import datetime as dt

import pytest

from core.testing.fixtures import login
from duty.models import DutyEntry, DutyRound
from duty.services import log_rounds
from duty.states import EntryKind
from safety.models import Round, Visit
from safety.services import patrols
from safety.states import RouteKind, VisitResult
from safety.tests.helpers import MORNING, at, route

pytestmark = pytest.mark.django_db
CLERK = "kefu1"


def ok(area):
    return {"area": area, "condition_ok": True, "hygiene_ok": True, "discipline_ok": True, "note": ""}


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("DUTY-LOG-6")
@pytest.mark.req("PATROL-1")
def test_a_duty_round_walks_the_building_route_and_keeps_each_point_scanned_or_missed(project, users, client):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60, points=3)  # due 09:00–10:00; it is 09:30
    a, b, c = r.checkpoints.all()
    duty_round = log_rounds.start_round(project=project, person=users[CLERK])
    scheduled = Round.objects.get(route=r, due_at=at(MORNING, 9, 0))
    assert duty_round.patrol_ref == f"safety.round:{scheduled.pk}" and duty_round.patrol_route == "楼宇巡检"
    patrols.sign_in(by=users[CLERK], token=a.token)
    patrols.sign_in(by=users[CLERK], short_code=b.short_code, finding="门禁失灵")
    live = log_rounds.walk_of(duty_round)
    assert [(p.name, p.scanned_at is not None) for p in live] == [("点1", True), ("点2", True), ("点3", False)]
    login(client, users[CLERK], project)
    html = client.get(f"/duty/log/rounds/{duty_round.pk}/").content.decode()
    assert "点3" in html and "门禁失灵" in html and "/safety/patrol/" in html

    done = log_rounds.finish_round(duty_round=duty_round, person=users[CLERK],
                                   checks=[ok(a) for a in log_rounds.areas_for(project)], lighting_ok=True)
    assert [(p["name"], bool(p["scanned_at"])) for p in done.checkpoints] == [
        ("点1", True), ("点2", True), ("点3", False)]
    assert done.checkpoints[1]["finding"] == "门禁失灵" and done.checkpoints[0]["scanned_by"]
    entry = DutyEntry.objects.get(kind=EntryKind.ROUND, source=f"duty.round:{done.pk}")
    assert "点3" in entry.what_happened and "点1" not in entry.what_happened
    # what the finished round shows stays as it stood, whatever is scanned afterwards
    patrols.sign_in(by=users["baoan1"], token=c.token)
    assert [p.scanned_at is None for p in log_rounds.walk_of(DutyRound.objects.get(pk=done.pk))] == [
        False, False, True]
    html = client.get(f"/duty/log/rounds/{done.pk}/").content.decode()
    assert "点3" in html and "badge overdue" in html
    body = client.get(f"/api/duty/log/rounds/{done.pk}/").json()
    assert body["patrol_route"] == "楼宇巡检" and [p["scanned_at"] is None for p in body["checkpoints"]] == [
        False, False, True]


@pytest.mark.req("DUTY-LOG-6")
@pytest.mark.req("PATROL-1")
def test_a_duty_round_outside_the_timetable_opens_a_round_of_its_own_and_scans_on_time(project, users, travel):
    r = route(project, users, first_at=dt.time(9, 0), allowed=60, points=2)
    travel(at(MORNING, 10, 5))  # the 09:00 round is in its grace (late scans only); the next is at 11:00
    duty_round = log_rounds.start_round(project=project, person=users[CLERK])
    own = Round.objects.get(route=r, due_at=at(MORNING, 10, 5))
    assert own.due_by == at(MORNING, 11, 5) and duty_round.patrol_ref == f"safety.round:{own.pk}"
    visit = patrols.sign_in(by=users[CLERK], token=r.checkpoints.first().token)
    assert visit.round_id == own.pk and visit.result == VisitResult.ON_TIME
    # the round opened for the walk closes like any other: the point never scanned is missed and reported
    travel(at(MORNING, 11, 30))
    patrols.close_due_rounds(project)
    own.refresh_from_db()
    assert own.missed == 1 and Visit.objects.filter(round=own, result=VisitResult.MISSED).count() == 1


@pytest.mark.req("DUTY-LOG-6")
def test_only_a_building_route_is_walked_on_a_duty_round(project, users):
    from safety.tests.helpers import cleared

    cleared(project, users, CLERK)
    route(project, users, kind=RouteKind.FIRE_KEY_AREA, name="重点部位", first_at=dt.time(9, 0), every=120)
    duty_round = log_rounds.start_round(project=project, person=users[CLERK])
    assert duty_round.patrol_ref == "" and log_rounds.walk_of(duty_round) == []
