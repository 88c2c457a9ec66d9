"""Shift patterns, the monthly roster's draft → review → approve → issue, and revisions (ROSTER-1/2/5)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.models import AuditEvent, Notification
from duty.models import Roster, ShiftPattern
from duty.selectors import roster as sel
from duty.services import roster as svc
from duty.states import RosterStatus
from duty.tests.roster_helpers import draft, far_month, issue, issued


@pytest.mark.req("ROSTER-1")
def test_default_patterns_give_the_three_shift_desk_the_front_desk_and_the_holiday_hours(project):
    svc.ensure_default_patterns(project=project)
    again = svc.ensure_default_patterns(project=project)
    front = {p.code: (p.starts, p.ends) for p in ShiftPattern.objects.filter(project=project, team="front_desk")}
    assert front["E"] == (dt.time(7, 30), dt.time(15, 30))
    assert front["M"] == (dt.time(9, 30), dt.time(17, 30))
    assert front["L"] == (dt.time(12, 0), dt.time(20, 0))
    assert front["H"] == (dt.time(9, 30), dt.time(17, 0))
    assert ShiftPattern.objects.filter(project=project, team="duty_desk").count() == 3
    assert again == []


@pytest.mark.req("ROSTER-1")
def test_only_the_supervisor_edits_a_shift_pattern(project, users):
    svc.ensure_default_patterns(project=project)
    early = ShiftPattern.objects.get(project=project, code="E")
    with pytest.raises(DomainError) as exc:
        svc.update_pattern(pattern=early, actor=users["kefu1"], starts=dt.time(7, 0))
    assert exc.value.code == "role_not_allowed" and exc.value.rule == "ROSTER-1"
    early.refresh_from_db()
    assert early.starts == dt.time(7, 30)
    svc.update_pattern(pattern=early, actor=users["kfzg"], starts=dt.time(7, 0))
    early.refresh_from_db()
    assert early.starts == dt.time(7, 0)


@pytest.mark.req("ROSTER-1")
def test_a_shift_ending_before_it_starts_ends_the_next_day(project, users):
    roster = draft(project, users, team="duty_desk", people=("kefu1",), codes=("S",))
    roster = issue(roster, users)
    day = roster.period_start
    assignment = sel.issued_assignments(project=project, day=day, person=users["kefu1"]).get()
    start, end = sel.shift_window(assignment)
    assert start == clock.at_beijing(day, dt.time(16, 0)) and end == clock.at_beijing(day + dt.timedelta(days=1), dt.time(0))
    found = sel.assignment_at(project=project, person=users["kefu1"], at=clock.at_beijing(day, dt.time(23, 30)))
    assert found == assignment
    assert sel.assignment_at(project=project, person=users["kefu1"], at=clock.at_beijing(day, dt.time(9))) is None


@pytest.mark.req("ROSTER-2")
def test_a_roster_goes_from_draft_through_review_and_approval_to_issue_with_everyone_notified(project, users):
    roster = issued(project, users)
    assert roster.status == RosterStatus.ISSUED and roster.reviewed_by == users["kfzg"]
    assert roster.approved_by == users["jingli"] and "客服部" in roster.issued_to
    assert not roster.drafted_late
    for name in ("kefu1", "kefu2"):
        assert Notification.objects.filter(recipient=users[name], kind="duty.roster.issued").exists()
    actions = set(AuditEvent.objects.filter(target_id=str(roster.pk), action__startswith="duty.roster.")
                  .values_list("action", flat=True))
    assert {"duty.roster.drafted", "duty.roster.reviewed", "duty.roster.approved", "duty.roster.issued"} <= actions
    assert sel.issued_assignments(project=project, day=roster.period_start).count() == 2


@pytest.mark.req("ROSTER-2")
def test_a_roster_drafted_after_the_25th_of_the_month_before_is_flagged_late(project, users):
    this_month = svc.month_start(clock.today())
    roster = draft(project, users, month=this_month)
    assert roster.drafted_late is True
    assert list(sel.late_drafts(project=project)) == [roster]
    assert svc.deadline_for_month(project=project, month=dt.date(2027, 3, 1)) == dt.date(2027, 2, 25)


@pytest.mark.req("ROSTER-2")
def test_nobody_reviews_their_own_draft_and_the_reviewer_does_not_approve(project, users):
    svc.ensure_default_patterns(project=project)
    roster = svc.create_draft(project=project, team="front_desk", month=far_month(), drafted_by=users["kfzg"])
    svc.save_cells(roster=roster, actor=users["kfzg"], cells={(users["kefu1"].pk, roster.period_start): "E"})
    with pytest.raises(DomainError) as exc:
        svc.review_roster(roster=roster, reviewer=users["kfzg"])
    assert exc.value.code == "self_approval" and exc.value.rule == "ROSTER-2"
    roster.refresh_from_db()
    assert roster.status == RosterStatus.DRAFT and roster.reviewed_by is None


@pytest.mark.req("ROSTER-2")
def test_the_assistant_cannot_approve_and_steps_cannot_be_skipped(project, users):
    roster = draft(project, users)
    with pytest.raises(DomainError) as exc:
        svc.approve_roster(roster=roster, approver=users["jingli"])
    assert exc.value.code == "illegal_transition"
    roster = svc.review_roster(roster=roster, reviewer=users["kfzg"])
    with pytest.raises(DomainError) as exc:
        svc.approve_roster(roster=roster, approver=users["kefu2"])
    assert exc.value.code == "role_not_allowed"
    roster.refresh_from_db()
    assert roster.status == RosterStatus.REVIEWED


@pytest.mark.req("ROSTER-2")
def test_the_manager_returns_a_roster_to_draft_with_a_reason(project, users):
    roster = svc.review_roster(roster=draft(project, users), reviewer=users["kfzg"])
    with pytest.raises(DomainError) as exc:
        svc.return_roster(roster=roster, actor=users["jingli"], comment="")
    assert exc.value.code == "required"
    roster = svc.return_roster(roster=roster, actor=users["jingli"], comment="周末人手不足")
    assert roster.status == RosterStatus.DRAFT and roster.comment == "周末人手不足"


@pytest.mark.req("ROSTER-5")
def test_issuing_a_revision_withdraws_the_old_version_and_both_are_kept(project, users):
    first = issued(project, users)
    with pytest.raises(DomainError) as exc:
        svc.revise_roster(roster=first, actor=users["kefu1"], reason="")
    assert exc.value.code == "required"
    second = svc.revise_roster(roster=first, actor=users["kefu1"], reason="陈静请长假")
    assert second.version == 2 and second.status == RosterStatus.DRAFT and second.supersedes == first
    assert second.assignments.count() == first.assignments.count()
    first.refresh_from_db()
    assert first.status == RosterStatus.ISSUED  # still in force until the revision is issued
    with pytest.raises(DomainError) as exc:
        svc.revise_roster(roster=first, actor=users["kefu1"], reason="again")
    assert exc.value.code == "revision_open"
    svc.save_cells(roster=second, actor=users["kefu1"], cells={(users["kefu2"].pk, second.period_start): ""})
    issue(second, users)
    first.refresh_from_db()
    assert first.status == RosterStatus.WITHDRAWN and first.withdrawn_at is not None
    assert [r.version for r in sel.versions_of(first)] == [2, 1]
    assert sel.issued_assignments(project=project, day=first.period_start).count() == 1


@pytest.mark.req("ROSTER-5")
def test_an_issued_roster_cannot_be_edited_in_place(project, users):
    roster = issued(project, users)
    with pytest.raises(DomainError) as exc:
        svc.save_cells(roster=roster, actor=users["kefu1"], cells={(users["kefu1"].pk, roster.period_start): "M"})
    assert exc.value.code == "not_draft" and exc.value.rule == "ROSTER-5"
    assert roster.assignments.get(person=users["kefu1"], day=roster.period_start).shift.code == "E"
    with pytest.raises(DomainError) as exc:
        svc.create_draft(project=project, team="front_desk", month=roster.month, drafted_by=users["kefu1"])
    assert exc.value.code == "roster_exists"
    assert Roster.objects.filter(project=project).count() == 1
