"""Separation of duties on the roster with one person holding both roles: the supervisor who reviewed a roster
may not approve it, even when they are also a site manager (ROSTER-2)."""
import pytest

from core.errors import NotAllowed
from core.testing.fixtures import unchanged
from duty.models import Roster
from duty.services import roster as svc
from duty.states import RosterStatus
from duty.tests.roster_helpers import draft

pytestmark = pytest.mark.django_db


@pytest.mark.req("ROSTER-2")
def test_the_reviewer_holding_the_approvers_role_too_cannot_approve_what_they_reviewed(project, users, two_hats):
    reviewer_and_manager = two_hats("kfzg", "site_manager")
    roster = svc.review_roster(roster=draft(project, users), reviewer=reviewer_and_manager)
    with unchanged(Roster), pytest.raises(NotAllowed) as err:
        svc.approve_roster(roster=roster, approver=reviewer_and_manager)
    assert err.value.code == "self_approval" and err.value.rule == "ROSTER-2"
    roster.refresh_from_db()
    assert roster.status == RosterStatus.REVIEWED and roster.approved_by is None
    assert svc.approve_roster(roster=roster, approver=users["jingli"]).status == RosterStatus.APPROVED
