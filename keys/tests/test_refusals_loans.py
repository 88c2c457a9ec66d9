"""Applying, approving, cancelling and checking out a key: the refusals no other test drove (KEY-LOAN-1..5).
Each asserts its code and that no table moved."""
import pytest

from core.errors import Conflict, NotAllowed
from core.testing.fixtures import PASSWORD, unchanged
from keys.categories import Category
from keys.models import KeyLoan, KeySet, LoanApproval, LoanIncident
from keys.services import desk, followups, loans
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, approve_all, lend, make_key

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


@pytest.mark.req("KEY-LOAN-10")
def test_a_borrower_who_is_also_key_staff_cannot_close_the_incident_naming_them(users, public_key, two_hats):
    loan = lend(public_key, users)
    loan = desk.return_key(loan=loan, receiver=users["xingzheng"], scanned=public_key.tag_token, pieces_returned=1,
                           accept_discrepancy=True, note="少一把")
    incident = loan.incidents.get()
    assert incident.responsible == users["gongcheng1"]
    borrower = two_hats("gongcheng1", "admin_staff")  # the borrower now also issues keys for 行政部
    borrower.department = users["xingzheng"].department
    borrower.save(update_fields=["department"])
    with unchanged(LoanIncident, KeySet), pytest.raises(NotAllowed) as err:
        followups.resolve_incident(incident=incident, resolved_by=borrower, resolution="找到了", ledger_pieces=2)
    assert err.value.code == "self_approval" and err.value.rule == "KEY-LOAN-10"


@pytest.mark.req("KEY-LOAN-4")
def test_an_applicant_holding_the_emergency_role_cannot_release_their_own_loan(users, public_key, two_hats):
    applicant = two_hats("gongcheng1", "site_manager")
    loan = apply(public_key, users, is_emergency=True)
    with unchanged(*LOAN_TABLES), pytest.raises(NotAllowed) as err:
        loans.release_emergency(loan=loan, approver=applicant)
    assert err.value.code == "self_approval" and err.value.rule == "KEY-LOAN-4"
