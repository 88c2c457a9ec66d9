"""Deposited and sealed keys: the service rules (KEY-DEPOSIT-1..9)."""
import datetime as dt

import pytest

from core import clock, signatures
from core.errors import DomainError, NotAllowed
from core.models import Attachment, Policy
from core.testing.fixtures import PASSWORD
from duty.models import DutyEntry
from keys.categories import Category
from keys.models import DepositCollection, DepositStatus, KeyDeposit, OpeningStatus
from keys.services import deposit as svc
from keys.services import deposit_opening as op
from keys.states import KeyStatus
from keys.tests.deposit_helpers import *
from keys.tests.deposit_helpers import PNG, SIG, approved_emergency, make_deposit, unit_and_resident, witnesses

pytestmark = pytest.mark.django_db


def entries(source_prefix):
    return DutyEntry.objects.filter(source__startswith=source_prefix)


@pytest.mark.req("KEY-DEPOSIT-1")
def test_a_sealed_deposit_puts_the_key_in_the_ledger_sealed_with_the_residents_signature(project, users):
    deposit = make_deposit(project, users)
    assert deposit.key.category == Category.DEPOSITED and deposit.key.status == KeyStatus.SEALED
    assert deposit.status == DepositStatus.SEALED and deposit.seal_number == "S-001" and deposit.serial
    sig = signatures.signatures_of(deposit).get()
    assert sig.capacity == "resident_seal" and sig.method == "on_screen" and sig.signer is None


@pytest.mark.req("KEY-DEPOSIT-1")
def test_a_sealed_deposit_without_a_seal_number_or_signature_is_refused_and_nothing_is_written(project, users):
    with pytest.raises(DomainError) as err:
        make_deposit(project, users, seal_number="")
    assert err.value.code == "seal_number_required"
    with pytest.raises(DomainError) as err:
        make_deposit(project, users, signature_image="nope")
    assert err.value.code == "signature_required"
    assert not KeyDeposit.objects.exists()
    from keys.models import KeySet
    assert not KeySet.objects.filter(category=Category.DEPOSITED).exists()


@pytest.mark.req("KEY-DEPOSIT-1")
def test_only_the_custodian_receives_a_deposit(project, users):
    with pytest.raises(NotAllowed) as err:
        make_deposit(project, users, clerk="gongcheng1")
    assert err.value.code == "not_custodian" and not KeyDeposit.objects.exists()


@pytest.mark.req("KEY-DEPOSIT-1")
def test_move_in_unit_keys_are_handed_over_with_both_signatures(project, users):
    unit, resident = unit_and_resident(project)
    handover = svc.hand_over_unit_keys(project=project, handed_by=users["kefu1"], unit=unit, resident=resident,
                                       keys_description="入户门钥匙3把", pieces=3, signer_name=resident.name,
                                       signature_image=SIG)
    caps = {s.capacity: s.signer_name for s in signatures.signatures_of(handover)}
    assert caps == {"handed_by": users["kefu1"].display_name, "owner": resident.name}


@pytest.mark.req("KEY-DEPOSIT-2")
def test_an_emergency_opening_needs_a_real_emergency_kind(sealed_deposit, users):
    with pytest.raises(DomainError) as err:
        op.request_opening(deposit=sealed_deposit, requested_by=users["kefu1"], kind="emergency",
                           emergency_kind="", reason="想进去看看")
    assert err.value.code == "not_an_emergency"
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.SEALED and not sealed_deposit.openings.exists()


@pytest.mark.req("KEY-DEPOSIT-2")
def test_the_emergency_chain_is_supervisor_then_site_manager_and_the_wrong_role_is_refused(sealed_deposit, users):
    opening = op.request_opening(deposit=sealed_deposit, requested_by=users["kefu1"], kind="emergency",
                                 emergency_kind="fire", reason="烟雾报警")
    with pytest.raises(NotAllowed) as err:
        op.decide_opening(opening=opening, approver=users["jingli"])
    assert err.value.code == "not_approver" and not opening.approvals.exists()
    op.decide_opening(opening=opening, approver=users["kfzg"])
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.REQUESTED
    op.decide_opening(opening=opening, approver=users["jingli"])
    opening.refresh_from_db()
    sealed_deposit.refresh_from_db()
    assert opening.status == OpeningStatus.APPROVED and sealed_deposit.status == DepositStatus.APPROVED


