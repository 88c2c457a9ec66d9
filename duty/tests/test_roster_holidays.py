"""Statutory-holiday rosters: rotation through the team, issued to HR a week ahead (ROSTER-4)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.models import Notification
from duty.services import roster as svc
from duty.services.roster_holidays import create_holiday_roster
from duty.states import RosterStatus
from duty.tests.roster_helpers import front_team  # noqa: F401


def holiday(project, users, name, start, days=1):
    roster = create_holiday_roster(project=project, holiday_name=name, start=start,
                                   end=start + dt.timedelta(days=days - 1), drafted_by=users["kefu1"])
    roster = svc.review_roster(roster=roster, reviewer=users["kfzg"])
    return svc.approve_roster(roster=roster, approver=users["jingli"])


def people(roster):
    return [a.person.username for a in roster.assignments.order_by("day")]


@pytest.mark.req("ROSTER-4")
def test_holiday_duty_goes_to_the_next_person_each_holiday(project, users, front_team):
    start = clock.today() + dt.timedelta(days=30)
    first = svc.issue_roster(roster=holiday(project, users, "清明节", start), actor=users["kfzg"])
    second = svc.issue_roster(roster=holiday(project, users, "劳动节", start + dt.timedelta(days=20), days=2),
                              actor=users["kfzg"])
    assert people(first) == ["kefu1"]
    assert people(second) == ["kefu2", "kefu2"]
    assert first.assignments.first().shift.code == "H"
    assert "行政部" in first.issued_to.split("、")[0]
    assert Notification.objects.filter(recipient=users["xingzheng"], kind="duty.roster.issued").exists()


@pytest.mark.req("ROSTER-4")
def test_spring_festival_rotates_daily(project, users, front_team):
    roster = holiday(project, users, "春节", clock.today() + dt.timedelta(days=40), days=3)
    assert people(roster) == ["kefu1", "kefu2", "kefu1"]


@pytest.mark.req("ROSTER-4")
def test_a_holiday_roster_issued_less_than_a_week_ahead_is_refused_without_a_reason_then_flagged(
        project, users, front_team):
    roster = holiday(project, users, "中秋节", clock.today() + dt.timedelta(days=3))
    with pytest.raises(DomainError) as exc:
        svc.issue_roster(roster=roster, actor=users["kfzg"])
    assert exc.value.code == "holiday_roster_late" and exc.value.rule == "ROSTER-4"
    roster.refresh_from_db()
    assert roster.status == RosterStatus.APPROVED and not roster.issued_late
    roster = svc.issue_roster(roster=roster, actor=users["kfzg"], late_reason="假期调整通知晚到")
    assert roster.status == RosterStatus.ISSUED and roster.issued_late and roster.drafted_late


@pytest.mark.req("ROSTER-4")
def test_the_roster_works_without_the_holidays_calendar(project):
    from duty.services.roster_holidays import upcoming_holidays
    assert isinstance(upcoming_holidays(project), list)
