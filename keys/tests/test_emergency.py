import pytest

from core.errors import Conflict, NotAllowed
from keys.selectors.loans import emergency_paperwork_open
from keys.services import desk, loans
from keys.states import LoanStatus
from keys.tests.helpers import PASSWORD, apply


@pytest.mark.req("KEY-LOAN-4")
def test_an_emergency_loan_is_released_first_and_the_paperwork_tracked_until_done(project, users, unit_key):
    loan = apply(unit_key, users, is_emergency=True, purpose_kind="emergency", purpose="楼上漏水,紧急关阀")
    loan = loans.release_emergency(loan=loan, approver=users["jingli"])
    assert loan.status == LoanStatus.APPROVED and loan.paperwork_due_at
    loan = desk.checkout_key(loan=loan, issuer=users["kefu1"], scanned=unit_key.tag_token, pieces_counted=3,
                             borrower_password=PASSWORD)
    assert list(emergency_paperwork_open(project=project)) == [loan]
    for name in ("gczg", "kfzg", "xzzg"):
        loan = loans.approve_loan(loan=loan, approver=users[name])
        assert loan.status == LoanStatus.LENT
    assert loan.paperwork_completed_at is not None
    assert all(a.after_the_fact for a in loan.approvals.filter(is_emergency_release=False))
    assert list(emergency_paperwork_open(project=project)) == []


@pytest.mark.req("KEY-LOAN-4")
def test_only_the_emergency_roles_may_release_and_not_for_themselves(project, users, public_key):
    loan = apply(public_key, users, is_emergency=True)
    with pytest.raises(NotAllowed) as err:
        loans.release_emergency(loan=loan, approver=users["kefu2"])
    assert err.value.rule == "KEY-LOAN-4"
    own = apply(public_key, users, applicant="jingli", is_emergency=True)
    with pytest.raises(NotAllowed):
        loans.release_emergency(loan=own, approver=users["jingli"])


@pytest.mark.req("KEY-LOAN-4")
def test_an_ordinary_application_cannot_skip_its_approvals(project, users, public_key):
    loan = apply(public_key, users)
    with pytest.raises(Conflict) as err:
        loans.release_emergency(loan=loan, approver=users["jingli"])
    assert err.value.code == "not_emergency"
