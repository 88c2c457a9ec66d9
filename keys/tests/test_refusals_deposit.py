"""Deposited and sealed keys: separation of duties on the opening, its reject branch and the refusals no other
test drove (KEY-DEPOSIT-1..8). Each refusal asserts its code and that no table moved."""
import datetime as dt

import pytest
from django.utils.translation import gettext

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Resident
from core.testing.fixtures import unchanged
from keys.models import (
    CustodyDelegation,
    DepositApproval,
    DepositCollection,
    DepositLockChange,
    DepositStatus,
    KeyDeposit,
    KeyDepositOpening,
    KeySet,
    OpeningStatus,
)
from keys.services import deposit as svc
from keys.services import deposit_opening as op
from keys.states import KeyStatus
from keys.tests.deposit_helpers import SIG, make_deposit, unit_and_resident

pytestmark = pytest.mark.django_db

DEPOSIT_TABLES = (KeyDeposit, KeySet, KeyDepositOpening, DepositApproval, DepositCollection, DepositLockChange,
                  CustodyDelegation)


def emergency_request(deposit, users):
    return op.request_opening(deposit=deposit, requested_by=users["kefu1"], kind="emergency",
                              emergency_kind="flooding", reason="楼上漏水")


@pytest.mark.req("KEY-DEPOSIT-2")
def test_one_person_holding_both_roles_cannot_approve_both_steps_of_an_opening(project, users, two_hats):
    supervisor_and_manager = two_hats("kfzg", "site_manager")
    deposit = make_deposit(project, users)
    opening = emergency_request(deposit, users)
    op.decide_opening(opening=opening, approver=supervisor_and_manager)
    with unchanged(*DEPOSIT_TABLES), pytest.raises(NotAllowed) as err:
        op.decide_opening(opening=opening, approver=supervisor_and_manager)
    assert err.value.code == "same_approver" and err.value.rule == "KEY-DEPOSIT-2"
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.REQUESTED and opening.approvals.count() == 1
    assert not op.may_approve(supervisor_and_manager, opening)
    op.decide_opening(opening=opening, approver=users["jingli"])  # a second person completes the chain
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.APPROVED


@pytest.mark.req("KEY-DEPOSIT-2")
def test_a_rejected_opening_puts_the_envelope_back_sealed_and_the_key_stays_sealed(project, users):
    deposit = make_deposit(project, users)
    opening = emergency_request(deposit, users)
    op.decide_opening(opening=opening, approver=users["kfzg"], approve=False, comment="物业核实无漏水")
    opening.refresh_from_db()
    deposit.refresh_from_db()
    assert opening.status == OpeningStatus.REJECTED
    assert deposit.status == DepositStatus.SEALED and deposit.key.status == KeyStatus.SEALED
    decision = opening.approvals.get()
    assert decision.approved is False and decision.approver == users["kfzg"] and decision.comment == "物业核实无漏水"
    with pytest.raises(DomainError):  # a rejected opening is never entered
        op.decide_opening(opening=opening, approver=users["jingli"])


@pytest.mark.req("KEY-DEPOSIT-2")
def test_a_rejection_without_a_reason_is_refused(project, users):
    opening = emergency_request(make_deposit(project, users), users)
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        op.decide_opening(opening=opening, approver=users["kfzg"], approve=False, comment="  ")
    assert err.value.code == "comment_required"


@pytest.mark.req("KEY-DEPOSIT-2")
def test_no_paperwork_is_taken_for_an_opening_not_yet_entered(project, users):
    opening = emergency_request(make_deposit(project, users), users)
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        op.complete_paperwork(opening=opening, actor=users["kefu1"], signer_name="业主", signature_image=SIG)
    assert err.value.code == "no_paperwork_due"


@pytest.mark.req("KEY-DEPOSIT-1")
def test_a_deposit_by_someone_not_living_in_the_unit_is_refused(project, users):
    unit, _resident = unit_and_resident(project)
    stranger = Resident.objects.filter(project=project).exclude(units=unit).first()
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        make_deposit(project, users, resident=stranger, signer_name=stranger.name)
    assert err.value.code == "resident_not_of_unit"