@pytest.mark.req("KEY-DEPOSIT-2")
def test_001s_chain_of_manager_then_general_manager_is_expressible_as_a_policy(project, users, sealed_deposit):
    Policy.objects.create(project=project, key="keys.deposit.emergency_chain", clause="001 篇15 3]", value=[
        {"label": "客服部经理", "roles": ["cs_supervisor"]}, {"label": "总经理", "roles": ["general_manager"]}])
    opening = op.request_opening(deposit=sealed_deposit, requested_by=users["kefu1"], kind="emergency",
                                 emergency_kind="gas_leak", reason="燃气泄漏")
    op.decide_opening(opening=opening, approver=users["kfzg"])
    with pytest.raises(NotAllowed):
        op.decide_opening(opening=opening, approver=users["jingli"])
    op.decide_opening(opening=opening, approver=users["zongjingli"])
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.APPROVED


@pytest.mark.req("KEY-DEPOSIT-2", "KEY-DEPOSIT-9")
def test_an_emergency_opening_is_refused_until_the_residents_call_is_logged_to_the_minute(sealed_deposit, users):
    opening = approved_emergency(sealed_deposit, users, called=False)
    with pytest.raises(DomainError) as err:
        op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前")
    assert err.value.code == "resident_call_required"
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.APPROVED and not signatures.signatures_of(opening).exists()
    op.log_resident_call(opening=opening, called_by=users["kefu1"], outcome="业主同意")
    opening.refresh_from_db()
    assert opening.resident_called_at.second == 0 and opening.resident_called_at.microsecond == 0
    entry = entries(f"keys.deposit.call:{opening.pk}").get()
    assert entry.kind == "key_custody" and entry.occurred_at == opening.resident_called_at
    assert clock.beijing(opening.resident_called_at).strftime("%H:%M") in entry.what_happened


@pytest.mark.req("KEY-DEPOSIT-2")
def test_a_written_request_needs_the_scan_and_the_responsible_persons_confirmation_then_stamp_later(
        sealed_deposit, users):
    with pytest.raises(DomainError) as err:
        op.request_opening(deposit=sealed_deposit, requested_by=users["kefu1"], kind="written_request",
                           reason="忘带钥匙", responsible_confirmed_with="行政王经理")
    assert err.value.code == "written_request_required"
    opening = op.request_opening(deposit=sealed_deposit, requested_by=users["kefu1"], kind="written_request",
                                 reason="忘带钥匙", responsible_confirmed_with="行政王经理",
                                 request_scan=("申请.png", PNG))
    op.decide_opening(opening=opening, approver=users["kfzg"])
    op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前")
    opening.refresh_from_db()
    assert opening.paperwork_due_at and opening.paperwork_completed_at is None
    with pytest.raises(DomainError) as err:
        op.complete_paperwork(opening=opening, actor=users["kefu1"], signer_name="业主", signature_image=SIG)
    assert err.value.code == "stamp_required"
    op.complete_paperwork(opening=opening, actor=users["kefu1"], signer_name="业主", signature_image=SIG, stamped=True)
    opening.refresh_from_db()
    assert opening.paperwork_completed_at is not None


@pytest.mark.req("KEY-DEPOSIT-3")
@pytest.mark.parametrize("names,code", [
    (("kefu1", "kefu1", "baoan1"), "witness_counted_twice"),
    (("kefu1", "kefu2"), "witness_quorum"),
    (("kefu1", "baoan1", "kefu2"), "witness_wrong_role"),
    (("kefu1", "kfzg", "baoan1"), "approver_as_witness"),
])
def test_the_witness_quorum_is_two_assistants_and_a_guard_each_a_different_non_approver(
        sealed_deposit, users, names, code):
    opening = approved_emergency(sealed_deposit, users)
    with pytest.raises(NotAllowed) as err:
        op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users, names),
                           before_note="进入前")
    assert err.value.code == code
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.APPROVED and not signatures.signatures_of(opening).exists()


