"""Reminders before the drafting deadline and the demo data (ROSTER-2)."""
import pytest

from core import clock
from core.models import Notification, Policy
from duty.demo import roster as demo
from duty.models import Roster
from duty.services import roster as svc
from duty.states import RosterStatus
from duty.sweeps import roster as sweeps
from duty.tests.roster_helpers import draft


@pytest.mark.req("ROSTER-2")
def test_a_draft_waiting_for_review_reminds_the_supervisor_once(project, users):
    draft(project, users)
    first = sweeps.sweep_project(project)
    again = sweeps.sweep_project(project)
    assert first >= 1 and again == 0
    assert Notification.objects.filter(recipient=users["kfzg"], kind="duty.roster.waiting").count() == 1
    assert not Notification.objects.filter(recipient=users["kefu1"], kind="duty.roster.waiting").exists()


@pytest.mark.req("ROSTER-2")
def test_drafters_are_reminded_before_the_deadline_while_next_months_roster_is_missing(project, users):
    svc.ensure_default_patterns(project=project)
    # A 31-day reminder window always contains today, whatever the date the suite runs on.
    Policy.objects.create(project=project, key="duty.roster.remind_days_before", value=31, clause="test")
    assert sweeps.sweep_project(project) >= 1
    assert Notification.objects.filter(recipient=users["kefu1"], kind="duty.roster.draft_due").exists()
    draft(project, users, month=svc.next_month(clock.today()))
    draft(project, users, month=svc.next_month(clock.today()), team="duty_desk", codes=("D", "N"))
    Notification.objects.all().delete()
    sweeps.sweep_project(project)
    assert not Notification.objects.filter(kind="duty.roster.draft_due").exists()


def test_the_demo_issues_this_month_and_drafts_next_month_idempotently(world):
    demo.build(world)
    demo.build(world)
    project = world.projects[0]
    rosters = Roster.objects.filter(project=project, team="front_desk").order_by("period_start")
    assert [r.status for r in rosters] == [RosterStatus.ISSUED, RosterStatus.DRAFT]
    assert set(rosters[0].assignments.values_list("person__username", flat=True)) == {"kefu1", "kefu2"}
