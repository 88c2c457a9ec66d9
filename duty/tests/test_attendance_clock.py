"""Clocking in and out at server time, and the flags computed against the issued roster (ATTEND-1, ATTEND-2)."""
import datetime as dt

import pytest

from core.errors import DomainError
from core.models import Policy
from duty.models.attendance import ClockEvent
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post
from duty.states import RosterStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401


def clock_at(travel, project, person, kind, moment):
    travel(moment)
    return svc.record_clock(project=project, person=person, kind=kind)


def row_of(project, person, day=DAY, now=None):
    rows = [r for r in sel.day_rows(project=project, day=day, now=now or beijing(day, 23)) if r.person == person]
    assert len(rows) == 1
    return rows[0]


@pytest.mark.req("ATTEND-1")
def test_a_clock_in_takes_the_server_time_and_a_second_clock_in_is_refused(project, users, travel):
    kefu1 = users["kefu1"]
    event = clock_at(travel, project, kefu1, "in", beijing(DAY, 7, 28))
    assert event.at == beijing(DAY, 7, 28)
    with pytest.raises(DomainError) as refused:
        clock_at(travel, project, kefu1, "in", beijing(DAY, 7, 29))
    assert refused.value.code == "already_clocked_in" and refused.value.rule == "ATTEND-1"
    assert ClockEvent.objects.filter(person=kefu1).count() == 1


@pytest.mark.req("ATTEND-1")
def test_a_clock_out_without_a_clock_in_is_refused(project, users, travel):
    with pytest.raises(DomainError) as refused:
        clock_at(travel, project, users["kefu1"], "out", beijing(DAY, 15, 30))
    assert refused.value.code == "not_clocked_in"
    assert not ClockEvent.objects.exists()


@pytest.mark.req("ATTEND-1")
def test_a_member_of_another_project_cannot_clock_in_here(project, other_project, users, travel):
    with pytest.raises(DomainError) as refused:
        clock_at(travel, other_project, users["kefu1"], "in", beijing(DAY, 7, 30))
    assert refused.value.status == 404 and not ClockEvent.objects.exists()


@pytest.mark.req("ATTEND-2", "ATTEND-1")
def test_late_by_seven_minutes_is_flagged(project, users, travel):
    kefu1 = users["kefu1"]
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, kefu1, "in", beijing(DAY, 7, 37))
    clock_at(travel, project, kefu1, "out", beijing(DAY, 15, 31))
    row = row_of(project, kefu1)
    assert row.late and row.late_minutes == 7
    assert not (row.absent or row.early_leave or row.leave_of_post)


@pytest.mark.req("ATTEND-2", "ATTEND-1")
def test_lateness_within_the_policy_grace_is_not_flagged(project, users, travel):
    Policy.objects.create(key="duty.attendance.grace_minutes", project=project, value=10, clause="项目规定")
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, users["kefu1"], "in", beijing(DAY, 7, 37))
    row = row_of(project, users["kefu1"])
    assert not row.late and row.late_minutes == 7


@pytest.mark.req("ATTEND-2")
def test_on_time_is_not_late_with_the_default_grace_of_zero(project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, users["kefu1"], "in", beijing(DAY, 7, 30))
    assert not row_of(project, users["kefu1"]).late


@pytest.mark.req("ATTEND-2")
def test_absence_when_no_clock_in(project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    during = row_of(project, users["kefu1"], now=beijing(DAY, 9))
    assert during.not_in_yet and not during.absent
    after = row_of(project, users["kefu1"], now=beijing(DAY, 16))
    assert after.absent and not after.worked


@pytest.mark.req("ATTEND-2")
def test_an_early_clock_out_without_approval_is_an_early_leave_and_a_leave_of_post(project, users, travel):
    kefu1 = users["kefu1"]
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, kefu1, "in", beijing(DAY, 7, 25))
    clock_at(travel, project, kefu1, "out", beijing(DAY, 14, 0))
    row = row_of(project, kefu1)
    assert row.early_leave and row.leave_of_post and row.flagged and not row.late


@pytest.mark.req("ATTEND-2")
def test_an_early_clock_out_after_the_superiors_approval_is_not_flagged(project, users, travel):
    kefu1 = users["kefu1"]
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, kefu1, "in", beijing(DAY, 7, 25))
    travel(beijing(DAY, 13, 0))
    leave = post.request_leave(project=project, person=kefu1, reason="就医")
    post.decide_leave(leave=leave, approver=users["kfzg"], approve=True)
    clock_at(travel, project, kefu1, "out", beijing(DAY, 14, 0))
    row = row_of(project, kefu1)
    assert not row.early_leave and not row.leave_of_post and row.approved_leaves == [leave]


@pytest.mark.req("ATTEND-2")
def test_a_missing_clock_out_is_flagged_after_the_shift(project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    clock_at(travel, project, users["kefu1"], "in", beijing(DAY, 7, 25))
    assert row_of(project, users["kefu1"], now=beijing(DAY, 23)).no_clock_out


@pytest.mark.req("ATTEND-1")
def test_only_assignments_of_issued_rosters_count(project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")], status=RosterStatus.DRAFT)
    assert sel.day_rows(project=project, day=DAY, now=beijing(DAY, 23)) == []
    assert sel.monthly_figures(project=project, month=DAY, now=beijing(DAY, 23)) == []


@pytest.mark.req("ATTEND-1", "ATTEND-2")
def test_a_night_shift_ends_the_next_morning(project, users, travel):
    kefu2 = users["kefu2"]
    roster_with(project, users, [("kefu2", DAY, "N")])
    clock_at(travel, project, kefu2, "in", beijing(DAY, 22, 3))
    clock_at(travel, project, kefu2, "out", beijing(DAY + dt.timedelta(days=1), 6, 0))
    row = row_of(project, kefu2, now=beijing(DAY + dt.timedelta(days=1), 12))
    assert row.late and row.late_minutes == 3 and not row.early_leave and not row.no_clock_out


@pytest.mark.req("ATTEND-1")
def test_the_month_figures_count_each_person(project, users, travel):
    d2 = DAY + dt.timedelta(days=1)
    roster_with(project, users, [("kefu1", DAY, "E"), ("kefu1", d2, "E"), ("kefu2", DAY, "L")])
    clock_at(travel, project, users["kefu1"], "in", beijing(DAY, 7, 40))
    clock_at(travel, project, users["kefu1"], "out", beijing(DAY, 15, 30))
    clock_at(travel, project, users["kefu2"], "in", beijing(DAY, 11, 50))
    clock_at(travel, project, users["kefu2"], "out", beijing(DAY, 19, 0))
    figures = {f["username"]: f for f in sel.monthly_figures(project=project, month=DAY, now=beijing(d2, 23))}
    assert figures["kefu1"] == {**figures["kefu1"], "rostered": 2, "worked": 1, "late": 1, "late_minutes": 10,
                              "absent": 1, "early_leave": 0, "leave_of_post": 0}
    assert (figures["kefu2"]["early_leave"], figures["kefu2"]["leave_of_post"], figures["kefu2"]["late"]) == (1, 1, 0)
