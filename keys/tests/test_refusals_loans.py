"""Applying, approving, cancelling and checking out a key: the refusals no other test drove (KEY-LOAN-1..5).
Each asserts its code and that no table moved."""
import pytest

from core.errors import Conflict, NotAllowed
from core.testing.fixtures import PASSWORD, unchanged
from keys.categories import Category
from keys.models import KeyLoan, KeySet, LoanApproval
from keys.services import desk, loans
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, approve_all, make_key

pytestmark = pytest.mark.django_db

LOAN_TABLES = (KeyLoan, KeySet, LoanApproval)


@pytest.mark.req("KEY-LOAN-5")
def test_a_clerk_cannot_lend_a_key_to_themselves(users, public_key):
    """xingzheng issues public keys for 行政部 and borrows one: issuer and borrower must be two people."""
    loan = approve_all(apply(public_key, users, applicant="xingzheng"), users)
    assert loan.status == LoanStatus.APPROVED and loan.holder == users["xingzheng"]
    with unchanged(*LOAN_TABLES), pytest.raises(NotAllowed) as err:
        desk.checkout_key(loan=loan, issuer=users["xingzheng"], scanned=public_key.tag_token,
                          pieces_counted=public_key.pieces, borrower_password=PASSWORD)
    assert err.value.code == "self_issue" and err.value.rule == "KEY-LOAN-5"
    assert KeySet.objects.get(pk=public_key.pk).status == KeyStatus.IN_STORE


@pytest.mark.req("KEY-LOAN-1")
def test_only_the_applicant_or_the_registering_clerk_cancels(users, public_key):
    loan = apply(public_key, users)
    with unchanged(*LOAN_TABLES), pytest.raises(NotAllowed) as err:
        loans.cancel_loan(loan=loan, actor=users["baoan1"], reason="不用了")
    assert err.value.code == "forbidden"


@pytest.mark.req("KEY-LOAN-3")
def test_an_approved_loan_is_not_approved_again(users, public_key):
    loan = approve_all(apply(public_key, users), users)
    with unchanged(*LOAN_TABLES), pytest.raises(Conflict) as err:
        loans.approve_loan(loan=loan, approver=users["xzzg"])
    assert err.value.code == "not_pending"


@pytest.mark.req("KEY-LOAN-1")
@pytest.mark.parametrize("status", [KeyStatus.LOST, KeyStatus.DAMAGED, KeyStatus.RETIRED])
def test_a_lost_damaged_or_retired_key_cannot_be_applied_for(project, users, status):
    key = make_key(project, users, Category.PUBLIC, name="配电房")
    KeySet.objects.filter(pk=key.pk).update(status=status)
    key.refresh_from_db()
    with unchanged(*LOAN_TABLES), pytest.raises(Conflict) as err:
        apply(key, users)
    assert err.value.code == "key_not_available"
