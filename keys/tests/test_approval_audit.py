"""Every approval and decision in the key room writes its audit event: action, actor, target and, for an
approval, on whose approval (CORE-5). One test per flow, approve and reject branch alike."""
import datetime as dt

import pytest

from core import audit
from core.models import AuditEvent
from keys.services import deposit_opening as op
from keys.services import loans, loss_vacant, requests
from keys.tests.deposit_helpers import make_deposit
from keys.tests.helpers import apply, lend, make_key

pytestmark = pytest.mark.django_db


def the_event(target, action: str) -> AuditEvent:
    """The one event of this action on this target (audit.history reads by target type and id)."""
    events = [e for e in audit.history(target) if e.action == action]
    assert len(events) == 1, f"expected one {action} on {target!r}, found {len(events)}"
    return events[0]


def assert_decision(target, action: str, decider, *, approved: bool) -> AuditEvent:
    event = the_event(target, action)
    assert event.actor_id == decider.pk and event.actor_name == decider.display_name
    assert event.project_id == target.project_id
    if approved:
        assert event.approved_by == decider.display_name
    return event


@pytest.mark.req("CORE-5", "KEY-LOAN-3")
def test_each_loan_approval_step_and_a_rejection_are_audited(users, unit_key, public_key):
    loan = apply(unit_key, users)
    loans.approve_loan(loan=loan, approver=users["gczg"])
    event = assert_decision(loan, "keys.loan.approved", users["gczg"], approved=True)
    assert event.data["step"] == "dept_head"
    refused = apply(public_key, users)
    loans.reject_loan(loan=refused, approver=users["gczg"], comment="不需要")
    event = assert_decision(refused, "keys.loan.rejected", users["gczg"], approved=False)
    assert event.data == {"step": "dept_head", "comment": "不需要"}


@pytest.mark.req("CORE-5", "KEY-LOAN-4")
def test_an_emergency_release_is_its_own_approval_and_audited(users, unit_key):
    loan = apply(unit_key, users, is_emergency=True)
    loan = loans.release_emergency(loan=loan, approver=users["kfzg"], comment="水管爆裂")
    release = loan.approvals.get(is_emergency_release=True)
    assert release.step_code == "emergency_release" and release.approver == users["kfzg"]
    event = assert_decision(loan, "keys.loan.emergency_released", users["kfzg"], approved=True)
    assert event.data["paperwork_due_at"]


@pytest.mark.req("CORE-5", "KEY-LOAN-8")
@pytest.mark.parametrize("approve", [True, False])
def test_an_extension_decision_is_audited(users, unit_key, approve):
    loan = lend(unit_key, users)
    ext = requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                     new_due_at=loan.due_at + dt.timedelta(hours=2), reason="未修完")
    requests.decide_extension(extension=ext, approver=users["kfzg"], approve=approve, comment="")
    action = "keys.extension.approved" if approve else "keys.extension.rejected"
    event = assert_decision(loan, action, users["kfzg"], approved=approve)
    assert event.data["extension"] == ext.pk


@pytest.mark.req("CORE-5", "KEY-LOAN-9")
@pytest.mark.parametrize("approve", [True, False])
def test_a_transfer_decision_is_audited(users, public_key, approve):
    loan = lend(public_key, users)
    transfer = requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"],
                                         reason="换班")
    requests.decide_transfer(transfer=transfer, approver=users["xzzg"], approve=approve, comment="")
    action = "keys.transfer.approved" if approve else "keys.transfer.rejected"
    event = assert_decision(loan, action, users["xzzg"], approved=approve)
    assert event.data == {"transfer": transfer.pk, "from": users["gongcheng1"].pk, "to": users["baoan1"].pk}


@pytest.mark.req("CORE-5", "KEY-DEPOSIT-2")
def test_each_step_of_a_sealed_key_opening_decision_is_audited_with_its_approver(project, users):
    deposit = make_deposit(project, users)
    opening = op.request_opening(deposit=deposit, requested_by=users["kefu1"], kind="emergency",
                                 emergency_kind="flooding", reason="楼上漏水")
    op.decide_opening(opening=opening, approver=users["kfzg"])
    op.decide_opening(opening=opening, approver=users["jingli"])
    events = [e for e in audit.history(opening) if e.action == "keys.deposit.opening_decided"]
    assert [(e.actor_id, e.approved_by, e.data["step"], e.data["approved"]) for e in events] == [
        (users["kfzg"].pk, users["kfzg"].display_name, 0, True),
        (users["jingli"].pk, users["jingli"].display_name, 1, True)]


@pytest.mark.req("CORE-5", "KEY-DEPOSIT-2")
def test_a_rejected_sealed_key_opening_is_audited(project, users):
    deposit = make_deposit(project, users)
    opening = op.request_opening(deposit=deposit, requested_by=users["kefu1"], kind="emergency",
                                 emergency_kind="fire", reason="烟雾")
    op.decide_opening(opening=opening, approver=users["kfzg"], approve=False, comment="误报")
    event = assert_decision(opening, "keys.deposit.opening_decided", users["kfzg"], approved=False)
    assert event.data == {"step": 0, "approved": False, "comment": "误报"} and event.approved_by == ""


@pytest.mark.req("CORE-5", "KEY-VACANT-1")
@pytest.mark.parametrize("approve", [True, False])
def test_a_duplication_decision_is_audited(project, users, approve):
    key = make_key(project, users, "vacant", name="1栋301空房钥匙")
    req = loss_vacant.request_duplication(key=key, requested_by=users["kefu1"], reason="看房多", count=2)
    loss_vacant.decide_duplication(request=req, decided_by=users["kfzg"], approve=approve, note="" if approve else "不必")
    action = "keys.vacant.duplication_approved" if approve else "keys.vacant.duplication_rejected"
    event = assert_decision(req, action, users["kfzg"], approved=approve)
    assert event.data == {"key": key.number, "count": 2}
