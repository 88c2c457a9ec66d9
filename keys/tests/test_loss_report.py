"""Reporting a lost or damaged key, the statement, immediate measures and the same-day deadline (KEY-LOSS-1)."""
import datetime as dt

import pytest

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from core.testing.fixtures import PASSWORD
from duty.models import DutyEntry
from keys.models import KeyLoan, LossReport, MeasureKind
from keys.selectors import loss as selectors_loss
from keys.services import loss
from keys.states import KeyStatus, LoanStatus
from keys.sweeps import loss as sweeps_loss
from keys.tests.loss_helpers import *
from keys.tests.loss_helpers import report


@pytest.mark.req("KEY-LOSS-1")
def test_a_lost_key_is_reported_with_server_time_marked_lost_and_written_to_the_duty_log(users, lent_unit_key):
    before = clock.now()
    rep = report(lent_unit_key, users, by="gongcheng1")  # the borrower reports it himself
    lent_unit_key.refresh_from_db()
    assert rep.reported_at >= before and rep.reporter == users["gongcheng1"]
    assert lent_unit_key.status == KeyStatus.LOST
    entry = DutyEntry.objects.get(pk=rep.duty_entry_id)
    assert entry.source == f"keys.loss:{rep.pk}" and entry.kind == "key_custody"
    assert lent_unit_key.number in entry.what_happened and "1栋大堂" in entry.what_happened


@pytest.mark.req("KEY-LOSS-1")
def test_the_open_loan_of_a_lost_key_is_closed_with_no_pieces_back(users, lent_unit_key):
    loan = KeyLoan.objects.get(key=lent_unit_key, status=LoanStatus.LENT)
    rep = report(lent_unit_key, users)
    loan.refresh_from_db()
    assert rep.loan_id == loan.pk
    assert loan.status == LoanStatus.RETURNED and loan.pieces_in == 0 and loan.returned_intact is False


@pytest.mark.req("KEY-LOSS-1")
def test_a_report_without_place_or_circumstances_is_refused_and_nothing_changes(users, unit_key):
    with pytest.raises(DomainError) as exc:
        report(unit_key, users, place=" ")
    assert exc.value.code == "required" and exc.value.rule == "KEY-LOSS-1"
    unit_key.refresh_from_db()
    assert unit_key.status == KeyStatus.IN_STORE and not LossReport.objects.exists()
    assert not DutyEntry.objects.filter(source__startswith="keys.loss:").exists()


@pytest.mark.req("KEY-LOSS-1")
def test_someone_who_is_neither_borrower_nor_key_staff_may_not_report_a_key(users, unit_key):
    with pytest.raises(NotAllowed) as exc:
        report(unit_key, users, by="baoan1")
    assert exc.value.code == "not_loss_handler"
    assert not LossReport.objects.exists()


@pytest.mark.req("KEY-LOSS-1")
def test_a_second_report_of_a_key_already_lost_is_refused(users, unit_key):
    report(unit_key, users)
    with pytest.raises(Conflict) as exc:
        report(unit_key, users)
    assert exc.value.code == "key_not_in_custody"
    assert LossReport.objects.count() == 1


@pytest.mark.req("KEY-LOSS-1")
def test_the_borrower_writes_and_signs_the_statement_with_their_own_password(users, lent_unit_key):
    rep = report(lent_unit_key, users)
    with pytest.raises(NotAllowed) as exc:
        loss.write_statement(report=rep, author=users["kefu1"], text="我替他写", password=PASSWORD)
    assert exc.value.code == "not_the_borrower"
    with pytest.raises(NotAllowed) as exc:
        loss.write_statement(report=rep, author=users["gongcheng1"], text="经过", password="wrong")
    assert exc.value.code == "bad_credentials"
    rep.refresh_from_db()
    assert rep.statement_at is None and not signatures.signatures_of(rep).exists()
    loss.write_statement(report=rep, author=users["gongcheng1"], text="在1栋维修后遗失", password=PASSWORD)
    rep.refresh_from_db()
    sig = signatures.signatures_of(rep).get()
    assert sig.capacity == "loss_statement" and sig.signer == users["gongcheng1"]
    assert rep.statement == "在1栋维修后遗失"


@pytest.mark.req("KEY-LOSS-1")
def test_a_lock_change_is_recorded_as_a_measure_and_written_to_the_duty_log(users, unit_key):
    rep = report(unit_key, users)
    measure = loss.request_lock_change(report=rep, requested_by=users["kfzg"], description="通知工程部今日更换门锁")
    rep.refresh_from_db()
    assert measure.kind == MeasureKind.LOCK_CHANGE and rep.handled_at is not None
    entry = DutyEntry.objects.get(pk=measure.duty_entry_id)
    assert entry.source == f"keys.loss:{rep.pk}" and "通知工程部今日更换门锁" in entry.handling


@pytest.mark.req("KEY-LOSS-1")
def test_a_measure_by_someone_without_a_key_role_is_refused(users, unit_key):
    rep = report(unit_key, users)
    with pytest.raises(NotAllowed):
        loss.record_measure(report=rep, recorded_by=users["baoan1"], kind=MeasureKind.SEARCH, description="查找")
    rep.refresh_from_db()
    assert rep.handled_at is None and not rep.measures.exists()


@pytest.mark.req("KEY-LOSS-1")
def test_a_report_not_handled_by_the_end_of_the_day_is_flagged_and_reminded(users, project, unit_key):
    rep = report(unit_key, users)
    assert rep.handle_by > rep.reported_at
    assert clock.beijing(rep.handle_by).time() == dt.time(17, 30) or rep.handle_by - rep.reported_at < dt.timedelta(days=2)
    later = rep.handle_by + dt.timedelta(minutes=1)
    assert list(selectors_loss.unhandled_past_deadline(project=project, now=later)) == [rep]
    LossReport.objects.filter(pk=rep.pk).update(handle_by=clock.now() - dt.timedelta(minutes=1))
    sent = sweeps_loss.sweep_project(project)
    assert sent >= 2 and Notification.objects.filter(kind="keys.loss.unhandled", recipient=users["kfzg"]).exists()
    assert sweeps_loss.sweep_project(project) == 0  # never twice
    loss.record_measure(report=rep, recorded_by=users["kefu1"], kind=MeasureKind.SEARCH, description="已通知查找")
    assert not selectors_loss.unhandled_past_deadline(project=project).exists()


@pytest.mark.req("KEY-LOSS-1")
def test_a_damaged_key_in_store_is_marked_damaged(users, public_key):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    public_key.refresh_from_db()
    assert public_key.status == KeyStatus.DAMAGED and rep.kind == "damaged"


@pytest.mark.req("KEY-LOSS-1")
def test_the_deadline_is_the_end_of_the_working_day_or_the_next_one_when_reported_after_it(project):
    day = dt.date(2026, 3, 2)
    assert loss.handle_deadline(project, clock.at_beijing(day, dt.time(9, 0))) == clock.at_beijing(day, dt.time(17, 30))
    assert (loss.handle_deadline(project, clock.at_beijing(day, dt.time(18, 0)))
            == clock.at_beijing(day + dt.timedelta(days=1), dt.time(17, 30)))
