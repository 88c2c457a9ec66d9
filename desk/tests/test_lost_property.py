"""Lost property (LOST-1): found items registered with the finder, when and where, what and where kept; handed back
once, against ID (encrypted, masked) with the claimant's signature; disposed of only after the policy's keeping
period, by a supervisor before a witness who is someone else, with how and why; held items go into the shift
handover. Every refusal changes nothing."""
import datetime as dt

import pytest

from core import crypto, handoffs
from core.errors import DomainError
from core.models import Notification, Policy, Signature
from desk.models import LostItem, LostStatus
from desk.selectors.lost import due_for_disposal
from desk.services import lost
from desk.sweeps import lost as sweep
from desk.tests.passes_helpers import ID_NUMBER, MORNING, SIGNATURE, found_item


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


def hand_back(item, users, **overrides):
    spec = {"claimant_name": "业主 王女士", "id_number": ID_NUMBER, "signature_image": SIGNATURE}
    spec.update(overrides)
    return lost.hand_back(item=item, returned_by=users["kefu2"], **spec)


@pytest.mark.req("LOST-1")
def test_a_found_item_is_registered_with_finder_time_place_and_keeping(project, users, audited):
    item = found_item(project, users)
    assert item.serial == "ZL-20261126-001" and item.registered_at == MORNING
    assert (item.finder_name, item.place, item.kept_at, item.status) == ("郑保安", "1栋大堂", "前台保险柜", "held")
    assert item.found_at == MORNING - dt.timedelta(hours=1)
    assert audited("desk.lost.registered", item).data["finder"] == "郑保安"


@pytest.mark.req("LOST-1")
@pytest.mark.parametrize("overrides, code", [
    ({"found_at": MORNING + dt.timedelta(minutes=5)}, "found_in_future"),
    ({"found_at": "yesterday"}, "invalid_time"),
    ({"place": ""}, "required"),
    ({"kept_at": ""}, "required"),
    ({"finder_name": ""}, "required"),
    ({"description": "x" * 301}, "too_long"),
])
def test_an_item_without_what_the_register_needs_is_refused(project, users, unchanged, overrides, code):
    with unchanged(), pytest.raises(DomainError) as refused:
        found_item(project, users, **overrides)
    assert refused.value.code == code


@pytest.mark.req("LOST-1", "CORE-3", "CORE-6")
def test_the_owner_takes_it_back_against_id_and_signs(project, users, audited):
    item = hand_back(found_item(project, users), users)
    assert item.status == LostStatus.RETURNED and item.returned_by == users["kefu2"] and item.returned_at == MORNING
    assert crypto.decrypt_text(item.claimant_id_cipher) == ID_NUMBER and item.claimant_id_hint == "123X"
    signature = Signature.objects.get(object_id=str(item.pk), capacity="lost_claimant")
    assert signature.signer_name == "业主 王女士"
    assert ID_NUMBER not in str(audited("desk.lost.returned", item).data)


@pytest.mark.req("LOST-1")
def test_an_item_is_handed_back_once(project, users, unchanged):
    item = hand_back(found_item(project, users), users)
    with unchanged(item), pytest.raises(DomainError) as refused:
        hand_back(item, users, claimant_name="另一人")
    assert refused.value.code == "not_held" and refused.value.rule == "LOST-1"


@pytest.mark.req("LOST-1", "CORE-6")
@pytest.mark.parametrize("overrides, code", [
    ({"id_number": ""}, "invalid_id_number"),
    ({"signature_image": ""}, "signature_required"),
    ({"claimant_name": ""}, "required"),
])
def test_no_id_or_no_signature_no_return(project, users, unchanged, overrides, code):
    item = found_item(project, users)
    with unchanged(item), pytest.raises(DomainError) as refused:
        hand_back(item, users, **overrides)
    assert refused.value.code == code