@pytest.mark.req("KEY-DEPOSIT-3")
def test_a_witness_with_a_wrong_password_stops_the_opening(sealed_deposit, users):
    opening = approved_emergency(sealed_deposit, users)
    bad = [(users["kefu1"], PASSWORD), (users["kefu2"], "wrong"), (users["baoan1"], PASSWORD)]
    with pytest.raises(NotAllowed) as err:
        op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=bad, before_note="进入前")
    assert err.value.code == "bad_credentials"
    assert not signatures.signatures_of(opening).exists()


@pytest.mark.req("KEY-DEPOSIT-3")
def test_003s_two_person_variant_is_expressible(project, users, sealed_deposit):
    Policy.objects.create(project=project, key="keys.deposit.witnesses", clause="003 §4.4(1)⑤", value={
        "slots": [{"roles": ["cs_assistant", "security_guard"]}, {"roles": ["cs_assistant", "security_guard"]}],
        "min_persons": 2, "approvers_may_witness": False})
    opening = approved_emergency(sealed_deposit, users)
    with pytest.raises(NotAllowed) as err:
        op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users, ("kefu1",)),
                           before_note="进入前")
    assert err.value.code == "witness_quorum"
    op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users, ("kefu1", "baoan1")),
                       before_note="进入前")


@pytest.mark.req("KEY-DEPOSIT-3", "KEY-DEPOSIT-9")
def test_an_opening_is_witnessed_logged_and_closed_with_the_managers_signature(sealed_deposit, users):
    opening = approved_emergency(sealed_deposit, users)
    op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前检查")
    caps = {s.capacity: s.signer_id for s in signatures.signatures_of(opening)}
    assert caps == {"witness_1": users["kefu1"].pk, "witness_2": users["kefu2"].pk, "witness_3": users["baoan1"].pk}
    assert entries(f"keys.deposit.opened:{opening.pk}").exists()
    with pytest.raises(NotAllowed) as err:
        op.close_opening(opening=opening, actor=users["kefu1"], after_note="已关窗", manager=users["kefu2"],
                         manager_password=PASSWORD)
    assert err.value.code == "not_record_signer"
    op.close_opening(opening=opening, actor=users["kefu1"], after_note="已关窗", manager=users["kfzg"],
                     manager_password=PASSWORD)
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.CLOSED and opening.left_at


@pytest.mark.req("KEY-DEPOSIT-4")
def test_after_an_opening_the_key_awaits_reseal_with_a_new_seal_number(sealed_deposit, users):
    opening = approved_emergency(sealed_deposit, users)
    op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前")
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.OPENED
    assert sealed_deposit.get_status_display() == DepositStatus.OPENED.label
    with pytest.raises(DomainError) as err:
        op.reseal(opening=opening, actor=users["kefu1"], new_seal_number="S-001", signer_name="业主",
                  signature_image=SIG)
    assert err.value.code == "seal_number_reused"
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.OPENED and sealed_deposit.seal_number == "S-001"
    op.reseal(opening=opening, actor=users["kefu1"], new_seal_number="S-002", signer_name="业主", signature_image=SIG)
    sealed_deposit.refresh_from_db()
    sealed_deposit.key.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.RESEALED and sealed_deposit.seal_number == "S-002"
    assert sealed_deposit.key.status == KeyStatus.SEALED
    assert signatures.signatures_of(opening).filter(capacity="resident_reseal").exists()


@pytest.mark.req("KEY-DEPOSIT-5")
@pytest.mark.parametrize("kind,fields,code", [
    ("housekeeper", {}, "access_pass_required"),
    ("relative", {"id_number": "110105198001011234"}, "identity_copy_required"),
    ("agent", {"document": ("id.png", PNG)}, "identity_required"),
    ("relative", {"id_number": "110105198001011234", "document": ("id.png", PNG), "consent_call_made": False},
     "consent_call_required"),
])
def test_a_pickup_by_someone_else_is_refused_without_identity_copy_and_consent_call(
        sealed_deposit, users, kind, fields, code):
    args = {"consent_call_made": True, **fields}
    with pytest.raises(DomainError) as err:
        svc.collect_deposit(deposit=sealed_deposit, handed_by=users["kefu1"], collector_kind=kind,
                            collector_name="张三", signer_image=SIG, **args)
    assert err.value.code == code
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.SEALED and not DepositCollection.objects.exists()


