"""Swaps, substitutes and leave: asked a day ahead, approved by the superior who names the substitute (ROSTER-3)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.models import AuditEvent
from duty.models import ChangeKind, RosterAssignment, ShiftChangeRequest
from duty.services import roster as svc
from duty.services import roster_changes as changes
from duty.states import RequestStatus
from duty.tests.roster_helpers import issue, issued


def shift_of(roster, users, name, day=None):
    return RosterAssignment.objects.get(roster=roster, person=users[name], day=day or roster.period_start)


@pytest.mark.req("ROSTER-3")
def test_the_supervisor_approves_a_leave_naming_the_substitute_and_the_issued_roster_changes(project, users):
    roster = issued(project, users)
    mine = shift_of(roster, users, "kefu1")
    req = changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.LEAVE, reason="看病")
    with pytest.raises(DomainError) as exc:
        changes.approve_change(request=req, approver=users["kfzg"])
    assert exc.value.code == "substitute_required"
    changes.approve_change(request=req, approver=users["kfzg"], substitute=users["kfzg"])
    mine.refresh_from_db()
    req.refresh_from_db()
    assert mine.person == users["kfzg"] and req.status == RequestStatus.APPROVED and req.substitute == users["kfzg"]
    assert AuditEvent.objects.filter(action="duty.roster.change_approved", target_id=str(req.pk)).exists()


@pytest.mark.req("ROSTER-3")
def test_the_requester_never_names_their_own_substitute(project, users):
    mine = shift_of(issued(project, users), users, "kefu1")
    with pytest.raises(DomainError) as exc:
        changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.SUBSTITUTE,
                               reason="家里有事", substitute=users["kefu2"])
    assert exc.value.code == "substitute_named_by_requester" and exc.value.rule == "ROSTER-3"
    assert not ShiftChangeRequest.objects.exists()


@pytest.mark.req("ROSTER-3")
def test_a_change_asked_less_than_a_day_before_the_shift_is_refused_with_the_rule(project, users):
    svc.ensure_default_patterns(project=project)
    today = clock.today()
    roster = svc.create_draft(project=project, team="front_desk", month=today, drafted_by=users["kefu1"])
    svc.save_cells(roster=roster, actor=users["kefu1"], cells={(users["kefu1"].pk, today): "L"})
    mine = shift_of(issue(roster, users), users, "kefu1", today)
    with pytest.raises(DomainError) as exc:
        changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.LEAVE, reason="病")
    assert exc.value.code == "change_too_late" and exc.value.rule == "ROSTER-3" and "§4.2.6" in exc.value.clause
    assert not ShiftChangeRequest.objects.exists()


@pytest.mark.req("ROSTER-3")
def test_a_swap_exchanges_the_two_people_once_approved(project, users):
    roster = issued(project, users)
    mine, theirs = shift_of(roster, users, "kefu1"), shift_of(roster, users, "kefu2")
    req = changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.SWAP, reason="调班",
                                 swap_with=theirs)
    with pytest.raises(DomainError) as exc:
        changes.approve_change(request=req, approver=users["kefu2"])
    assert exc.value.code == "self_approval"
    changes.approve_change(request=req, approver=users["jingli"])
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.person == users["kefu2"] and theirs.person == users["kefu1"]
    assert (mine.shift.code, theirs.shift.code) == ("E", "L")


@pytest.mark.req("ROSTER-3")
def test_swapping_onto_a_day_already_worked_is_refused(project, users):
    roster = issued(project, users)
    day2 = roster.period_start + dt.timedelta(days=1)
    mine, theirs = shift_of(roster, users, "kefu1"), shift_of(roster, users, "kefu2", day2)
    req = changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.SWAP, reason="调班",
                                 swap_with=theirs)
    with pytest.raises(DomainError) as exc:
        changes.approve_change(request=req, approver=users["kfzg"])
    assert exc.value.code == "shift_overlap"
    mine.refresh_from_db()
    assert mine.person == users["kefu1"]


@pytest.mark.req("ROSTER-3")
def test_a_swap_into_an_overlapping_shift_is_refused_and_nothing_changes(project, users):
    roster = issued(project, users)
    mine, theirs = shift_of(roster, users, "kefu1"), shift_of(roster, users, "kefu2")
    req = changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.LEAVE, reason="事假")
    with pytest.raises(DomainError) as exc:
        changes.approve_change(request=req, approver=users["kfzg"], substitute=users["kefu2"])
    assert exc.value.code == "shift_overlap"
    mine.refresh_from_db()
    req.refresh_from_db()
    assert mine.person == users["kefu1"] and req.status == RequestStatus.PENDING and theirs.person == users["kefu2"]


@pytest.mark.req("ROSTER-3")
def test_a_rejected_request_leaves_the_roster_and_an_assistant_cannot_decide(project, users):
    roster = issued(project, users)
    mine = shift_of(roster, users, "kefu1")
    req = changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.LEAVE, reason="事假")
    with pytest.raises(DomainError) as exc:
        changes.reject_change(request=req, approver=users["xingzheng"])
    assert exc.value.code in {"approver_not_allowed", "not_found"}
    changes.reject_change(request=req, approver=users["kfzg"], comment="人手不足")
    mine.refresh_from_db()
    assert mine.person == users["kefu1"]
    with pytest.raises(DomainError) as exc:
        changes.approve_change(request=req, approver=users["kfzg"], substitute=users["kfzg"])
    assert exc.value.code == "illegal_transition"
