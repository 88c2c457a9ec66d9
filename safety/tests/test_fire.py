"""Fire safety: hazards followed to closure, the monthly inspection signed, the equipment test calendar, training,
drills, new staff's test, the volunteer brigade, the fire authority's orders (FIRE-1..6)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import signatures
from core.errors import DomainError
from core.models import Notification
from core.testing.fixtures import PASSWORD
from safety.models import EquipmentTest, Hazard, Inspection
from safety.services import fire
from safety.states import DueStatus, EquipmentKind, ExerciseKind, HazardSource, HazardStatus
from safety.sweeps import sweep_project
from safety.tests.helpers import GUARD, MORNING, OFFICER, at, cleared

DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


def hazard(project, users, *, days=3, source=HazardSource.OTHER, **kw):
    return fire.register_hazard(project=project, by=users[OFFICER], source=source, location="地下车库",
                                description="防火门常开", deadline=MORNING.date() + days * DAY, **kw)


@pytest.mark.req("FIRE-1")
def test_a_hazard_gets_a_deadline_and_a_notice_number(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        hazard(project, users, days=-1)
    assert refused.value.code == "invalid_date"
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.register_hazard(project=project, by=users["kefu1"], source=HazardSource.OTHER, location="x",
                             description="y", deadline=MORNING.date())
    assert refused.value.code == "role_not_allowed"
    first, second = hazard(project, users), hazard(project, users)
    assert (first.number, second.number) == ("YH-2026-0001", "YH-2026-0002")


@pytest.mark.req("FIRE-1")
def test_a_hazard_is_followed_to_closure_rechecked_by_someone_else(project, users, two_roles, unchanged):
    h = hazard(project, users)
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.recheck(hazard=h, by=users["gczg"], passed=True)
    assert refused.value.code == "not_rectified"
    both = two_roles(users["gczg"], "security_guard")  # an engineering head who also patrols
    h = fire.rectify(hazard=h, by=both, note="已清理")
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.recheck(hazard=h, by=both, passed=True)
    assert refused.value.code == "own_rectification"
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.recheck(hazard=h, by=users[OFFICER], passed=False, note="")
    assert refused.value.code == "required"
    h = fire.recheck(hazard=h, by=users[OFFICER], passed=False, note="仍有杂物")
    assert h.status == HazardStatus.OPEN
    h = fire.rectify(hazard=h, by=users[GUARD], note="已彻底清理")
    h = fire.recheck(hazard=h, by=users[OFFICER], passed=True)
    assert h.status == HazardStatus.CLOSED and h.closed_by == users[OFFICER]


@pytest.mark.req("FIRE-1")
def test_the_sweep_chases_a_hazard_past_its_deadline_until_it_is_rectified(project, users, travel):
    h = hazard(project, users, days=0)
    sweep_project(project)
    assert not Notification.objects.filter(kind="safety.hazard_overdue").exists()
    travel(at(MORNING.date() + DAY))
    sweep_project(project)
    assert Notification.objects.filter(kind="safety.hazard_overdue", recipient=users[OFFICER]).exists()
    fire.rectify(hazard=h, by=users[GUARD], note="已清理")
    before = Notification.objects.filter(kind="safety.hazard_overdue").count()
    travel(at(MORNING.date() + 2 * DAY))
    sweep_project(project)
    assert Notification.objects.filter(kind="safety.hazard_overdue").count() == before


@pytest.mark.req("FIRE-1")
def test_the_monthly_inspection_is_signed_with_the_inspectors_password_once_a_month(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.record_inspection(project=project, by=users[OFFICER], password="wrong", areas="泵房、配电房")
    assert refused.value.code == "bad_credentials"
    inspection = fire.record_inspection(project=project, by=users[OFFICER], password=PASSWORD, areas="泵房、配电房",
                                        findings="一处", hazards=[{"location": "配电房", "description": "灭火器过期",
                                                                  "deadline": MORNING.date() + DAY}])
    sig = signatures.signatures_of(inspection).get()
    assert sig.signer == users[OFFICER] and sig.capacity == fire.INSPECTOR
    assert inspection.month == dt.date(2026, 3, 1) and inspection.number == "FHJC-2026-0001"
    assert Hazard.objects.get(source=HazardSource.INSPECTION).description == "灭火器过期"
    with unchanged(inspection), pytest.raises(DomainError) as refused:
        fire.record_inspection(project=project, by=users[OFFICER], password=PASSWORD, areas="再查")
    assert refused.value.code == "already_inspected"
    assert Inspection.objects.count() == 1


def _equipment(project, users, kind, installed):
    return fire.add_equipment(project=project, by=users[OFFICER], kind=kind, label=f"{kind}-1", location="泵房",
                              installed_on=installed)


@pytest.mark.req("FIRE-2")
def test_the_calendar_generates_each_kinds_tests_at_its_interval(project, users):
    start = dt.date(2025, 1, 15)
    for kind in EquipmentKind.values:
        _equipment(project, users, kind, start)
    fire.schedule_tests(project, dt.date(2026, 1, 15))
    dues = {kind: sorted(EquipmentTest.objects.filter(equipment__kind=kind).values_list("due_on", flat=True))
            for kind in EquipmentKind.values}
    assert dues[EquipmentKind.DETECTOR] == [dt.date(2026, 1, 15)]  # yearly
    assert len(dues[EquipmentKind.PUMP]) == 12 and dues[EquipmentKind.PUMP][0] == dt.date(2025, 2, 15)  # monthly
    assert dues[EquipmentKind.HYDRANT] == [dt.date(2025, 4, 15), dt.date(2025, 7, 15), dt.date(2025, 10, 15),
                                           dt.date(2026, 1, 15)]  # quarterly
    for kind in (EquipmentKind.PRESSURISATION, EquipmentKind.SMOKE_EXHAUST, EquipmentKind.EXTINGUISHER):
        assert dues[kind] == [dt.date(2025, 7, 15), dt.date(2026, 1, 15)]  # half-yearly, twice a year
    assert fire.schedule_tests(project, dt.date(2026, 1, 15)) == 0  # idempotent


@pytest.mark.req("FIRE-2")
def test_a_month_end_installation_keeps_its_day_where_the_month_allows(project, users):
    _equipment(project, users, EquipmentKind.PUMP, dt.date(2025, 1, 31))
    fire.schedule_tests(project, dt.date(2025, 4, 30))
    assert sorted(EquipmentTest.objects.values_list("due_on", flat=True)) == [
        dt.date(2025, 2, 28), dt.date(2025, 3, 31), dt.date(2025, 4, 30)]


@pytest.mark.req("FIRE-2")
def test_a_test_not_done_by_its_day_is_flagged_missed_and_reported(project, users, travel, unchanged):
    _equipment(project, users, EquipmentKind.PUMP, dt.date(2026, 2, 10))
    sweep_project(project)
    test = EquipmentTest.objects.get(due_on=MORNING.date())
    assert test.status == DueStatus.DUE
    travel(at(MORNING.date() + DAY))
    sweep_project(project)
    test.refresh_from_db()
    assert test.status == DueStatus.MISSED
    assert Notification.objects.filter(kind="safety.test_missed", recipient=users[OFFICER]).exists()
    with unchanged(test), pytest.raises(DomainError) as refused:
        fire.record_test(test=test, by=users[GUARD], passed=True, result="")
    assert refused.value.code == "role_not_allowed"
    test = fire.record_test(test=test, by=users[OFFICER], passed=False, result="压力不足")
    assert test.status == DueStatus.DONE and test.passed is False
    assert Hazard.objects.get(project=project).description.endswith("压力不足")  # a failed test is a hazard
    with unchanged(test), pytest.raises(DomainError) as refused:
        fire.record_test(test=test, by=users[OFFICER], passed=True, result="")
    assert refused.value.code == "already_tested"


@pytest.mark.req("FIRE-3")
def test_training_twice_a_year_and_drills_every_half_year_or_they_are_overdue(project, users, travel, unchanged):
    assert ExerciseKind.TRAINING in fire.exercises_overdue(project)
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.record_exercise(project=project, by=users[OFFICER], kind=ExerciseKind.TRAINING,
                             held_on=MORNING.date() + DAY, topic="灭火器使用", attendees=12)
    assert refused.value.code == "invalid_date"
    fire.record_exercise(project=project, by=users[OFFICER], kind=ExerciseKind.TRAINING, held_on=MORNING.date(),
                         topic="灭火器使用", attendees=12)
    fire.record_exercise(project=project, by=users[OFFICER], kind=ExerciseKind.DRILL, held_on=MORNING.date(),
                         topic="疏散演练", attendees=30)
    overdue = fire.exercises_overdue(project)
    assert ExerciseKind.TRAINING not in overdue and ExerciseKind.DRILL not in overdue
    travel(at(MORNING.date() + 185 * DAY))  # more than half a year later
    overdue = fire.exercises_overdue(project)
    assert ExerciseKind.TRAINING in overdue and ExerciseKind.DRILL in overdue
    sweep_project(project)
    assert Notification.objects.filter(kind="safety.exercise_overdue", recipient=users[OFFICER]).exists()


@pytest.mark.req("FIRE-3")
def test_new_staff_pass_the_fire_test_before_duty(project, users, unchanged):
    failed = fire.record_fire_test(project=project, examiner=users[OFFICER], person=users[GUARD], score=59)
    assert failed.passed is False and not fire.cleared_for_fire_duty(users[GUARD], project)
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.require_cleared_for_fire_duty(users[GUARD], project)
    assert refused.value.code == "fire_test_required"
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.record_fire_test(project=project, examiner=users[OFFICER], person=users[GUARD], score=101)
    assert refused.value.code == "invalid_number"
    fire.record_fire_test(project=project, examiner=users[OFFICER], person=users[GUARD], score=60)
    assert fire.cleared_for_fire_duty(users[GUARD], project)


@pytest.mark.req("FIRE-4")
def test_the_volunteer_brigade_takes_tested_staff_and_trains_quarterly(project, users, travel, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        fire.add_brigade_member(project=project, by=users[OFFICER], person=users[GUARD], duty="水枪手")
    assert refused.value.code == "fire_test_required"
    cleared(project, users, GUARD)
    fire.add_brigade_member(project=project, by=users[OFFICER], person=users[GUARD], duty="水枪手")
    with pytest.raises(DomainError) as refused:
        fire.add_brigade_member(project=project, by=users[OFFICER], person=users[GUARD], duty="水枪手")
    assert refused.value.code == "duplicate"
    fire.record_exercise(project=project, by=users[OFFICER], kind=ExerciseKind.BRIGADE_TRAINING,
                         held_on=MORNING.date(), topic="水带连接", attendees=6)
    fire.record_exercise(project=project, by=users[OFFICER], kind=ExerciseKind.BRIGADE_DRILL,
                         held_on=MORNING.date(), topic="疏散引导", attendees=6)
    assert ExerciseKind.BRIGADE_TRAINING not in fire.exercises_overdue(project)
    travel(at(MORNING.date() + 95 * DAY))  # over a quarter: training is due again, the half-year drill is not
    overdue = fire.exercises_overdue(project)
    assert ExerciseKind.BRIGADE_TRAINING in overdue and ExerciseKind.BRIGADE_DRILL not in overdue


@pytest.mark.req("FIRE-6")
def test_an_authoritys_order_is_rectified_answered_in_writing_then_closed(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        hazard(project, users, source=HazardSource.FIRE_AUTHORITY, reply_due=MORNING.date() + 5 * DAY)
    assert refused.value.code == "required"  # the order's number
    h = hazard(project, users, source=HazardSource.FIRE_AUTHORITY, order_number="消防责令〔2026〕3号",
               reply_due=MORNING.date() + 5 * DAY)
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.reply_in_writing(hazard=h, by=users[OFFICER], text="已整改")
    assert refused.value.code == "not_rectified"
    h = fire.rectify(hazard=h, by=users[GUARD], note="已清理")
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.recheck(hazard=h, by=users[OFFICER], passed=True)
    assert refused.value.code == "reply_missing"
    h = fire.reply_in_writing(hazard=h, by=users[OFFICER], text="关于消防责令〔2026〕3号的复函：已整改完毕")
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.reply_in_writing(hazard=h, by=users[OFFICER], text="再复")
    assert refused.value.code == "already_replied"
    assert fire.recheck(hazard=h, by=users[OFFICER], passed=True).status == HazardStatus.CLOSED
    other = hazard(project, users)
    other = fire.rectify(hazard=other, by=users[GUARD], note="ok")
    with unchanged(other), pytest.raises(DomainError) as refused:
        fire.reply_in_writing(hazard=other, by=users[OFFICER], text="x")
    assert refused.value.code == "not_ordered"


@pytest.mark.req("FIRE-6")
def test_a_reply_not_sent_by_its_day_is_reported(project, users, travel):
    hazard(project, users, source=HazardSource.FIRE_AUTHORITY, order_number="责令1号", days=10,
           reply_due=MORNING.date())
    sweep_project(project)
    assert not Notification.objects.filter(kind="safety.reply_overdue").exists()
    travel(at(MORNING.date() + DAY))
    sweep_project(project)
    assert Notification.objects.filter(kind="safety.reply_overdue", recipient=users[OFFICER]).exists()


@pytest.mark.req("FIRE-6")
def test_a_hazard_the_site_cannot_fix_is_reported_upward_with_a_plan(project, users, unchanged):
    h = hazard(project, users)
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.report_up(hazard=h, by=users[OFFICER], plan="")
    assert refused.value.code == "required"
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.report_up(hazard=h, by=users[GUARD], plan="报公司")
    assert refused.value.code == "role_not_allowed"
    h = fire.report_up(hazard=h, by=users[OFFICER], plan="需更换消防主机，报公司立项，30日内完成")
    assert h.status == HazardStatus.REPORTED_UP and h.reported_up_at is not None
    with unchanged(h), pytest.raises(DomainError) as refused:
        fire.report_up(hazard=h, by=users[OFFICER], plan="again")
    assert refused.value.code == "invalid_state"
    h = fire.rectify(hazard=h, by=users["gczg"], note="已更换")
    assert fire.recheck(hazard=h, by=users[OFFICER], passed=True).status == HazardStatus.CLOSED
