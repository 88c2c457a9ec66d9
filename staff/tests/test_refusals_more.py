"""Refusals of the staff room no other test drives: each asserts its stable code and that nothing changed."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError
from staff.models import Appraisal, Attendance, DiaryEntry, Induction, TrainingSession
from staff.services import appraisal, training
from staff.states import InductionStatus, TrainingKind
from staff.tests.helpers import at


def session(project, users, attendees):
    return training.record_session(project=project, by=users["kfzg"], kind=TrainingKind.FIRE, title="消防培训",
                                   trainer="冯队长", hours="2", held_on=clock.today() - dt.timedelta(days=1),
                                   attendees=attendees)


def induction(project, users, **kwargs):
    return training.start_induction(project=project, by=users["kfzg"], person=users["kefu2"],
                                    mentor=users["kefu1"], **kwargs)


@pytest.mark.req("STAFF-1")
def test_a_session_without_attendees_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        session(project, users, [])
    assert refused.value.code == "attendees_required"
    assert not TrainingSession.objects.exists() and not Attendance.objects.exists()


@pytest.mark.req("STAFF-1")
def test_a_session_listing_a_person_twice_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        session(project, users, [{"person": users["kefu1"], "attended": True},
                                 {"person": users["kefu2"], "attended": True},
                                 {"person": users["kefu1"], "attended": False}])
    assert refused.value.code == "duplicate_attendee"
    assert not TrainingSession.objects.exists() and not Attendance.objects.exists()


@pytest.mark.req("STAFF-1")
def test_no_diary_is_written_in_a_completed_programme(project, users, unchanged):
    i = induction(project, users)
    Induction.objects.filter(pk=i.pk).update(status=InductionStatus.COMPLETED, completed_by=users["kfzg"],
                                             completed_at=clock.now())
    i.refresh_from_db()
    with unchanged(i), pytest.raises(Conflict) as refused:
        training.write_diary(induction=i, by=users["kefu2"], text="今日跟班")
    assert refused.value.code == "induction_completed"
    assert not DiaryEntry.objects.exists()


@pytest.mark.req("STAFF-1")
def test_no_diary_is_written_before_the_programme_starts(project, users, unchanged):
    i = induction(project, users, starts=clock.today() + dt.timedelta(days=3))
    with unchanged(i), pytest.raises(DomainError) as refused:
        training.write_diary(induction=i, by=users["kefu2"], text="提前写")
    assert refused.value.code == "not_started"
    assert not DiaryEntry.objects.exists()


@pytest.mark.req("STAFF-1")
def test_the_days_diary_is_written_once(project, users, travel, unchanged):
    i = induction(project, users)
    travel(at(clock.today(), 10))
    first = training.write_diary(induction=i, by=users["kefu2"], text="前台跟班")
    travel(at(clock.today(), 17))  # later the same day
    with unchanged(i, first), pytest.raises(Conflict) as refused:
        training.write_diary(induction=i, by=users["kefu2"], text="再写一次")
    assert refused.value.code == "already_written"
    assert list(DiaryEntry.objects.values_list("text", flat=True)) == ["前台跟班"]


@pytest.mark.req("STAFF-3")
@pytest.mark.parametrize("points", ["three", None, "2.5", ""])
def test_an_adjustment_not_in_whole_points_is_refused(project, users, unchanged, points):
    month = (clock.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    card = appraisal.prepare(project=project, by=users["kfzg"], person=users["kefu1"], month=month)
    with unchanged(card), pytest.raises(DomainError) as refused:
        appraisal.adjust(appraisal=card, by=users["kfzg"], points=points, reason="表现突出")
    assert refused.value.code == "invalid_points"
    card = Appraisal.objects.get(pk=card.pk)
    assert card.adjusted == 0 and not card.adjustments.exists()
