"""Items deposited or passed on for others (FRONT-3): only with the supervisor's or department manager's approval
(core.approvals: reject branch, never one's own, a user holding two roles), registered, signed in and out; held
items appear in the shift handover."""
import pytest

from core import handoffs, policies
from core.errors import DomainError
from core.models import Policy
from desk.models import Deposit, DepositStatus
from desk.services import deposits
from desk.tests.front_helpers import ID_CARD, SIGNATURE, deposit, held, morning


@pytest.mark.req("FRONT-3")
def test_an_item_is_approved_signed_in_held_in_the_handover_and_signed_out(project, users, travel, audited):
    moment = morning(travel)
    item = deposit(project, users["kefu1"])
    assert item.status == DepositStatus.PENDING
    item = deposits.decide_deposit(deposit=item, approver=users["kfzg"], approve=True)
    assert item.status == DepositStatus.APPROVED and item.approved_at == moment
    item = deposits.sign_in(deposit=item, taken_in_by=users["kefu1"], signature=SIGNATURE)
    assert item.status == DepositStatus.HELD
    section = handoffs.handover_sections.gather(project)["desk_held_items"]
    assert [row["serial"] for row in section if row["kind"] == "deposit"] == [item.serial]
    item = deposits.sign_out(deposit=item, released_by=users["kefu2"], collector_name="李四", id_type="resident_card",
                             id_number=ID_CARD, signature=SIGNATURE)
    assert item.status == DepositStatus.RELEASED and item.collector_id_hint == ID_CARD[-4:]
    assert not [r for r in handoffs.handover_sections.gather(project)["desk_held_items"] if r["kind"] == "deposit"]
    assert audited("desk.deposit.approved", item).actor_id == users["kfzg"].pk


@pytest.mark.req("FRONT-3")
def test_nothing_is_taken_in_before_approval(project, users, travel, unchanged):
    morning(travel)
    item = deposit(project, users["kefu1"])
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.sign_in(deposit=item, taken_in_by=users["kefu1"], signature=SIGNATURE)
    assert refused.value.code == "not_approved" and refused.value.rule == "FRONT-3"


@pytest.mark.req("FRONT-3", "CORE-5")
def test_a_rejection_needs_its_reason_and_closes_the_request(project, users, travel, unchanged, audited):
    morning(travel)
    item = deposit(project, users["kefu1"])
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.decide_deposit(deposit=item, approver=users["jingli"], approve=False, comment="")
    assert refused.value.code == "required"
    item = deposits.decide_deposit(deposit=item, approver=users["jingli"], approve=False, comment="贵重物品不代收")
    assert item.status == DepositStatus.REJECTED
    assert audited("desk.deposit.rejected", item).data["comment"] == "贵重物品不代收"
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.sign_in(deposit=item, taken_in_by=users["kefu1"], signature=SIGNATURE)
    assert refused.value.code == "not_approved"
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.decide_deposit(deposit=item, approver=users["kfzg"], approve=True)
    assert refused.value.code == "not_pending"


@pytest.mark.req("FRONT-3", "CORE-5")
def test_the_clerk_holding_the_supervisors_role_does_not_approve_her_own_request(project, users, travel, unchanged,
                                                                                 two_hats):
    morning(travel)
    clerk = two_hats("kefu1", "cs_supervisor")
    item = deposit(project, clerk)
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.decide_deposit(deposit=item, approver=clerk, approve=True)
    assert refused.value.code == "self_approval"
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.decide_deposit(deposit=item, approver=users["kefu2"], approve=True)
    assert refused.value.code == "approver_not_allowed"


@pytest.mark.req("FRONT-3", "CORE-5")
def test_nobody_decides_two_steps_of_one_request(project, users, travel, unchanged, two_hats):
    morning(travel)
    Policy.objects.create(project=project, key="desk.deposits.approval", clause="002 篇6 §4", value=[
        {"code": "supervisor", "label": "客务主管", "approver": "roles", "roles": ["cs_supervisor"]},
        {"code": "manager", "label": "部门经理", "approver": "roles", "roles": ["site_manager"]}])
    assert len(policies.value("desk.deposits.approval", project)) == 2
    boss = two_hats("kfzg", "site_manager")
    item = deposits.decide_deposit(deposit=deposit(project, users["kefu1"]), approver=boss, approve=True)
    with unchanged(item), pytest.raises(DomainError) as refused:
        deposits.decide_deposit(deposit=item, approver=boss, approve=True)
    assert refused.value.code == "same_approver_twice"
    item = deposits.decide_deposit(deposit=item, approver=users["jingli"], approve=True)
    assert item.status == DepositStatus.APPROVED


@pytest.mark.req("FRONT-3")
@pytest.mark.parametrize("overrides, code", [
    ({"kind": "loan"}, "invalid_kind"), ({"pieces": 0}, "invalid_pieces"), ({"reason": ""}, "required"),
    ({"description": ""}, "required"), ({"recipient_name": ""}, "required"),
])
def test_a_registration_with_bad_data_is_refused(project, users, travel, unchanged, overrides, code):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        deposit(project, users["kefu1"], **overrides)
    assert refused.value.code == code and not Deposit.objects.exists()


@pytest.mark.req("FRONT-3", "CORE-6")
def test_signing_out_needs_identification_and_a_signature(project, users, travel, unchanged):
    morning(travel)
    item = held(project, users)
    for id_number, signature, code in ((ID_CARD, "x", "signature_required"), ("1", SIGNATURE, "invalid_id_number")):
        with unchanged(item), pytest.raises(DomainError) as refused:
            deposits.sign_out(deposit=item, released_by=users["kefu1"], collector_name="李四",
                              id_type="resident_card", id_number=id_number, signature=signature)
        assert refused.value.code == code
