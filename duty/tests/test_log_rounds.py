"""Rounds during duty (DUTY-LOG-6)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from duty.models import DutyEntry, DutyRound
from duty.services import log_rounds
from duty.states import EntryKind


def ok(area, **failed):
    return {"area": area, "condition_ok": True, "hygiene_ok": True, "discipline_ok": True, "note": "", **failed}


@pytest.mark.req("DUTY-LOG-6")
def test_the_round_areas_come_from_the_policy(project):
    assert log_rounds.areas_for(project) == ["管理区域", "公共区域", "售楼处", "银行", "会所", "绿化"]


@pytest.mark.req("DUTY-LOG-6")
def test_a_failed_check_writes_a_round_entry_by_itself(project, users):
    r = log_rounds.start_round(project=project, person=users["kefu1"])
    done = log_rounds.finish_round(duty_round=r, person=users["kefu1"], lighting_ok=False,
                                   checks=[ok("会所", hygiene_ok=False, note="泳池边有垃圾"), ok("银行")])
    assert done.finished_at and done.lighting_checked and done.lighting_ok is False
    e = DutyEntry.objects.get(kind=EntryKind.ROUND)
    assert e.source == f"duty.round:{r.pk}" and "会所" in e.what_happened and "泳池边有垃圾" in e.what_happened
    assert log_rounds.entry_of(done) == e


@pytest.mark.req("DUTY-LOG-6")
def test_a_clean_round_writes_no_entry(project, users):
    r = log_rounds.start_round(project=project, person=users["kefu1"])
    log_rounds.finish_round(duty_round=r, person=users["kefu1"], checks=[ok(a) for a in log_rounds.areas_for(project)],
                            lighting_ok=True)
    assert not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-6")
def test_one_open_round_per_person(project, users):
    log_rounds.start_round(project=project, person=users["kefu1"])
    with pytest.raises(Conflict) as info:
        log_rounds.start_round(project=project, person=users["kefu1"])
    assert info.value.code == "round_open" and DutyRound.objects.count() == 1
    log_rounds.start_round(project=project, person=users["kefu2"])


@pytest.mark.req("DUTY-LOG-6")
def test_unknown_areas_and_other_people_are_refused(project, users):
    r = log_rounds.start_round(project=project, person=users["kefu1"])
    with pytest.raises(DomainError) as info:
        log_rounds.finish_round(duty_round=r, person=users["kefu1"], checks=[ok("屋顶")])
    assert info.value.code == "unknown_area"
    with pytest.raises(DomainError) as info:
        log_rounds.finish_round(duty_round=r, person=users["kefu1"], checks=[])
    assert info.value.code == "no_areas"
    with pytest.raises(NotAllowed) as info:
        log_rounds.finish_round(duty_round=r, person=users["kefu2"], checks=[ok("银行")])
    assert info.value.code == "not_your_round"
    r.refresh_from_db()
    assert r.finished_at is None and r.checks == []


@pytest.mark.req("DUTY-LOG-6")
def test_a_round_in_a_project_without_a_patrol_route_is_the_areas_alone(project, users, api_as, travel):
    travel(clock.at_beijing(dt.date(2026, 3, 10), dt.time(9, 30)))
    r = log_rounds.start_round(project=project, person=users["kefu1"])
    assert r.patrol_ref == "" and r.patrol_route == "" and log_rounds.walk_of(r) == []
    done = log_rounds.finish_round(duty_round=r, person=users["kefu1"],
                                   checks=[ok(a) for a in log_rounds.areas_for(project)], lighting_ok=True)
    assert done.checkpoints == [] and not DutyEntry.objects.exists()
    body = api_as(users["kefu1"]).get(f"/api/duty/log/rounds/{done.pk}/").json()
    assert body["checkpoints"] == [] and body["patrol_route"] == ""