@pytest.mark.req("KEY-DEPOSIT-5", "KEY-DEPOSIT-9")
def test_a_relative_collects_with_an_encrypted_id_copy_and_the_consent_call_in_the_duty_log(sealed_deposit, users):
    svc.collect_deposit(deposit=sealed_deposit, handed_by=users["kefu1"], collector_kind="relative",
                        collector_name="张三", signer_image=SIG, id_number="110105198001011234",
                        document=("id.png", PNG), consent_call_made=True)
    sealed_deposit.refresh_from_db()
    collection = sealed_deposit.collection
    assert sealed_deposit.status == DepositStatus.COLLECTED and collection.id_number_hint == "1234"
    assert "110105198001011234" not in collection.id_number_cipher
    attachment = Attachment.objects.get(object_id=str(collection.pk), kind="id_copy")
    assert attachment.encrypted
    call = entries(f"keys.deposit.consent:{sealed_deposit.pk}").get()
    assert call.occurred_at == collection.consent_called_at and collection.consent_called_at.second == 0
    assert entries(f"keys.deposit.collected:{sealed_deposit.pk}").exists()


@pytest.mark.req("KEY-DEPOSIT-5")
def test_a_housekeeper_collects_with_the_access_pass(sealed_deposit, users):
    svc.collect_deposit(deposit=sealed_deposit, handed_by=users["kefu1"], collector_kind="housekeeper",
                        collector_name="王阿姨", signer_image=SIG, access_pass_no="MJ-0088", consent_call_made=True)
    sealed_deposit.refresh_from_db()
    assert sealed_deposit.collection.access_pass_no == "MJ-0088"


@pytest.mark.req("KEY-DEPOSIT-6")
def test_a_lock_change_stays_open_and_is_chased_daily_until_new_key_in_and_old_key_back(project, users,
                                                                                        sealed_deposit):
    from keys.selectors import deposit as selectors_deposit
    from keys.sweeps import deposit as sweeps_deposit

    change = svc.report_lock_change(deposit=sealed_deposit, reported_by=users["kefu1"], note="业主换锁")
    assert list(selectors_deposit.open_lock_changes(project=project)) == [change]
    assert sweeps_deposit.sweep_project(project) >= 1
    assert sweeps_deposit.sweep_project(project) == 0  # once a day
    with pytest.raises(DomainError) as err:
        svc.complete_lock_change(change=change, actor=users["kefu1"], pieces=2, signer_name="业主",
                                 signature_image=SIG, seal_number="")
    assert err.value.code == "seal_number_required"
    svc.complete_lock_change(change=change, actor=users["kefu1"], pieces=2, signer_name="业主", signature_image=SIG,
                             seal_number="S-100")
    sealed_deposit.refresh_from_db()
    sealed_deposit.key.refresh_from_db()
    change.refresh_from_db()
    assert sealed_deposit.status == DepositStatus.RETURNED and sealed_deposit.key.status == KeyStatus.RETIRED
    assert change.new_deposit.status == DepositStatus.SEALED and change.completed_at
    assert not selectors_deposit.open_lock_changes(project=project).exists()


@pytest.mark.req("KEY-DEPOSIT-7")
def test_a_temporary_deposit_goes_only_to_the_named_third_party_before_expiry(project, users, settings):
    deposit = make_deposit(project, users, sealed=False, is_temporary=True, third_party_name="小时工刘",
                           third_party_kind="hourly_worker", expires_at=clock.now() + dt.timedelta(hours=5),
                           keeper=users["kefu2"])
    args = dict(handed_by=users["kefu1"], collector_kind="hourly_worker", signer_image=SIG,
                id_number="110105198001015678", document=("id.png", PNG), consent_call_made=True)
    with pytest.raises(NotAllowed) as err:
        svc.collect_deposit(deposit=deposit, collector_name="别人", **args)
    assert err.value.code == "not_the_named_third_party"
    KeyDeposit.objects.filter(pk=deposit.pk).update(expires_at=clock.now() - dt.timedelta(minutes=1))
    with pytest.raises(NotAllowed) as err:
        svc.collect_deposit(deposit=deposit, collector_name="小时工刘", **args)
    assert err.value.code == "deposit_expired"
    KeyDeposit.objects.filter(pk=deposit.pk).update(expires_at=clock.now() + dt.timedelta(hours=1))
    svc.collect_deposit(deposit=deposit, collector_name="小时工刘", **args)
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.COLLECTED


