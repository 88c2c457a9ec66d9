import datetime as dt

import pytest

from core.errors import Conflict, NotAllowed
from keys.services import requests
from keys.states import RequestStatus
from keys.tests.helpers import lend


@pytest.mark.req("KEY-LOAN-8")
def test_an_extension_asked_before_the_deadline_and_approved_moves_the_due_time(project, users, unit_key):
    loan = lend(unit_key, users)
    new_due = loan.due_at + dt.timedelta(hours=5)
    ext = requests.request_extension(loan=loan, requested_by=users["gongcheng1"], new_due_at=new_due, reason="未修完")
    with pytest.raises(NotAllowed):
        requests.decide_extension(extension=ext, approver=users["gczg"], approve=True)  # not the custodian dept
    ext = requests.decide_extension(extension=ext, approver=users["kfzg"], approve=True)
    loan.refresh_from_db()
    assert ext.status == RequestStatus.APPROVED and loan.due_at == new_due


@pytest.mark.req("KEY-LOAN-8")
def test_an_extension_cannot_be_asked_after_the_deadline(project, users, unit_key):
    loan = lend(unit_key, users)
    loan.due_at = loan.checked_out_at - dt.timedelta(minutes=1)
    loan.save(update_fields=["due_at"])
    with pytest.raises(Conflict) as err:
        requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                   new_due_at=loan.due_at + dt.timedelta(days=1), reason="x")
    assert err.value.code == "extension_too_late" and err.value.rule == "KEY-LOAN-8"
    assert not loan.extensions.exists()


@pytest.mark.req("KEY-LOAN-8")
def test_a_rejected_extension_leaves_the_deadline(project, users, unit_key):
    loan = lend(unit_key, users)
    due = loan.due_at
    ext = requests.request_extension(loan=loan, requested_by=users["gongcheng1"], new_due_at=due + dt.timedelta(hours=1),
                                     reason="x")
    requests.decide_extension(extension=ext, approver=users["kfzg"], approve=False, comment="请按时归还")
    loan.refresh_from_db()
    assert loan.due_at == due


@pytest.mark.req("KEY-LOAN-9")
def test_handing_a_key_on_needs_administrations_prior_approval(project, users, public_key):
    loan = lend(public_key, users)
    transfer = requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"],
                                         reason="换班由保安继续巡查")
    loan.refresh_from_db()
    assert loan.holder == users["gongcheng1"]  # nothing moves before approval
    with pytest.raises(NotAllowed) as err:
        requests.decide_transfer(transfer=transfer, approver=users["gczg"], approve=True)
    assert err.value.rule == "KEY-LOAN-9"
    requests.decide_transfer(transfer=transfer, approver=users["xzzg"], approve=True)
    loan.refresh_from_db()
    assert loan.holder == users["baoan1"]


@pytest.mark.req("KEY-LOAN-9")
def test_only_the_holder_asks_and_never_to_an_outsider(project, users, public_key):
    loan = lend(public_key, users)
    with pytest.raises(NotAllowed):
        requests.request_transfer(loan=loan, requested_by=users["baoan1"], to_user=users["baoan1"], reason="x")
    with pytest.raises(NotAllowed):
        requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["bj_baoan1"], reason="x")
    assert not loan.transfers.exists()
