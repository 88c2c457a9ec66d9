"""Repair-period keys (KEY-REPAIR-1) and duplicates of vacant-unit keys (KEY-VACANT-1)."""
import datetime as dt

import pytest

from core import clock, crypto
from core.errors import Conflict, DomainError, NotAllowed
from duty.models import DutyEntry
from keys.models import DeveloperConfirmation, DuplicationStatus, RepairPickup
from keys.services import loss_vacant, repair_keys
from keys.states import KeyStatus
from keys.tests.helpers import apply
from keys.tests.loss_helpers import *

ID = "110105198001011234"


@pytest.mark.req("KEY-REPAIR-1")
def test_the_owner_collects_a_repair_key_with_an_id_card_that_is_stored_encrypted(users, repair_key):
    pickup = repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="业主2-202",
                                       relation="owner", id_kind="id_card", id_number=ID)
    repair_key.refresh_from_db()
    assert repair_key.status == KeyStatus.RETIRED and pickup.id_number_hint == "1234"
    assert ID not in pickup.id_number_cipher and crypto.decrypt_text(pickup.id_number_cipher) == ID


@pytest.mark.req("KEY-REPAIR-1")
def test_a_pickup_without_identity_is_refused_and_the_key_stays(users, repair_key):
    with pytest.raises(DomainError) as exc:
        repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="某人",
                                  relation="owner", id_kind="id_card", id_number="123")
    assert exc.value.code == "identity_required" and exc.value.rule == "KEY-REPAIR-1"
    repair_key.refresh_from_db()
    assert repair_key.status == KeyStatus.IN_STORE and not RepairPickup.objects.exists()


@pytest.mark.req("KEY-REPAIR-1")
def test_a_relative_needs_the_owners_consent_which_is_logged_to_the_minute(users, repair_key):
    with pytest.raises(DomainError) as exc:
        repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="家属", relation="family",
                                  id_kind="authorization", certificate_number="WT-01")
    assert exc.value.code == "owner_consent_required"
    pickup = repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"], picker_name="家属",
                                       relation="family", id_kind="authorization", certificate_number="WT-01",
                                       owner_consent=True)
    entry = DutyEntry.objects.get(source=f"keys.repair_pickup:{pickup.pk}")
    assert clock.beijing(pickup.owner_consent_at).strftime("%H:%M") in entry.what_happened


@pytest.mark.req("KEY-REPAIR-1")
def test_a_contractor_may_not_borrow_a_repair_key_without_the_developers_confirmation(users, repair_key):
    with pytest.raises(NotAllowed) as exc:
        repair_keys.require_developer_confirmation(key=repair_key, contractor_name="王师傅",
                                                   contractor_company="某装饰公司")
    assert exc.value.code == "developer_confirmation_required" and exc.value.rule == "KEY-REPAIR-1"
    repair_keys.record_developer_confirmation(key=repair_key, recorded_by=users["kefu1"],
                                              contractor_company="某装饰公司", developer_company="翠湖地产",
                                              developer_contact="刘工 13900000000", reference="KF-2026-018",
                                              valid_until=clock.today() + dt.timedelta(days=30),
                                              attachment_name="confirm.pdf", attachment_data=b"%PDF-1.4 test")
    repair_keys.require_developer_confirmation(key=repair_key, contractor_name="王师傅", contractor_company="某装饰公司")
    with pytest.raises(NotAllowed):  # another company is not covered
        repair_keys.require_developer_confirmation(key=repair_key, contractor_name="李", contractor_company="别家公司")
    # our own staff borrowing without a contractor need no confirmation, and the loan itself works
    repair_keys.require_developer_confirmation(key=repair_key)
    assert apply(repair_key, users).pk


@pytest.mark.req("KEY-REPAIR-1")
def test_an_expired_confirmation_no_longer_covers_the_contractor(users, repair_key):
    conf = repair_keys.record_developer_confirmation(key=repair_key, recorded_by=users["kefu1"],
                                                     contractor_company="A公司", developer_company="开发商",
                                                     developer_contact="刘工", reference="R1",
                                                     valid_until=clock.today())
    DeveloperConfirmation.objects.filter(pk=conf.pk).update(valid_until=clock.today() - dt.timedelta(days=1))
    with pytest.raises(NotAllowed):
        repair_keys.require_developer_confirmation(key=repair_key, contractor_name="x", contractor_company="A公司")


@pytest.mark.req("KEY-VACANT-1")
def test_duplicates_of_a_vacant_key_are_cut_only_after_the_custodian_heads_approval(users, vacant_key):
    req = loss_vacant.request_duplication(key=vacant_key, requested_by=users["kefu1"], reason="保洁需要", count=1)
    with pytest.raises(Conflict) as exc:
        loss_vacant.record_duplicates_cut(request=req, recorded_by=users["kefu1"])
    assert exc.value.code == "duplication_not_approved" and exc.value.rule == "KEY-VACANT-1"
    vacant_key.refresh_from_db()
    assert vacant_key.pieces == 2
    for outsider in ("xzzg", "jingli", "kefu2"):  # head of another department, a manager, an assistant
        with pytest.raises(NotAllowed) as exc:
            loss_vacant.decide_duplication(request=req, decided_by=users[outsider], approve=True)
        assert exc.value.code == "not_duplication_approver"
    req.refresh_from_db()
    assert req.status == DuplicationStatus.PENDING
    loss_vacant.decide_duplication(request=req, decided_by=users["kfzg"], approve=True)
    req = loss_vacant.record_duplicates_cut(request=req, recorded_by=users["kefu1"])
    vacant_key.refresh_from_db()
    assert req.status == DuplicationStatus.CUT and vacant_key.pieces == 3


@pytest.mark.req("KEY-VACANT-1")
def test_a_rejected_duplication_is_never_cut_and_nobody_approves_their_own(users, vacant_key):
    req = loss_vacant.request_duplication(key=vacant_key, requested_by=users["kfzg"], reason="备用", count=2)
    with pytest.raises(NotAllowed) as exc:
        loss_vacant.decide_duplication(request=req, decided_by=users["kfzg"], approve=True)
    assert exc.value.code == "self_approval"
    req = loss_vacant.request_duplication(key=vacant_key, requested_by=users["kefu1"], reason="备用", count=2)
    loss_vacant.decide_duplication(request=req, decided_by=users["kfzg"], approve=False, note="没有必要")
    with pytest.raises(Conflict):
        loss_vacant.record_duplicates_cut(request=req, recorded_by=users["kefu1"])
    vacant_key.refresh_from_db()
    assert vacant_key.pieces == 2


@pytest.mark.req("KEY-VACANT-1")
def test_only_vacant_unit_keys_go_through_duplication(users, unit_key):
    with pytest.raises(DomainError) as exc:
        loss_vacant.request_duplication(key=unit_key, requested_by=users["kefu1"], reason="x", count=1)
    assert exc.value.code == "not_vacant_key"
