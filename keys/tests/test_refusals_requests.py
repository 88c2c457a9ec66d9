"""Extension and transfer requests on a lent key: the reject branch, separation of duties and every refusal
(KEY-LOAN-8, KEY-LOAN-9). Each refusal asserts its code and that no table moved."""
import datetime as dt

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.testing.fixtures import unchanged
from keys.models import KeyLoan, KeySet, LoanExtension, LoanTransfer
from keys.services import desk, requests
from keys.states import KeyStatus, LoanStatus, RequestStatus
from keys.tests.helpers import issuer_for, lend

pytestmark = pytest.mark.django_db

REQUEST_TABLES = (KeyLoan, KeySet, LoanExtension, LoanTransfer)


def give_back(loan, users):
    return desk.return_key(loan=loan, receiver=issuer_for(loan.key, users), scanned=loan.key.tag_token,
                           pieces_returned=loan.pieces_out)


@pytest.mark.req("KEY-LOAN-9")
def test_a_rejected_transfer_leaves_the_key_with_its_holder_and_nothing_else_moves(users, public_key):
    loan = lend(public_key, users)
    transfer = requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"],
                                         reason="换班由保安继续巡查")
    loan_before = KeyLoan.objects.filter(pk=loan.pk).values().get()
    key_before = KeySet.objects.filter(pk=public_key.pk).values().get()
    decided = requests.decide_transfer(transfer=transfer, approver=users["xzzg"], approve=False, comment="不得转借")
    assert decided.status == RequestStatus.REJECTED and decided.decided_by == users["xzzg"]
    assert KeyLoan.objects.filter(pk=loan.pk).values().get() == loan_before  # holder, status, due time unchanged
    assert KeyLoan.objects.get(pk=loan.pk).holder == users["gongcheng1"]
    assert KeySet.objects.filter(pk=public_key.pk).values().get() == key_before
    # The holder, not the refused recipient, is the one who must bring it back.
    with pytest.raises(NotAllowed) as err:
        requests.request_extension(loan=loan, requested_by=users["baoan1"],
                                   new_due_at=loan.due_at + dt.timedelta(hours=1), reason="x")
    assert err.value.code == "not_holder"


@pytest.mark.req("KEY-LOAN-9")
def test_an_administrator_who_is_the_recipient_cannot_approve_the_transfer_to_themselves(users, public_key):
    loan = lend(public_key, users)
    transfer = requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["xingzheng"],
                                         reason="行政部接手")
    with unchanged(*REQUEST_TABLES), pytest.raises(NotAllowed) as err:
        requests.decide_transfer(transfer=transfer, approver=users["xingzheng"], approve=True)
    assert err.value.code == "self_approval" and err.value.rule == "KEY-LOAN-9"


@pytest.mark.req("KEY-LOAN-9")
def test_a_holder_who_also_holds_the_approving_role_cannot_approve_their_own_transfer(users, public_key, two_hats):
    loan = lend(public_key, users)
    holder = two_hats("gongcheng1", "admin_staff")  # a technician acting as administration staff too
    holder.department = users["xingzheng"].department
    holder.save(update_fields=["department"])
    transfer = requests.request_transfer(loan=loan, requested_by=holder, to_user=users["baoan1"], reason="换班")
    with unchanged(*REQUEST_TABLES), pytest.raises(NotAllowed) as err:
        requests.decide_transfer(transfer=transfer, approver=holder, approve=True)
    assert err.value.code == "self_approval"


@pytest.mark.req("KEY-LOAN-8")
def test_a_holder_who_also_holds_the_approving_role_cannot_extend_their_own_loan(users, unit_key, two_hats):
    loan = lend(unit_key, users)
    holder = two_hats("gongcheng1", "cs_supervisor")
    holder.department = users["kfzg"].department
    holder.save(update_fields=["department"])
    ext = requests.request_extension(loan=loan, requested_by=holder, new_due_at=loan.due_at + dt.timedelta(hours=2),
                                     reason="未修完")
    with unchanged(*REQUEST_TABLES), pytest.raises(NotAllowed) as err:
        requests.decide_extension(extension=ext, approver=holder, approve=True)
    assert err.value.code == "self_approval" and err.value.rule == "KEY-LOAN-8"


@pytest.mark.req("KEY-LOAN-9")
def test_a_key_cannot_be_handed_to_its_own_holder(users, public_key):
    loan = lend(public_key, users)
    with unchanged(*REQUEST_TABLES), pytest.raises(DomainError) as err:
        requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["gongcheng1"],
                                  reason="x")
    assert err.value.code == "invalid_recipient"


@pytest.mark.req("KEY-LOAN-9")
def test_a_second_transfer_request_waits_for_the_first(users, public_key):
    loan = lend(public_key, users)
    requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"], reason="换班")
    with unchanged(*REQUEST_TABLES), pytest.raises(Conflict) as err:
        requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["kefu2"], reason="再换")
    assert err.value.code == "already_requested"


@pytest.mark.req("KEY-LOAN-8")
def test_a_second_extension_request_waits_for_the_first(users, unit_key):
    loan = lend(unit_key, users)
    requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                               new_due_at=loan.due_at + dt.timedelta(hours=1), reason="未修完")
    with unchanged(*REQUEST_TABLES), pytest.raises(Conflict) as err:
        requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                   new_due_at=loan.due_at + dt.timedelta(hours=3), reason="还要更久")
    assert err.value.code == "already_requested"


@pytest.mark.req("KEY-LOAN-8")
def test_only_the_holder_asks_for_an_extension(users, unit_key):
    loan = lend(unit_key, users)
    with unchanged(*REQUEST_TABLES), pytest.raises(NotAllowed) as err:
        requests.request_extension(loan=loan, requested_by=users["kefu2"],
                                   new_due_at=loan.due_at + dt.timedelta(hours=1), reason="x")
    assert err.value.code == "not_holder"


@pytest.mark.req("KEY-LOAN-8", "KEY-LOAN-9")
def test_a_returned_key_is_neither_extended_nor_handed_on(users, unit_key):
    loan = give_back(lend(unit_key, users), users)
    assert loan.status == LoanStatus.RETURNED
    with unchanged(*REQUEST_TABLES):
        with pytest.raises(Conflict) as err:
            requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                       new_due_at=loan.due_at + dt.timedelta(hours=1), reason="x")
        assert err.value.code == "not_lent"
        with pytest.raises(Conflict) as err:
            requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"], reason="x")
        assert err.value.code == "not_lent"


@pytest.mark.req("KEY-LOAN-9")
def test_a_transfer_approved_after_the_key_came_back_is_refused(users, public_key):
    loan = lend(public_key, users)
    transfer = requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["baoan1"],
                                         reason="换班")
    give_back(loan, users)
    with unchanged(*REQUEST_TABLES), pytest.raises(Conflict) as err:
        requests.decide_transfer(transfer=transfer, approver=users["xzzg"], approve=True)
    assert err.value.code == "not_lent"
    transfer.refresh_from_db()
    assert transfer.status == RequestStatus.PENDING
    assert KeySet.objects.get(pk=public_key.pk).status == KeyStatus.IN_STORE
