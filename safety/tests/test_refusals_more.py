"""Refusals of the safety room no other test drives: each asserts its stable code and that nothing changed."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from safety.models import Checkpoint, EquipmentTest, Hazard, Route
from safety.services import fire
from safety.states import DueStatus, EquipmentKind, HazardSource, HazardStatus, RouteKind
from safety.tests.helpers import GUARD, MORNING, OFFICER, at, route


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("PATROL-1")
def test_a_route_without_checkpoints_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        route(project, users, points=0)
    assert refused.value.code == "checkpoints_required"
    assert not Route.objects.exists() and not Checkpoint.objects.exists()


@pytest.mark.req("PATROL-1")
@pytest.mark.parametrize("every, rounds, allowed", [
    (0, 4, 60),     # no interval
    (120, 0, 60),   # no round
    (120, 4, 0),    # no time to walk it
    (120, 13, 60),  # thirteen rounds two hours apart run past the day
])
def test_a_route_with_an_impossible_timetable_is_refused(project, users, unchanged, every, rounds, allowed):
    with unchanged(), pytest.raises(DomainError) as refused:
        route(project, users, kind=RouteKind.BUILDING, every=every, rounds=rounds, allowed=allowed)
    assert refused.value.code == "invalid_timetable"
    assert not Route.objects.exists() and not Checkpoint.objects.exists()


@pytest.mark.req("FIRE-2")
def test_a_test_more_than_a_month_ahead_is_not_recorded(project, users, unchanged):
    fire.add_equipment(project=project, by=users[OFFICER], kind=EquipmentKind.PUMP, label="泵-1", location="泵房",
                       installed_on=dt.date(2026, 3, 1))
    fire.schedule_tests(project, dt.date(2026, 6, 1))
    test = EquipmentTest.objects.get(due_on=dt.date(2026, 5, 1))  # 52 days after this morning
    with unchanged(test), pytest.raises(Conflict) as refused:
        fire.record_test(test=test, by=users[OFFICER], passed=True, result="")
    assert refused.value.code == "not_due"
    test.refresh_from_db()
    assert test.status == DueStatus.DUE and test.tested_at is None and test.passed is None


@pytest.mark.req("FIRE-1")
def test_a_hazard_is_rectified_only_by_a_member_of_its_project(project, users, unchanged):
    hazard = fire.register_hazard(project=project, by=users[OFFICER], source=HazardSource.OTHER, location="地下车库",
                                  description="防火门常开", deadline=MORNING.date() + dt.timedelta(days=3))
    with unchanged(hazard), pytest.raises(NotAllowed) as refused:
        fire.rectify(hazard=hazard, by=users["bj_" + GUARD], note="已清理")  # a guard of the other project
    assert refused.value.code == "not_member"
    hazard.refresh_from_db()
    assert hazard.status != HazardStatus.RECTIFIED and hazard.rectified_by is None and not hazard.rectification
    assert Hazard.objects.count() == 1
