"""Changes of an issued roster refused, and nothing written (ROSTER-3): only the person on the shift asks, one
request at a time, a swap names a colleague's shift, a substitute is someone else; nobody decides a request they
are part of, even holding the approver's role; a rejection leaves the roster as issued and is on the record."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.roles import Role
from duty.models import ChangeKind, RosterAssignment, ShiftChangeRequest
from duty.services import roster as svc
from duty.services import roster_changes as changes
from duty.states import RequestStatus, RosterStatus
from duty.tests.roster_helpers import draft, issue

NOW = clock.at_beijing(dt.date(2026, 5, 11), dt.time(10, 0))
MONTH = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.fixture
def roster(project, users):
    return issue(draft(project, users, month=MONTH), users)


def shift_of(roster, users, name, day=MONTH):
    return RosterAssignment.objects.get(roster=roster, person=users[name], day=day)


def ask(roster, users, name="kefu1", kind=ChangeKind.LEAVE, **kw):
    return changes.request_change(assignment=shift_of(roster, users, name), requested_by=users[name], kind=kind,
                                  reason="家里有事", **kw)


@pytest.mark.req("ROSTER-3")
def test_only_the_person_on_the_shift_asks_to_change_it(users, roster, unchanged):
    theirs = shift_of(roster, users, "kefu1")
    with unchanged(theirs), pytest.raises(DomainError) as refused:
        changes.request_change(assignment=theirs, requested_by=users["kefu2"], kind=ChangeKind.LEAVE, reason="代请")
    assert refused.value.code == "not_on_shift" and refused.value.status == 403
    assert not ShiftChangeRequest.objects.exists()


@pytest.mark.req("ROSTER-3")
def test_a_shift_of_a_draft_cannot_be_changed_by_request(project, users, unchanged):
    roster = draft(project, users, month=MONTH)
    mine = shift_of(roster, users, "kefu1")
    with unchanged(mine), pytest.raises(DomainError) as refused:
        changes.request_change(assignment=mine, requested_by=users["kefu1"], kind=ChangeKind.LEAVE, reason="病")
    assert refused.value.code == "not_issued"
    assert not ShiftChangeRequest.objects.exists()


@pytest.mark.req("ROSTER-3")
def test_a_swap_names_the_colleagues_shift(users, roster, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        ask(roster, users, kind=ChangeKind.SWAP)
    assert refused.value.code == "swap_required"
    own_next_day = shift_of(roster, users, "kefu1", MONTH + dt.timedelta(days=1))
    with unchanged(own_next_day), pytest.raises(DomainError) as refused:
        ask(roster, users, kind=ChangeKind.SWAP, swap_with=own_next_day)
    assert refused.value.code == "invalid_swap"
    assert not ShiftChangeRequest.objects.exists()


@pytest.mark.req("ROSTER-3")
def test_one_request_per_shift_waits_at_a_time(users, roster, unchanged):
    first = ask(roster, users)
    with unchanged(first), pytest.raises(DomainError) as refused:
        ask(roster, users)
    assert refused.value.code == "already_requested" and refused.value.rule == "ROSTER-3"
    assert ShiftChangeRequest.objects.count() == 1


@pytest.mark.req("ROSTER-3")
def test_only_the_requester_cancels(users, roster, unchanged):
    req = ask(roster, users)
    with unchanged(req), pytest.raises(DomainError) as refused:
        changes.cancel_change(request=req, actor=users["kfzg"])
    assert refused.value.code == "not_requester"
    assert ShiftChangeRequest.objects.get().status == RequestStatus.PENDING


@pytest.mark.req("ROSTER-3")
def test_the_substitute_is_someone_other_than_the_person_on_leave(users, roster, unchanged):
    req = ask(roster, users)
    mine = shift_of(roster, users, "kefu1")
    with unchanged(req, mine), pytest.raises(DomainError) as refused:
        changes.approve_change(request=req, approver=users["kfzg"], substitute=users["kefu1"])
    assert refused.value.code == "invalid_substitute"


@pytest.mark.req("ROSTER-3", "ROSTER-5")
def test_a_request_on_a_withdrawn_version_is_not_applied(users, roster, unchanged):
    req = ask(roster, users)
    issue(svc.revise_roster(roster=roster, actor=users["kefu1"], reason="7月调整"), users)
    roster.refresh_from_db()
    assert roster.status == RosterStatus.WITHDRAWN
    mine = shift_of(roster, users, "kefu1")
    with unchanged(req, mine), pytest.raises(DomainError) as refused:
        changes.approve_change(request=req, approver=users["kfzg"], substitute=users["kfzg"])
    assert refused.value.code == "not_issued"


# --- separation of duties where one person holds two roles (ROSTER-3) ------------------------------------

@pytest.mark.req("ROSTER-3")
@pytest.mark.parametrize("decide", ["approve", "reject"])
def test_an_assistant_who_is_also_supervisor_cannot_decide_her_own_request(users, roster, two_roles, unchanged,
                                                                            decide):
    two_roles(users["kefu1"], Role.CS_SUPERVISOR)
    req = ask(roster, users)
    mine = shift_of(roster, users, "kefu1")
    with unchanged(req, mine), pytest.raises(DomainError) as refused:
        if decide == "approve":
            changes.approve_change(request=req, approver=users["kefu1"], substitute=users["kfzg"])
        else:
            changes.reject_change(request=req, approver=users["kefu1"])
    assert refused.value.code == "self_approval" and refused.value.rule == "ROSTER-3"


@pytest.mark.req("ROSTER-3")
def test_the_swap_partner_who_is_also_supervisor_cannot_approve_the_swap(users, roster, two_roles, unchanged):
    two_roles(users["kefu2"], Role.CS_SUPERVISOR)
    theirs = shift_of(roster, users, "kefu2", MONTH + dt.timedelta(days=2))
    req = ask(roster, users, kind=ChangeKind.SWAP, swap_with=theirs)
    mine = shift_of(roster, users, "kefu1")
    with unchanged(req, mine, theirs), pytest.raises(DomainError) as refused:
        changes.approve_change(request=req, approver=users["kefu2"])
    assert refused.value.code == "self_approval"


# --- both branches of the decision on the record (CORE-5) -----------------------------------------------

@pytest.mark.req("ROSTER-3", "CORE-5")
def test_a_rejected_change_leaves_the_roster_as_issued_and_is_audited(users, roster, audited):
    req = ask(roster, users)
    cells = sorted(RosterAssignment.objects.filter(roster=roster).values_list("person_id", "day", "shift_id"))
    req = changes.reject_change(request=req, approver=users["jingli"], comment="当天人手不足")
    assert req.status == RequestStatus.REJECTED and req.decided_by == users["jingli"]
    assert sorted(RosterAssignment.objects.filter(roster=roster).values_list("person_id", "day", "shift_id")) == cells
    event = audited("duty.roster.change_rejected", req)
    assert event.actor_id == users["jingli"].pk and event.data["comment"] == "当天人手不足"


@pytest.mark.req("ROSTER-3", "CORE-5")
def test_an_approved_change_names_its_approver_and_what_it_replaced(users, roster, audited):
    req = changes.approve_change(request=ask(roster, users), approver=users["kfzg"], substitute=users["kfzg"])
    event = audited("duty.roster.change_approved", req)
    assert event.approved_by == users["kfzg"].display_name
    assert event.data["before"]["person"] == users["kefu1"].pk and event.data["substitute"] == users["kfzg"].pk
