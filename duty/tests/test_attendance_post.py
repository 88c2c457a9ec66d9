"""Leaving the post during work: the superior's prior approval, server-stamped leaving and return (ATTEND-2)."""
import pytest

from core.errors import DomainError
from core.models import AuditEvent
from duty.models.attendance import PostAbsence, PostLeave
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post
from duty.states import RequestStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401


@pytest.mark.req("ATTEND-2")
def test_a_leave_of_post_is_approved_by_the_supervisor_and_leaving_and_return_are_stamped(project, users, travel):
    travel(beijing(DAY, 10, 0))
    leave = post.request_leave(project=project, person=users["kefu1"], reason="去银行办事")
    leave = post.decide_leave(leave=leave, approver=users["kfzg"], approve=True, comment="半小时内返回")
    travel(beijing(DAY, 10, 5))
    leave = post.mark_left(leave=leave, actor=users["kefu1"])
    travel(beijing(DAY, 10, 40))
    leave = post.mark_returned(leave=leave, actor=users["kefu1"])
    assert leave.status == RequestStatus.APPROVED and leave.decided_by == users["kfzg"]
    assert (leave.left_at, leave.returned_at) == (beijing(DAY, 10, 5), beijing(DAY, 10, 40))
    assert AuditEvent.objects.filter(action="duty.attendance.left_post").exists()


@pytest.mark.req("ATTEND-2")
def test_nobody_approves_their_own_leave_of_post(project, users):
    leave = post.request_leave(project=project, person=users["kfzg"], reason="外出")
    with pytest.raises(DomainError) as refused:
        post.decide_leave(leave=leave, approver=users["kfzg"], approve=True)
    assert refused.value.code == "self_approval" and refused.value.rule == "ATTEND-2"
    leave.refresh_from_db()
    assert leave.status == RequestStatus.PENDING and leave.decided_by is None


@pytest.mark.req("ATTEND-2")
def test_a_colleague_without_the_superiors_role_cannot_approve(project, users):
    leave = post.request_leave(project=project, person=users["kefu1"], reason="外出")
    with pytest.raises(DomainError) as refused:
        post.decide_leave(leave=leave, approver=users["kefu2"], approve=True)
    assert refused.value.code == "role_not_allowed" and refused.value.status == 403
    assert "001 篇11 §1.2.3" in str(refused.value.clause)
    leave.refresh_from_db()
    assert leave.status == RequestStatus.PENDING


@pytest.mark.req("ATTEND-2")
def test_leaving_before_the_approval_is_refused(project, users):
    leave = post.request_leave(project=project, person=users["kefu1"], reason="外出")
    with pytest.raises(DomainError) as refused:
        post.mark_left(leave=leave, actor=users["kefu1"])
    assert refused.value.code == "not_approved"
    leave.refresh_from_db()
    assert leave.left_at is None


@pytest.mark.req("ATTEND-2")
def test_a_rejected_leave_cannot_be_decided_again(project, users):
    leave = post.decide_leave(leave=post.request_leave(project=project, person=users["kefu1"], reason="外出"),
                              approver=users["jingli"], approve=False)
    with pytest.raises(DomainError) as refused:
        post.decide_leave(leave=leave, approver=users["kfzg"], approve=True)
    assert refused.value.code == "illegal_transition"
    assert PostLeave.objects.get().status == RequestStatus.REJECTED


@pytest.mark.req("ATTEND-2")
def test_a_leave_of_post_without_approval_is_flagged_when_recorded(project, users, travel):
    roster_with(project, users, [("kefu2", DAY, "L")])
    travel(beijing(DAY, 11, 55))
    svc.record_clock(project=project, person=users["kefu2"], kind="in")
    travel(beijing(DAY, 15, 0))
    post.record_absence(project=project, person=users["kefu2"], recorded_by=users["kfzg"], note="巡查时不在前台")
    row = sel.day_rows(project=project, day=DAY, now=beijing(DAY, 16))[0]
    assert row.leave_of_post and not row.early_leave and row.flagged


@pytest.mark.req("ATTEND-2")
def test_an_assistant_cannot_record_a_colleagues_absence(project, users):
    with pytest.raises(DomainError) as refused:
        post.record_absence(project=project, person=users["kefu2"], recorded_by=users["kefu1"], note="不在")
    assert refused.value.code == "role_not_allowed" and not PostAbsence.objects.exists()
