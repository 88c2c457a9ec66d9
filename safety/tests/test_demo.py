"""The demo builds the safety room through its services: a round walked with a point left, equipment with tests
due, an authority's order, a crew's meeting signed (PATROL-1, FIRE-2, CREW-1)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import handoffs
from safety.demo import build_safety
from safety.models import EquipmentTest, Hazard, Meeting, Round, Visit
from safety.services import patrols
from safety.tests.helpers import MORNING, at


@pytest.mark.req("PATROL-1")
def test_the_demo_walks_a_round_and_leaves_one_point_to_be_missed(world, travel, project):
    travel(at(MORNING))
    build_safety(world)
    build_safety(world)  # idempotent
    rnd = Round.objects.get(project=project, route__name="消防重点部位")
    assert Visit.objects.filter(round=rnd).count() == 2
    assert patrols.duty_route(project).name == "楼宇巡检"  # what a duty round walks (DUTY-LOG-6)
    assert EquipmentTest.objects.filter(project=project).exists()
    assert Hazard.objects.filter(project=project, source="fire_authority").count() == 1
    assert Meeting.objects.get(project=project).status == "signed"
    travel(at(MORNING) + dt.timedelta(hours=2))
    patrols.close_due_rounds(project)
    rnd.refresh_from_db()
    assert rnd.missed == 1
    assert handoffs.handover_sections.gather(project)["safety_exceptions"][0]["missed"] == 1
