"""Damage: assess, repair through 行政部 or pay cost price to finance; loss: compensation from cost and risk,
security reassessment, closure only when complete (KEY-LOSS-2, KEY-LOSS-3)."""
from decimal import Decimal

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.models import Policy
from core.testing.fixtures import PASSWORD
from keys.models import LossStatus
from keys.services import loss
from keys.services import loss_settlement as settle
from keys.states import KeyStatus
from keys.tests.loss_helpers import *
from keys.tests.loss_helpers import report


@pytest.mark.req("KEY-LOSS-2")
def test_a_repairable_damaged_key_is_repaired_by_administration_and_back_in_store(users, public_key):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=True, note="齿纹轻微变形")
    with pytest.raises(NotAllowed) as exc:
        settle.send_for_repair(report=rep, sent_by=users["kefu1"])  # 客服部 does not arrange repairs
    assert exc.value.code == "wrong_department"
    rep.refresh_from_db()
    assert rep.status == LossStatus.OPEN
    settle.send_for_repair(report=rep, sent_by=users["xingzheng"])
    rep = settle.complete_repair(report=rep, repaired_by=users["xzzg"], note="锁匠修复")
    public_key.refresh_from_db()
    assert public_key.status == KeyStatus.IN_STORE and rep.status == LossStatus.CLOSED


@pytest.mark.req("KEY-LOSS-2")
def test_an_unrepairable_key_is_paid_at_cost_price_to_finance_and_retired_from_the_ledger(users, public_key, finance):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=False, note="断裂")
    rep = settle.set_compensation(report=rep, set_by=users["xzzg"])
    assert rep.compensation == Decimal("40.00")  # default cost 20 × 2 pieces
    with pytest.raises(NotAllowed) as exc:
        settle.record_payment(report=rep, received_by=users["xingzheng"], amount="40", receipt_number="R-1")
    assert exc.value.code == "wrong_department"
    with pytest.raises(DomainError) as exc:
        settle.record_payment(report=rep, received_by=finance, amount="30", receipt_number="R-1")
    assert exc.value.code == "payment_mismatch"
    rep.refresh_from_db()
    assert rep.paid_at is None and rep.status == LossStatus.OPEN
    rep = settle.record_payment(report=rep, received_by=finance, amount="40.00", receipt_number="R-2026-001")
    public_key.refresh_from_db()
    assert rep.status == LossStatus.CLOSED and rep.receipt_number == "R-2026-001"
    assert rep.payment_received_by == finance and public_key.status == KeyStatus.RETIRED


@pytest.mark.req("KEY-LOSS-2")
def test_a_repairable_key_is_not_charged_and_an_unassessed_one_cannot_be_sent_for_repair(users, public_key):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    with pytest.raises(Conflict) as exc:
        settle.send_for_repair(report=rep, sent_by=users["xingzheng"])
    assert exc.value.code == "not_repairable"
    settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=True, note="可修")
    with pytest.raises(Conflict) as exc:
        settle.set_compensation(report=rep, set_by=users["xzzg"])
    assert exc.value.code == "not_assessed_unrepairable"
    rep.refresh_from_db()
    assert rep.compensation is None


@pytest.mark.req("KEY-LOSS-3")
def test_a_lost_unit_key_costs_its_price_times_risk_plus_a_lock_change(users, unit_key):
    rep = report(unit_key, users)
    amount, _basis = settle.suggest_compensation(rep)
    assert amount == Decimal(30) * 3 * 2 + 300  # unit: 30/piece × 3 pieces × risk 2 + lock change 300
    rep = settle.set_compensation(report=rep, set_by=users["kfzg"])
    assert rep.compensation == amount and "300" in rep.compensation_basis


@pytest.mark.req("KEY-LOSS-3")
def test_the_compensation_policy_is_data_per_project(users, project, unit_key):
    Policy.objects.create(project=project, key="keys.loss.compensation", clause="本项目规定",
                          value={"cost_per_piece": {"default": 10}, "risk_factor": {"default": 1}, "lock_change": {}})
    rep = report(unit_key, users)
    assert settle.suggest_compensation(rep)[0] == Decimal("30.00")


@pytest.mark.req("KEY-LOSS-3")
def test_another_amount_needs_its_reason_and_only_heads_set_it(users, unit_key):
    rep = report(unit_key, users)
    with pytest.raises(NotAllowed):
        settle.set_compensation(report=rep, set_by=users["kefu1"])
    with pytest.raises(DomainError) as exc:
        settle.set_compensation(report=rep, set_by=users["kfzg"], amount="100")
    assert exc.value.code == "basis_required"
    rep.refresh_from_db()
    assert rep.compensation is None
    rep = settle.set_compensation(report=rep, set_by=users["kfzg"], amount="100", basis="业户同意不换锁,仅补配")
    assert rep.compensation == Decimal("100.00")


@pytest.mark.req("KEY-LOSS-3")
def test_a_loss_closes_only_when_measures_payment_and_security_reassessment_are_recorded(users, lent_unit_key, finance):
    rep = report(lent_unit_key, users)
    with pytest.raises(Conflict) as exc:
        loss.close_report(report=rep, closed_by=users["kfzg"])
    assert exc.value.code == "report_incomplete"
    assert set(exc.value.details["missing"]) == {"statement", "measures", "compensation", "reassessment"}
    loss.write_statement(report=rep, author=users["gongcheng1"], text="遗失经过", password=PASSWORD)
    loss.request_lock_change(report=rep, requested_by=users["kfzg"], description="更换入户门锁芯")
    rep = settle.set_compensation(report=rep, set_by=users["kfzg"])
    with pytest.raises(NotAllowed) as exc:
        settle.record_reassessment(report=rep, recorded_by=users["kefu1"], note="加强巡逻", patrols_increased=True,
                                   lock_changed=True)
    assert exc.value.code == "wrong_department"
    settle.record_reassessment(report=rep, recorded_by=users["baz"], note="1栋加强夜间巡逻,门锁已换",
                               patrols_increased=True, lock_changed=True)
    with pytest.raises(Conflict) as exc:
        loss.close_report(report=rep, closed_by=users["kfzg"])
    assert exc.value.details["missing"] == ["payment"]
    rep.refresh_from_db()
    assert rep.status == LossStatus.OPEN
    settle.record_payment(report=rep, received_by=finance, amount=rep.compensation, receipt_number="R-7")
    rep = loss.close_report(report=rep, closed_by=users["kfzg"])
    lent_unit_key.refresh_from_db()
    assert rep.status == LossStatus.CLOSED and lent_unit_key.status == KeyStatus.LOST
    with pytest.raises(Conflict):
        loss.close_report(report=rep, closed_by=users["kfzg"])


@pytest.mark.req("KEY-LOSS-2")
def test_the_demo_builds_one_damaged_key_settled_by_payment_and_is_idempotent(world, project):
    from keys.demo import loss as demo_loss

    first = demo_loss.build(world)
    second = demo_loss.build(world)
    assert first.pk == second.pk and first.status == LossStatus.CLOSED and first.project == project
    assert first.kind == "damaged" and first.receipt_number == "CW-DEMO-0001"
