"""Lost and damaged keys: the refusals no other test drove (KEY-LOSS-1..3). Each asserts its code and that no
table moved."""
import pytest

from core.errors import Conflict, DomainError
from core.testing.fixtures import unchanged
from keys.models import KeyLoan, KeySet, LossMeasure, LossReport
from keys.services import loss
from keys.services import loss_settlement as settle
from keys.tests.loss_helpers import *  # fixtures: finance, lent_unit_key
from keys.tests.loss_helpers import report

pytestmark = pytest.mark.django_db

LOSS_TABLES = (LossReport, LossMeasure, KeySet, KeyLoan)


def damaged(key, users, *, repairable=None):
    rep = report(key, users, kind="damaged", by="xingzheng")
    if repairable is not None:
        rep = settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=repairable, note="检查")
    return rep


def paid_loss(key, users, finance):
    rep = report(key, users, by="xingzheng")
    rep = settle.set_compensation(report=rep, set_by=users["xzzg"])
    return settle.record_payment(report=rep, received_by=finance, amount=rep.compensation, receipt_number="R-1")


@pytest.mark.req("KEY-LOSS-2")
def test_damage_is_assessed_once(users, public_key):
    rep = damaged(public_key, users, repairable=True)
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.assess_damage(report=rep, assessed_by=users["xzzg"], repairable=False, note="改主意")
    assert err.value.code == "already_assessed"


@pytest.mark.req("KEY-LOSS-2")
def test_a_lost_key_is_not_assessed_for_repair(users, public_key):
    rep = report(public_key, users, by="xingzheng")
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=True, note="x")
    assert err.value.code == "not_damaged"


@pytest.mark.req("KEY-LOSS-3")
def test_a_damaged_key_gets_no_security_reassessment(users, public_key):
    rep = damaged(public_key, users)
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.record_reassessment(report=rep, recorded_by=users["baz"], note="加强巡逻", patrols_increased=True,
                                   lock_changed=False)
    assert err.value.code == "not_lost"


@pytest.mark.req("KEY-LOSS-2")
def test_a_repair_is_completed_only_after_it_was_sent(users, public_key):
    rep = damaged(public_key, users, repairable=True)
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.complete_repair(report=rep, repaired_by=users["xingzheng"], note="修好")
    assert err.value.code == "not_in_repair"


@pytest.mark.req("KEY-LOSS-2")
def test_a_damaged_key_still_out_on_loan_is_not_sent_for_repair(users, lent_unit_key):
    rep = report(lent_unit_key, users, kind="damaged", by="kefu1")
    rep = settle.assess_damage(report=rep, assessed_by=users["kefu1"], repairable=True, note="可修")
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.send_for_repair(report=rep, sent_by=users["xingzheng"])
    assert err.value.code == "key_still_lent"


@pytest.mark.req("KEY-LOSS-3")
def test_a_payment_waits_for_the_compensation(users, public_key, finance):
    rep = report(public_key, users, by="xingzheng")
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        settle.record_payment(report=rep, received_by=finance, amount="10", receipt_number="R-1")
    assert err.value.code == "compensation_not_set"


@pytest.mark.req("KEY-LOSS-3")
def test_a_paid_compensation_is_neither_paid_again_nor_changed(users, public_key, finance):
    rep = paid_loss(public_key, users, finance)
    with unchanged(*LOSS_TABLES):
        with pytest.raises(Conflict) as err:
            settle.record_payment(report=rep, received_by=finance, amount=rep.compensation, receipt_number="R-2")
        assert err.value.code == "already_paid"
        with pytest.raises(Conflict) as err:
            settle.set_compensation(report=rep, set_by=users["xzzg"], amount="1", basis="少收")
        assert err.value.code == "already_paid"


@pytest.mark.req("KEY-LOSS-1", "KEY-LOSS-2")
def test_a_closed_report_takes_no_more_measures_or_settlement(users, public_key, finance):
    rep = damaged(public_key, users, repairable=True)
    settle.send_for_repair(report=rep, sent_by=users["xingzheng"])
    rep = settle.complete_repair(report=rep, repaired_by=users["xingzheng"], note="修好")
    assert rep.status == "closed"
    with unchanged(*LOSS_TABLES):
        with pytest.raises(Conflict) as err:
            loss.record_measure(report=rep, recorded_by=users["xingzheng"], kind="search", description="再找")
        assert err.value.code == "report_closed"
        with pytest.raises(Conflict) as err:
            settle.assess_damage(report=rep, assessed_by=users["xingzheng"], repairable=False, note="x")
        assert err.value.code == "report_closed"


@pytest.mark.req("KEY-LOSS-1")
def test_an_unknown_measure_is_refused(users, public_key):
    rep = report(public_key, users, by="xingzheng")
    with unchanged(*LOSS_TABLES), pytest.raises(DomainError) as err:
        loss.record_measure(report=rep, recorded_by=users["xingzheng"], kind="pray", description="祈祷")
    assert err.value.code == "invalid_measure"


@pytest.mark.req("KEY-LOSS-1")
def test_a_key_has_one_open_report_at_a_time(users, public_key):
    report(public_key, users, kind="damaged", by="xingzheng")
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        report(public_key, users, kind="damaged", by="xingzheng")
    assert err.value.code == "open_report_exists"


@pytest.mark.req("KEY-LOSS-1")
def test_the_statement_is_written_and_signed_once(users, lent_unit_key):
    rep = report(lent_unit_key, users, by="gongcheng1")
    loss.write_statement(report=rep, author=users["gongcheng1"], text="维修后遗失")
    with unchanged(*LOSS_TABLES), pytest.raises(Conflict) as err:
        loss.write_statement(report=rep, author=users["gongcheng1"], text="改写")
    assert err.value.code == "statement_exists"