@pytest.mark.req("LOST-1")
def test_disposal_waits_for_the_keeping_period(project, users, travel, unchanged, audited):
    item = found_item(project, users)  # found 08:30 on 26 Nov; the default keeps it 90 days
    travel(MORNING + dt.timedelta(days=89))
    assert not due_for_disposal(project=project).exists()
    with unchanged(item), pytest.raises(DomainError) as refused:
        lost.dispose(item=item, disposed_by=users["kfzg"], witness=users["kefu1"], method="police", reason="无人认领")
    assert refused.value.code == "keep_period_not_over" and "001 篇7" in refused.value.clause
    travel(MORNING + dt.timedelta(days=90))
    assert list(due_for_disposal(project=project)) == [item]
    item = lost.dispose(item=item, disposed_by=users["kfzg"], witness=users["kefu1"], method="police",
                        reason="无人认领,交派出所")
    assert item.status == LostStatus.DISPOSED and item.disposal_witness == users["kefu1"]
    assert audited("desk.lost.disposed", item).data["witness"] == users["kefu1"].display_name
    with unchanged(item), pytest.raises(DomainError) as refused:
        hand_back(item, users)
    assert refused.value.code == "not_held"


@pytest.mark.req("LOST-1")
def test_the_period_is_the_projects_policy(project, users, travel):
    Policy.objects.create(key="desk.lost.keep_days", project=project, value=30, clause="项目规定:保存30天")
    item = found_item(project, users)
    travel(MORNING + dt.timedelta(days=30))
    assert lost.keep_until(item) == dt.date(2026, 12, 26) and list(due_for_disposal(project=project)) == [item]


@pytest.mark.req("LOST-1")
def test_the_witness_is_someone_else_even_with_two_roles(project, users, travel, two_hats, unchanged):
    item = found_item(project, users)
    travel(MORNING + dt.timedelta(days=91))
    boss = two_hats("kfzg", "cs_assistant")
    for witness, code in ((boss, "same_person"), (None, "witness_required"), (users["bj_kefu1"], "witness_required")):
        with unchanged(item), pytest.raises(DomainError) as refused:
            lost.dispose(item=item, disposed_by=boss, witness=witness, method="charity", reason="无人认领")
        assert refused.value.code == code
    with unchanged(item), pytest.raises(DomainError) as refused:
        lost.dispose(item=item, disposed_by=users["kefu1"], witness=users["kefu2"], method="charity", reason="无人认领")
    assert refused.value.code == "role_not_allowed"
    with unchanged(item), pytest.raises(DomainError) as refused:
        lost.dispose(item=item, disposed_by=boss, witness=users["kefu1"], method="sold", reason="无人认领")
    assert refused.value.code == "invalid_choice"
    with unchanged(item), pytest.raises(DomainError) as refused:
        lost.dispose(item=item, disposed_by=boss, witness=users["kefu1"], method="charity", reason="")
    assert refused.value.code == "required"
    assert LostItem.objects.get(pk=item.pk).status == LostStatus.HELD


@pytest.mark.req("LOST-1", "HANDOVER-2")
def test_held_items_go_into_the_shift_handover(project, users):
    held = found_item(project, users)
    hand_back(found_item(project, users, description="雨伞"), users)
    section = handoffs.handover_sections.gather(project)["lost_property"]
    assert [row["serial"] for row in section] == [held.serial]
    assert section[0]["kept_at"] == "前台保险柜" and section[0]["item"] == "黑色钱包"


@pytest.mark.req("LOST-1")
def test_the_sweep_tells_the_supervisors_of_items_past_the_period_once(project, users, travel):
    found_item(project, users)
    assert sweep.sweep_project(project) == 0
    travel(MORNING + dt.timedelta(days=90))
    assert sweep.sweep_project(project) >= 1
    assert Notification.objects.filter(kind="desk.lost.due", recipient=users["kfzg"]).count() == 1
    assert sweep.sweep_project(project) == 0
