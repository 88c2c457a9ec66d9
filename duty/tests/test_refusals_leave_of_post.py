"""Leave of post refused, and nothing written: who may ask, cancel, mark and decide (ATTEND-2)."""
import pytest

from core.errors import DomainError
from core.models import AuditEvent
from core.roles import Role
from duty.models.attendance import PostAbsence, PostLeave
from duty.services import attendance_post as post
from duty.states import RequestStatus
from duty.tests.attendance_helpers import DAY, beijing


@pytest.fixture
def leave(project, users, travel):
    travel(beijing(DAY, 10, 0))
    return post.request_leave(project=project, person=users["kefu1"], reason="去银行办事")


@pytest.fixture
def approved(leave, users):
    return post.decide_leave(leave=leave, approver=users["kfzg"], approve=True)


@pytest.mark.req("ATTEND-2")
def test_a_second_request_while_one_waits_is_refused(project, users, leave, unchanged):
    with unchanged(leave), pytest.raises(DomainError) as refused:
        post.request_leave(project=project, person=users["kefu1"], reason="再去一次")
    assert refused.value.code == "leave_pending" and refused.value.status == 409
    assert PostLeave.objects.count() == 1


@pytest.mark.req("ATTEND-2")
def test_only_the_person_who_asked_cancels_the_request(users, leave, unchanged):
    with unchanged(leave), pytest.raises(DomainError) as refused:
        post.cancel_leave(leave=leave, actor=users["kfzg"])
    assert refused.value.code == "not_requester" and refused.value.status == 403
    assert PostLeave.objects.get().status == RequestStatus.PENDING


@pytest.mark.req("ATTEND-2")
def test_a_colleague_cannot_mark_someone_elses_leaving(users, approved, unchanged):
    with unchanged(approved), pytest.raises(DomainError) as refused:
        post.mark_left(leave=approved, actor=users["kefu2"])
    assert refused.value.code == "not_allowed" and refused.value.status == 403
    assert PostLeave.objects.get().left_at is None


@pytest.mark.req("ATTEND-2")
def test_leaving_twice_is_refused(users, approved, unchanged, travel):
    left = post.mark_left(leave=approved, actor=users["kefu1"])
    travel(beijing(DAY, 10, 30))
    with unchanged(left), pytest.raises(DomainError) as refused:
        post.mark_left(leave=left, actor=users["kfzg"])
    assert refused.value.code == "already_left"
    assert PostLeave.objects.get().left_at == beijing(DAY, 10, 0)


@pytest.mark.req("ATTEND-2")
def test_a_return_before_leaving_is_refused(users, approved, unchanged):
    with unchanged(approved), pytest.raises(DomainError) as refused:
        post.mark_returned(leave=approved, actor=users["kefu1"])
    assert refused.value.code == "not_left"
    assert PostLeave.objects.get().returned_at is None


@pytest.mark.req("ATTEND-2")
def test_returning_twice_is_refused(users, approved, unchanged, travel):
    post.mark_left(leave=approved, actor=users["kefu1"])
    travel(beijing(DAY, 10, 30))
    back = post.mark_returned(leave=approved, actor=users["kefu1"])
    travel(beijing(DAY, 11, 0))
    with unchanged(back), pytest.raises(DomainError) as refused:
        post.mark_returned(leave=back, actor=users["kefu1"])
    assert refused.value.code == "already_returned"
    assert PostLeave.objects.get().returned_at == beijing(DAY, 10, 30)


# --- separation of duties: a supervisor who also works the desk -------------------------------------------

@pytest.mark.req("ATTEND-2")
def test_a_desk_assistant_who_is_also_supervisor_cannot_approve_her_own_leave(project, users, two_roles, travel,
                                                                                unchanged):
    travel(beijing(DAY, 9, 0))
    both = two_roles(users["kefu1"], Role.CS_SUPERVISOR)
    leave = post.request_leave(project=project, person=both, reason="外出")
    for approve in (True, False):
        with unchanged(leave), pytest.raises(DomainError) as refused:
            post.decide_leave(leave=leave, approver=both, approve=approve)
        assert refused.value.code == "self_approval" and refused.value.rule == "ATTEND-2"
    assert PostLeave.objects.get().decided_by is None


@pytest.mark.req("ATTEND-2")
def test_a_supervisor_who_is_also_on_the_desk_cannot_record_her_own_absence(project, users, two_roles, unchanged):
    both = two_roles(users["kfzg"], Role.CS_ASSISTANT)
    with unchanged(), pytest.raises(DomainError) as refused:
        post.record_absence(project=project, person=both, recorded_by=both, note="不在岗")
    assert refused.value.code == "self_record" and refused.value.rule == "ATTEND-2"
    assert not PostAbsence.objects.exists()


# --- the decision, both branches, on the record (CORE-5) ------------------------------------------------

@pytest.mark.req("ATTEND-2", "CORE-5")
def test_a_rejected_leave_stays_unleft_and_the_rejection_is_audited(users, leave, audited, unchanged):
    rejected = post.decide_leave(leave=leave, approver=users["jingli"], approve=False, comment="前台人手不足")
    assert rejected.status == RequestStatus.REJECTED and rejected.decided_by == users["jingli"]
    event = audited("duty.attendance.leave_rejected", leave)
    assert event.actor_id == users["jingli"].pk and event.data["comment"] == "前台人手不足"
    with unchanged(rejected), pytest.raises(DomainError) as refused:
        post.mark_left(leave=rejected, actor=users["kefu1"])
    assert refused.value.code == "not_approved"


@pytest.mark.req("ATTEND-2", "CORE-5")
def test_an_approved_leave_names_its_approver_in_the_audit(users, approved, audited):
    event = audited("duty.attendance.leave_approved", approved)
    assert event.actor_id == users["kfzg"].pk and event.approved_by == users["kfzg"].display_name
    assert not AuditEvent.objects.filter(action="duty.attendance.leave_rejected").exists()


@pytest.mark.req("ATTEND-2", "CORE-5")
def test_an_absence_recorded_by_the_supervisor_is_on_the_record(project, users, audited):
    absence = post.record_absence(project=project, person=users["kefu2"], recorded_by=users["kfzg"], note="不在前台")
    event = audited("duty.attendance.absence_recorded", absence)
    assert event.actor_id == users["kfzg"].pk and event.data == {"person": "kefu2", "note": "不在前台"}
