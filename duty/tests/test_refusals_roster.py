"""The monthly and holiday roster refused, and nothing written: patterns, cells, an empty roster or team
(ROSTER-1, -2, -4, -5); nobody reviews or approves their own draft, nor approves what they reviewed, even when
they hold both roles (ROSTER-2); the manager's return of a roster is on the record (CORE-5)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.roles import Role
from duty.models import Roster, RosterAssignment, ShiftPattern
from duty.services import roster as svc
from duty.services import roster_holidays as holidays
from duty.states import RosterStatus
from duty.tests.roster_helpers import draft, issue

NOW = clock.at_beijing(dt.date(2026, 5, 11), dt.time(10, 0))
MONTH = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.fixture
def empty_draft(project, users):
    svc.ensure_default_patterns(project=project)
    return svc.create_draft(project=project, team="front_desk", month=MONTH, drafted_by=users["kefu1"])


@pytest.mark.req("ROSTER-1")
def test_a_team_without_shift_patterns_cannot_be_drafted(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.create_draft(project=project, team="duty_desk", month=MONTH, drafted_by=users["kefu1"])
    assert refused.value.code == "no_patterns" and refused.value.rule == "ROSTER-1"
    assert not Roster.objects.exists()


@pytest.mark.req("ROSTER-1")
def test_a_shift_that_starts_when_it_ends_is_refused(project, users, unchanged):
    svc.ensure_default_patterns(project=project)
    early = ShiftPattern.objects.get(project=project, code="E")
    with unchanged(early), pytest.raises(DomainError) as refused:
        svc.update_pattern(pattern=early, actor=users["kfzg"], ends=early.starts)
    assert refused.value.code == "invalid_hours"
    assert ShiftPattern.objects.get(pk=early.pk).ends == dt.time(15, 30)


@pytest.mark.req("ROSTER-2")
def test_a_cell_outside_the_month_is_refused_and_no_cell_is_kept(users, empty_draft, unchanged):
    cells = {(users["kefu1"].pk, MONTH): "E", (users["kefu1"].pk, MONTH - dt.timedelta(days=1)): "E"}
    with unchanged(empty_draft), pytest.raises(DomainError) as refused:
        svc.save_cells(roster=empty_draft, actor=users["kefu1"], cells=cells)
    assert refused.value.code == "invalid_day"
    assert not RosterAssignment.objects.exists()


@pytest.mark.req("ROSTER-1")
def test_an_unknown_shift_code_is_refused(users, empty_draft, unchanged):
    with unchanged(empty_draft), pytest.raises(DomainError) as refused:
        svc.save_cells(roster=empty_draft, actor=users["kefu1"], cells={(users["kefu2"].pk, MONTH): "Z"})
    assert refused.value.code == "invalid_shift"
    assert not RosterAssignment.objects.exists()


@pytest.mark.req("ROSTER-2")
def test_a_roster_without_shifts_is_not_reviewed(users, empty_draft, unchanged):
    with unchanged(empty_draft), pytest.raises(DomainError) as refused:
        svc.review_roster(roster=empty_draft, reviewer=users["kfzg"])
    assert refused.value.code == "empty_roster"
    assert Roster.objects.get().status == RosterStatus.DRAFT


@pytest.mark.req("ROSTER-5")
def test_only_the_issued_version_is_revised(users, empty_draft, unchanged):
    with unchanged(empty_draft), pytest.raises(DomainError) as refused:
        svc.revise_roster(roster=empty_draft, actor=users["kefu1"], reason="调整")
    assert refused.value.code == "not_issued"
    assert Roster.objects.count() == 1


@pytest.mark.req("ROSTER-4")
def test_a_holiday_roster_needs_a_holiday_shift(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        holidays.create_holiday_roster(project=project, holiday_name="端午节", start=dt.date(2026, 6, 19),
                                       end=dt.date(2026, 6, 21), drafted_by=users["kefu1"])
    assert refused.value.code == "no_patterns"
    assert not Roster.objects.exists()


@pytest.mark.req("ROSTER-4")
def test_a_holiday_roster_needs_a_team_to_rotate_through(project, users, unchanged):
    svc.ensure_default_patterns(project=project)
    with unchanged(), pytest.raises(DomainError) as refused:
        holidays.create_holiday_roster(project=project, holiday_name="端午节", start=dt.date(2026, 6, 19),
                                       end=dt.date(2026, 6, 21), drafted_by=users["kefu1"])
    assert refused.value.code == "empty_team" and refused.value.rule == "ROSTER-4"
    assert not Roster.objects.exists()


# --- separation of duties where one person holds two roles (ROSTER-2) ------------------------------------

@pytest.mark.req("ROSTER-2")
def test_a_drafter_who_is_also_supervisor_cannot_review_her_own_draft(project, users, two_roles, unchanged):
    two_roles(users["kefu1"], Role.CS_SUPERVISOR)
    roster = draft(project, users, month=MONTH)
    with unchanged(roster), pytest.raises(DomainError) as refused:
        svc.review_roster(roster=roster, reviewer=users["kefu1"])
    assert refused.value.code == "self_approval" and refused.value.rule == "ROSTER-2"
    assert Roster.objects.get().reviewed_by is None


@pytest.mark.req("ROSTER-2")
def test_a_supervisor_who_is_also_manager_cannot_approve_what_she_reviewed(project, users, two_roles, unchanged):
    two_roles(users["kfzg"], Role.SITE_MANAGER)
    roster = svc.review_roster(roster=draft(project, users, month=MONTH), reviewer=users["kfzg"])
    with unchanged(roster), pytest.raises(DomainError) as refused:
        svc.approve_roster(roster=roster, approver=users["kfzg"])
    assert refused.value.code == "self_approval"
    assert Roster.objects.get().status == RosterStatus.REVIEWED


@pytest.mark.req("ROSTER-2")
def test_a_drafter_who_is_also_manager_cannot_approve_her_own_draft(project, users, two_roles, unchanged):
    two_roles(users["kefu1"], Role.SITE_MANAGER)
    roster = svc.review_roster(roster=draft(project, users, month=MONTH), reviewer=users["kfzg"])
    with unchanged(roster), pytest.raises(DomainError) as refused:
        svc.approve_roster(roster=roster, approver=users["kefu1"])
    assert refused.value.code == "self_approval"
    assert Roster.objects.get().approved_by is None


# --- the decision, both branches, on the record (CORE-5) ------------------------------------------------

@pytest.mark.req("ROSTER-2", "CORE-5")
def test_the_manager_returns_a_reviewed_roster_to_its_drafter_on_the_record(project, users, audited):
    roster = svc.review_roster(roster=draft(project, users, month=MONTH), reviewer=users["kfzg"])
    cells = sorted(RosterAssignment.objects.values_list("person_id", "day", "shift__code"))
    back = svc.return_roster(roster=roster, actor=users["jingli"], comment="7月1日早班缺人")
    assert (back.status, back.reviewed_by, back.approved_by) == (RosterStatus.DRAFT, None, None)
    assert sorted(RosterAssignment.objects.values_list("person_id", "day", "shift__code")) == cells
    event = audited("duty.roster.returned", roster)
    assert event.actor_id == users["jingli"].pk and event.data["comment"] == "7月1日早班缺人"


@pytest.mark.req("ROSTER-2", "CORE-5")
def test_review_and_approval_are_each_on_the_record_with_the_approver(project, users, audited):
    roster = svc.review_roster(roster=draft(project, users, month=MONTH), reviewer=users["kfzg"])
    roster = svc.approve_roster(roster=roster, approver=users["jingli"], comment="同意")
    assert audited("duty.roster.reviewed", roster).actor_id == users["kfzg"].pk
    approved = audited("duty.roster.approved", roster)
    assert approved.actor_id == users["jingli"].pk and approved.approved_by == users["jingli"].display_name


@pytest.mark.req("ROSTER-5", "CORE-5")
def test_issuing_a_revision_withdraws_the_old_version_on_the_record(project, users, audited):
    old = issue(draft(project, users, month=MONTH), users)
    new = issue(svc.revise_roster(roster=old, actor=users["kefu1"], reason="7月调整"), users)
    assert audited("duty.roster.issued", new).data["withdrew"] == old.pk
    assert audited("duty.roster.withdrawn", old).data == {"replaced_by": new.pk, "version": 2}
