"""Decoration patrols by zone (组团) with violations followed to closure; the households under decoration known
to the duty desk for its holiday calls (DECOR-2, HOLIDAY-1)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import handoffs
from core.errors import Conflict, DomainError
from core.models import Notification
from siteoffice.models import Violation
from siteoffice.services import decoration, patrols
from siteoffice.states import Severity, ViolationStatus
from siteoffice.sweeps import decoration as sweep
from siteoffice.tests.decoration_helpers import apply, permitted, prices
from siteoffice.tests.helpers import MORNING, at, unit

DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def morning(travel, project, users):
    travel(at(MORNING))
    prices(project, users)


def zone_of(project, index: int = 4) -> str:
    return unit(project, index).building.zone


@pytest.mark.req("DECOR-2")
def test_a_patrol_of_a_zone_records_violations_only_of_decorations_under_way_there(project, users, unchanged):
    d = permitted(project, users)
    other_zone = next(u for u in range(16) if unit(project, u).building.zone != zone_of(project))
    elsewhere = permitted(project, users, index=other_zone)
    assert zone_of(project) and zone_of(project) != zone_of(project, other_zone)
    bad = [{"decoration": elsewhere, "description": "噪音", "severity": Severity.MINOR, "deadline": MORNING.date()}]
    with unchanged(d, elsewhere), pytest.raises(DomainError) as refused:
        patrols.record_patrol(project=project, zone=zone_of(project), by=users["kefu2"], violations=bad)
    assert refused.value.code == "invalid_choice"
    late = [{"decoration": d, "description": "噪音", "severity": Severity.MINOR, "deadline": MORNING.date() - DAY}]
    with unchanged(d), pytest.raises(DomainError) as refused:
        patrols.record_patrol(project=project, zone=zone_of(project), by=users["kefu2"], violations=late)
    assert refused.value.code == "invalid_date"
    patrol = patrols.record_patrol(project=project, zone=zone_of(project), by=users["gongcheng1"], violations=[
        {"decoration": d, "description": "楼道堆放垃圾", "severity": Severity.MINOR, "deadline": MORNING.date()}])
    assert patrol.households == 1 and patrol.violations.get().status == ViolationStatus.OPEN


@pytest.mark.req("DECOR-2")
def test_a_violation_is_rectified_then_rechecked_a_failed_recheck_reopens_it(project, users, unchanged):
    d = permitted(project, users)
    patrol = patrols.record_patrol(project=project, zone=zone_of(project), by=users["kefu2"], violations=[
        {"decoration": d, "description": "私拆外墙", "severity": Severity.SERIOUS, "deadline": MORNING.date()}])
    v = patrol.violations.get()
    assert Notification.objects.filter(kind="siteoffice.violation_serious", recipient=users["kfzg"]).exists()
    with unchanged(v), pytest.raises(Conflict) as refused:
        patrols.recheck(violation=v, by=users["kefu2"], passed=True)
    assert refused.value.code == "not_rectified"
    with unchanged(v), pytest.raises(DomainError) as refused:
        patrols.rectify(violation=v, by=users["kefu2"], note="")
    assert refused.value.code == "required"
    v = patrols.rectify(violation=v, by=users["kefu2"], note="已恢复")
    with unchanged(v), pytest.raises(Conflict) as refused:
        patrols.rectify(violation=v, by=users["kefu2"], note="再次")
    assert refused.value.code == "not_open"
    with unchanged(v), pytest.raises(DomainError) as refused:
        patrols.recheck(violation=v, by=users["kefu1"], passed=False, note="")
    assert refused.value.code == "required"
    v = patrols.recheck(violation=v, by=users["kefu1"], passed=False, note="外墙仍未恢复")
    assert v.status == ViolationStatus.OPEN
    patrols.rectify(violation=v, by=users["kefu2"], note="已恢复原状")
    assert patrols.recheck(violation=v, by=users["kefu1"], passed=True).status == ViolationStatus.CLOSED


@pytest.mark.req("DECOR-2")
def test_the_sweep_chases_a_violation_past_its_deadline_and_a_permit_running_out(project, users, travel):
    d = permitted(project, users, days=4)
    patrols.record_patrol(project=project, zone=zone_of(project), by=users["kefu2"], violations=[
        {"decoration": d, "description": "占用楼道", "severity": Severity.MINOR, "deadline": MORNING.date()}])
    assert sweep.sweep_project(project) == 0  # the permit has 4 days left (> 3) and the deadline is today
    travel(at(MORNING.date() + DAY))
    assert sweep.sweep_project(project) > 0
    assert Notification.objects.filter(kind="siteoffice.violation_overdue", recipient=users["kfzg"]).exists()
    assert Notification.objects.filter(kind="siteoffice.permit_expiring", recipient=users["kefu1"]).exists()
    Violation.objects.update(status=ViolationStatus.CLOSED)
    before = Notification.objects.filter(kind="siteoffice.violation_overdue").count()
    travel(at(MORNING.date() + 2 * DAY))
    sweep.sweep_project(project)
    assert Notification.objects.filter(kind="siteoffice.violation_overdue").count() == before


@pytest.mark.req("DECOR-2", "HOLIDAY-1")
def test_the_households_under_decoration_are_the_permitted_ones_over_the_period(project, users):
    d = permitted(project, users, days=10)
    apply(project, users, index=5, structural=False)  # applied, not permitted: not under decoration
    found = handoffs.households_under_decoration(project, MORNING.date() + 5 * DAY, MORNING.date() + 7 * DAY)
    assert [(h.unit, h.contact_name, h.source) for h in found] == [(d.unit, "赵先生", f"siteoffice.decoration:{d.pk}")]
    assert handoffs.households_under_decoration(project, MORNING.date() + 11 * DAY, MORNING.date() + 12 * DAY) == []
    decoration.accept(decoration=d, inspector=users["gongcheng1"], passed=True, note="合格")
    assert handoffs.households_under_decoration(project, MORNING.date(), MORNING.date()) == []