@pytest.mark.req("KEY-DEPOSIT-7")
@pytest.mark.parametrize("kind", ["", "resident", "neighbour"])
def test_a_temporary_deposit_names_what_kind_of_third_party_collects(project, users, kind):
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        make_deposit(project, users, sealed=False, is_temporary=True, third_party_name="王阿姨",
                     third_party_kind=kind, expires_at=clock.now() + dt.timedelta(days=1))
    assert err.value.code == "third_party_kind_required"


@pytest.mark.req("KEY-DEPOSIT-5")
def test_a_pickup_must_say_who_collects(project, users):
    deposit = make_deposit(project, users, sealed=False)
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        svc.collect_deposit(deposit=deposit, handed_by=users["kefu1"], collector_kind="stranger",
                            collector_name="某人", signer_image=SIG)
    assert err.value.code == "collector_kind_required"


@pytest.mark.req("KEY-DEPOSIT-6")
def test_a_lock_change_is_not_reported_on_a_closed_deposit(project, users):
    deposit = make_deposit(project, users, sealed=False)
    _unit, resident = unit_and_resident(project)
    svc.collect_deposit(deposit=deposit, handed_by=users["kefu1"], collector_kind="resident",
                        collector_name=resident.name, signer_image=SIG)
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        svc.report_lock_change(deposit=deposit, reported_by=users["kefu1"])
    assert err.value.code == "deposit_closed"


@pytest.mark.req("KEY-DEPOSIT-6")
def test_one_open_lock_change_at_a_time_and_a_completed_one_is_not_completed_again(project, users):
    deposit = make_deposit(project, users)
    change = svc.report_lock_change(deposit=deposit, reported_by=users["kefu1"], note="业主换锁")
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        svc.report_lock_change(deposit=deposit, reported_by=users["kefu1"], note="又换")
    assert err.value.code == "lock_change_open"
    _unit, resident = unit_and_resident(project)
    svc.complete_lock_change(change=change, actor=users["kefu1"], pieces=2, signer_name=resident.name,
                             signature_image=SIG, seal_number="S-002")
    with unchanged(*DEPOSIT_TABLES), pytest.raises(DomainError) as err:
        svc.complete_lock_change(change=change, actor=users["kefu1"], pieces=2, signer_name=resident.name,
                                 signature_image=SIG, seal_number="S-003")
    assert err.value.code == "lock_change_done"


@pytest.mark.req("KEY-DEPOSIT-8")
def test_custody_is_delegated_only_from_a_custodian_to_another_person_for_a_real_period(project, users):
    today = clock.today()
    with unchanged(*DEPOSIT_TABLES):
        with pytest.raises(DomainError) as err:
            svc.delegate_custody(project=project, custodian=users["baoan1"], delegate=users["kefu2"], starts_on=today,
                                 ends_on=today, reason="休假", created_by=users["kfzg"])
        assert err.value.code == "not_a_custodian"
        with pytest.raises(DomainError) as err:
            svc.delegate_custody(project=project, custodian=users["kefu1"], delegate=users["kefu1"], starts_on=today,
                                 ends_on=today + dt.timedelta(days=3), reason="休假", created_by=users["kfzg"])
        assert err.value.code == "invalid_delegation"
        with pytest.raises(DomainError) as err:
            svc.delegate_custody(project=project, custodian=users["kefu1"], delegate=users["kefu2"],
                                 starts_on=today, ends_on=today - dt.timedelta(days=1), reason="休假",
                                 created_by=users["kfzg"])
        assert err.value.code == "invalid_delegation"


@pytest.mark.req("KEY-DEPOSIT-8")
def test_the_delegation_page_refuses_a_leave_without_dates(client, project, users):
    client.force_login(users["kfzg"])
    with unchanged(*DEPOSIT_TABLES):
        response = client.post("/keys/deposits/delegation/", {
            "custodian": users["kefu1"].pk, "delegate": users["kefu2"].pk, "starts_on": "", "ends_on": "2027-02-30",
            "reason": "休假"}, follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any(gettext("Name another person and a valid leave period.") in m for m in shown), shown
