"""Training records (STAFF-1): sessions with attendance and test results per person, who is due, and the
new-staff programme — sessions, one-to-one shadowing swapped after a week, the diary the mentor reads."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from staff.models import Attendance, TrainingSession
from staff.selectors import training as selectors
from staff.services import training
from staff.states import InductionStatus, Place, TrainingKind
from staff.tests.helpers import at

pytestmark = pytest.mark.req("STAFF-1")


def fire(project, users, *, days_ago=1, scores=(90, 40), by="kfzg"):
    return training.record_session(
        project=project, by=users[by], kind=TrainingKind.FIRE, title="消防培训", trainer="冯队长", hours="2",
        held_on=clock.today() - dt.timedelta(days=days_ago), tested=True,
        attendees=[{"person": users["kefu1"], "attended": True, "score": scores[0]},
                   {"person": users["kefu2"], "attended": True, "score": scores[1]}])


def test_a_session_records_each_persons_attendance_and_test_result(project, users, audited):
    s = fire(project, users)
    assert s.serial == "PX-2026-0001"
    rows = {a.person.username: (a.attended, a.score, a.passed) for a in s.attendance.all()}
    assert rows == {"kefu1": (True, 90, True), "kefu2": (True, 40, False)}  # pass mark 60 by policy
    assert audited("staff.training.recorded", s).data["attendees"] == 2
    assert fire(project, users).serial == "PX-2026-0002"


def test_a_session_is_refused_without_results_or_by_a_clerk(project, users, unchanged):
    with unchanged(), pytest.raises(NotAllowed) as refused:
        fire(project, users, by="kefu2")
    assert refused.value.code == "role_not_allowed"
    with unchanged(), pytest.raises(DomainError) as refused:
        training.record_session(project=project, by=users["kfzg"], kind=TrainingKind.FIRE, title="消防", hours="2",
                                trainer="冯", held_on=clock.today(), tested=True,
                                attendees=[{"person": users["kefu1"], "attended": True}])
    assert refused.value.code == "score_required"
    with unchanged(), pytest.raises(DomainError) as refused:
        fire(project, users, days_ago=-1)
    assert refused.value.code == "future_date"
    with unchanged(), pytest.raises(DomainError) as refused:
        training.record_session(project=project, by=users["kfzg"], kind="party", title="x", hours="1", trainer="y",
                                held_on=clock.today(), attendees=[{"person": users["kefu1"], "attended": True}])
    assert refused.value.code == "invalid_kind"
    assert not TrainingSession.objects.exists() and not Attendance.objects.exists()


def test_who_is_due_never_attended_failed_or_too_long_ago(project, users):
    due = {(d["person"].username, d["kind"]) for d in selectors.due(project=project)}
    assert {("kefu1", "fire"), ("kefu2", "fire"), ("kefu1", "key_regulation")} <= due
    fire(project, users)  # kefu1 passed, kefu2 failed
    due = {(d["person"].username, d["kind"]) for d in selectors.due(project=project)}
    assert ("kefu1", "fire") not in due and ("kefu2", "fire") in due
    fire(project, users, days_ago=400, scores=(90, 90))
    due = {(d["person"].username, d["kind"]) for d in selectors.due(project=project,
                                                                    today=clock.today() + dt.timedelta(days=366))}
    assert ("kefu1", "fire") in due  # a year has passed since the last fire training


def test_the_new_staff_programme_swaps_desk_and_site_after_a_week_and_the_mentor_reads_the_diary(
        project, users, travel, unchanged):
    start = clock.today()
    i = training.start_induction(project=project, by=users["kfzg"], person=users["kefu2"], mentor=users["kefu1"])
    with unchanged(), pytest.raises(Conflict) as refused:
        training.start_induction(project=project, by=users["kfzg"], person=users["kefu2"], mentor=users["kefu1"])
    assert refused.value.code == "already_started"
    with unchanged(), pytest.raises(NotAllowed) as refused:
        training.write_diary(induction=i, by=users["kefu1"], text="代写")
    assert refused.value.code == "not_own_diary"
    first = training.write_diary(induction=i, by=users["kefu2"], text="前台跟班")
    assert first.place == Place.DESK
    with unchanged(first), pytest.raises(NotAllowed) as refused:
        training.read_diary(entry=first, by=users["kfzg"])
    assert refused.value.code == "not_mentor"
    training.read_diary(entry=first, by=users["kefu1"], note="好")
    travel(at(start + dt.timedelta(days=7)))
    second = training.write_diary(induction=i, by=users["kefu2"], text="现场巡查")
    assert second.place == Place.SITE  # swapped after a week
    travel(at(start + dt.timedelta(days=13)))
    with unchanged(i), pytest.raises(DomainError) as refused:
        training.complete_induction(induction=i, by=users["kefu1"])
    assert refused.value.code == "sessions_missing"
    training.record_session(project=project, by=users["kfzg"], kind=TrainingKind.INDUCTION, title="入职培训",
                            hours="6", trainer="王主管", held_on=start,
                            attendees=[{"person": users["kefu2"], "attended": True}])
    with unchanged(i), pytest.raises(DomainError) as refused:
        training.complete_induction(induction=i, by=users["kefu1"])
    assert refused.value.code == "diary_unread"
    training.read_diary(entry=second, by=users["kefu1"])
    assert training.complete_induction(induction=i, by=users["kefu1"]).status == InductionStatus.COMPLETED


def test_the_programme_is_not_completed_before_its_days(project, users, unchanged):
    i = training.start_induction(project=project, by=users["kfzg"], person=users["kefu2"], mentor=users["kefu1"])
    with unchanged(i), pytest.raises(DomainError) as refused:
        training.complete_induction(induction=i, by=users["kfzg"])
    assert refused.value.code == "programme_not_over"
    with unchanged(), pytest.raises(DomainError) as refused:
        training.start_induction(project=project, by=users["kfzg"], person=users["kefu1"], mentor=users["kefu1"])
    assert refused.value.code in {"same_person", "already_started"}
