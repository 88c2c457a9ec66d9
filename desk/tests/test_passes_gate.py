"""The gate (PASS-1): the guard finds a pass of the project by its code (typed, or the link in its QR code), lets
the goods out once on their day — the guard and the server's time on the pass, any discrepancy noted — and is
refused, with nothing changed, for a pass used, revoked, rejected, not approved, out of its day, or another
project's. An access pass is checked the same way while valid."""
import datetime as dt

import pytest

from core.errors import DomainError
from desk.models import AccessPassCheck, GoodsPass, GoodsStatus
from desk.services import passes, passes_access, passes_gate
from desk.tests.passes_helpers import DAY, MORNING, access_pass, approved_pass, goods_pass


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


@pytest.mark.req("PASS-1")
def test_the_guard_lets_the_goods_out_once_with_his_name_and_the_server_time(project, users, travel, audited):
    made = approved_pass(project, users)
    at_gate = travel(MORNING + dt.timedelta(hours=2))
    found = passes_gate.find(project=project, code=f" {made.code.lower()} ")
    assert found == made and passes_gate.goods_refusal(found) is None
    out = passes_gate.record_exit(goods_pass=found, guard=users["baoan1"], discrepancy="纸箱实为5个")
    assert out.status == GoodsStatus.USED and out.exited_at == at_gate and out.exit_guard == users["baoan1"]
    assert out.discrepancy == "纸箱实为5个"
    assert audited("desk.goods_pass.let_out", out).data["discrepancy"] == "纸箱实为5个"


@pytest.mark.req("PASS-1")
def test_the_qr_codes_link_finds_the_pass(project, users):
    made = approved_pass(project, users)
    assert passes_gate.find(project=project, code=f"http://desk.example/desk/gate/?code={made.code}") == made


@pytest.mark.req("PASS-1")
def test_a_used_pass_is_refused_the_second_time(project, users, unchanged):
    made = passes_gate.record_exit(goods_pass=approved_pass(project, users), guard=users["baoan1"])
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes_gate.record_exit(goods_pass=made, guard=users["baoan1"])
    assert refused.value.code == "pass_used" and refused.value.rule == "PASS-1"


@pytest.mark.req("PASS-1")
def test_a_pass_is_refused_after_its_day_and_before_it(project, users, travel, unchanged):
    today = approved_pass(project, users)
    tomorrow = approved_pass(project, users, exit_date=DAY + dt.timedelta(days=1))
    with unchanged(tomorrow), pytest.raises(DomainError) as refused:
        passes_gate.record_exit(goods_pass=tomorrow, guard=users["baoan1"])
    assert refused.value.code == "pass_not_yet_valid"
    travel(MORNING + dt.timedelta(days=1))
    with unchanged(today), pytest.raises(DomainError) as refused:
        passes_gate.record_exit(goods_pass=today, guard=users["baoan1"])
    assert refused.value.code == "pass_expired"
    assert GoodsPass.objects.get(pk=today.pk).status == GoodsStatus.APPROVED


@pytest.mark.req("PASS-1")
def test_a_revoked_rejected_or_unapproved_pass_is_refused(project, users, unchanged):
    revoked = passes.revoke(goods_pass=approved_pass(project, users), revoked_by=users["kefu1"], reason="取消")
    rejected = passes.decide(goods_pass=goods_pass(project, users), approver=users["kfzg"], approve=False,
                             comment="物品有争议")
    pending = goods_pass(project, users)
    for made, code in ((revoked, "pass_revoked"), (rejected, "pass_rejected"), (pending, "pass_not_approved")):
        with unchanged(made), pytest.raises(DomainError) as refused:
            passes_gate.record_exit(goods_pass=made, guard=users["baoan1"])
        assert refused.value.code == code


@pytest.mark.req("PASS-1")
def test_only_a_guard_records_the_exit(project, users, unchanged):
    made = approved_pass(project, users)
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes_gate.record_exit(goods_pass=made, guard=users["kefu1"])
    assert refused.value.code == "role_not_allowed"


@pytest.mark.req("PASS-1", "CORE-1")
def test_a_code_of_another_project_is_unknown_at_this_gate(project, other_project, users, unchanged):
    made = approved_pass(project, users)
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes_gate.find(project=other_project, code=made.code)
    assert refused.value.code == "unknown_pass" and refused.value.status == 404
    with unchanged(made), pytest.raises(DomainError) as refused:
        passes_gate.record_exit(goods_pass=made, guard=users["bj_baoan1"])
    assert refused.value.code == "not_found"  # not a member: the pass does not exist for them


@pytest.mark.req("PASS-1")
def test_the_guard_checks_a_valid_access_pass_and_refuses_others(project, users, travel, unchanged, audited):
    card = access_pass(project, users, days=2)
    assert passes_gate.find(project=project, code=card.code) == card
    check = passes_gate.record_access_check(access_pass=card, guard=users["baoan1"])
    assert check.checked_at == MORNING and audited("desk.access_pass.checked", card)
    travel(MORNING + dt.timedelta(days=2))
    with unchanged(card), pytest.raises(DomainError) as refused:
        passes_gate.record_access_check(access_pass=card, guard=users["baoan1"])
    assert refused.value.code == "pass_expired"
    travel(MORNING)
    later = access_pass(project, users, valid_from=DAY + dt.timedelta(days=3), valid_until=DAY + dt.timedelta(days=5))
    returned = passes_access.close(access_pass=access_pass(project, users), closed_by=users["kefu1"], revoke=False)
    revoked = passes_access.close(access_pass=access_pass(project, users), closed_by=users["kefu1"], revoke=True,
                                  reason="证件丢失")
    for card, code in ((later, "pass_not_yet_valid"), (returned, "pass_returned"), (revoked, "pass_revoked")):
        with unchanged(card), pytest.raises(DomainError) as refused:
            passes_gate.record_access_check(access_pass=card, guard=users["baoan1"])
        assert refused.value.code == code
    assert AccessPassCheck.objects.count() == 1