@pytest.mark.req("KEY-DEPOSIT-7")
def test_a_temporary_deposit_needs_its_third_party_and_expiry(project, users):
    with pytest.raises(DomainError) as err:
        make_deposit(project, users, sealed=False, is_temporary=True, third_party_name="小时工刘",
                     third_party_kind="hourly_worker", expires_at=None)
    assert err.value.code == "expiry_required" and not KeyDeposit.objects.exists()


@pytest.mark.req("KEY-DEPOSIT-8")
def test_a_delegate_acts_as_custodian_only_during_the_leave_and_it_is_audited(project, users):
    from core.audit import history

    with pytest.raises(NotAllowed):
        make_deposit(project, users, clerk="xingzheng")
    today = clock.today()
    delegation = svc.delegate_custody(project=project, custodian=users["kefu1"], delegate=users["xingzheng"],
                                      starts_on=today, ends_on=today + dt.timedelta(days=3), reason="年假",
                                      created_by=users["kfzg"])
    deposit = make_deposit(project, users, clerk="xingzheng")
    event = history(deposit).get(action="keys.deposit.deposited")
    assert event.data["as_delegate_of"] == users["kefu1"].pk and event.data["delegation"] == delegation.pk
    from keys.models import CustodyDelegation
    CustodyDelegation.objects.filter(pk=delegation.pk).update(ends_on=today - dt.timedelta(days=1))
    with pytest.raises(NotAllowed):
        svc.report_lock_change(deposit=deposit, reported_by=users["xingzheng"])


@pytest.mark.req("KEY-DEPOSIT-8")
def test_custody_cannot_be_delegated_by_an_outsider(project, users):
    today = clock.today()
    with pytest.raises(NotAllowed):
        svc.delegate_custody(project=project, custodian=users["kefu1"], delegate=users["xingzheng"], starts_on=today,
                             ends_on=today, reason="年假", created_by=users["gongcheng1"])


@pytest.mark.req("KEY-DEPOSIT-9")
def test_lending_and_returning_an_unsealed_deposited_key_is_written_to_the_duty_log(project, users):
    from keys.services import desk
    from keys.tests.helpers import apply, approve_all

    deposit = make_deposit(project, users, sealed=False)
    loan = approve_all(apply(deposit.key, users), users)
    loan = desk.checkout_key(loan=loan, issuer=users["kefu1"], scanned=deposit.key.tag_token, pieces_counted=2,
                             borrower_password=PASSWORD)
    lent = entries(f"keys.deposit.loan_lent:{loan.pk}").get()
    assert deposit.key.number in lent.what_happened and users["gongcheng1"].display_name in lent.what_happened
    desk.return_key(loan=loan, receiver=users["kefu1"], scanned=deposit.key.tag_token, pieces_returned=2)
    assert entries(f"keys.deposit.loan_returned:{loan.pk}").exists()


@pytest.mark.req("KEY-DEPOSIT-9")
def test_a_sealed_deposited_key_cannot_go_out_through_the_ordinary_loan_flow(project, users, sealed_deposit):
    from keys.models import KeyLoan
    from keys.tests.helpers import apply

    with pytest.raises(NotAllowed) as err:
        apply(sealed_deposit.key, users)
    assert err.value.code == "key_sealed" and not KeyLoan.objects.exists()


@pytest.mark.req("KEY-DEPOSIT-1")
def test_the_demo_builds_one_sealed_deposit_in_cuihu_once(world):
    from keys.demo import deposit as demo_deposit

    first = demo_deposit.build(world)
    assert demo_deposit.build(world).pk == first.pk and KeyDeposit.objects.count() == 1
    assert first.project.code == "cuihu" and first.status == DepositStatus.SEALED
