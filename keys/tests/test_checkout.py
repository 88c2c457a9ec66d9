import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.signatures import signatures_of
from keys.services import desk
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import PASSWORD, apply, approve_all, lend


@pytest.fixture
def approved(project, users, public_key):
    return approve_all(apply(public_key, users), users)


def checkout(loan, users, issuer="xingzheng", **kw):
    args = dict(loan=loan, issuer=users[issuer], scanned=loan.key.tag_token, pieces_counted=loan.key.pieces,
                borrower_password=PASSWORD)
    args.update(kw)
    return desk.checkout_key(**args)


def unchanged(loan, key):
    loan.refresh_from_db()
    key.refresh_from_db()
    return loan.status == LoanStatus.APPROVED and key.status == KeyStatus.IN_STORE and not signatures_of(loan).exists()


@pytest.mark.req("KEY-LOAN-5")
def test_checkout_checks_number_and_pieces_and_both_sign(approved, users, public_key):
    loan = checkout(approved, users)
    public_key.refresh_from_db()
    assert loan.status == LoanStatus.LENT and public_key.status == KeyStatus.LENT
    assert loan.pieces_out == 2 and loan.issued_by == users["xingzheng"] and loan.checked_out_at
    sigs = {s.capacity: s.signer for s in signatures_of(loan)}
    assert sigs == {"borrower": users["gongcheng1"], "issuer": users["xingzheng"]}


@pytest.mark.req("KEY-LOAN-5")
def test_a_wrong_piece_count_is_refused_and_changes_nothing(approved, users, public_key):
    with pytest.raises(DomainError) as err:
        checkout(approved, users, pieces_counted=1)
    assert err.value.code == "piece_count_mismatch"
    assert unchanged(approved, public_key)


@pytest.mark.req("KEY-LOAN-5")
def test_the_scanned_key_must_be_the_approved_one(approved, users, public_key, project):
    from keys.tests.helpers import make_key

    other = make_key(project, users, name="other")
    with pytest.raises(DomainError) as err:
        checkout(approved, users, scanned=other.tag_token)
    assert err.value.code == "key_mismatch"
    assert unchanged(approved, public_key)


@pytest.mark.req("KEY-LOAN-5", "CORE-6")
def test_the_borrower_signs_with_their_own_password(approved, users, public_key):
    with pytest.raises(NotAllowed) as err:
        checkout(approved, users, borrower_password="the-clerks-password")
    assert err.value.code == "bad_credentials"
    assert unchanged(approved, public_key)


@pytest.mark.req("KEY-LOAN-5")
def test_public_keys_are_issued_by_administration_and_unit_keys_by_customer_service(project, users, public_key,
                                                                                    unit_key, approved):
    with pytest.raises(NotAllowed) as err:
        checkout(approved, users, issuer="kefu1")
    assert err.value.code == "not_custodian"
    unit_loan = approve_all(apply(unit_key, users), users)
    with pytest.raises(NotAllowed):
        checkout(unit_loan, users, issuer="xingzheng")
    assert checkout(unit_loan, users, issuer="kefu1").status == LoanStatus.LENT


@pytest.mark.req("KEY-LOAN-5")
def test_an_unapproved_loan_cannot_be_checked_out(project, users, public_key):
    loan = apply(public_key, users)
    with pytest.raises(Conflict) as err:
        checkout(loan, users)
    assert err.value.code == "illegal_transition"


@pytest.mark.req("KEY-LOAN-5")
def test_a_lent_key_cannot_be_lent_again(project, users, public_key):
    lend(public_key, users)
    second = approve_all(apply(public_key, users, applicant="baoan1"), users)
    with pytest.raises(Conflict) as err:
        checkout(second, users)
    assert err.value.code == "key_already_lent"


@pytest.mark.req("KEY-LOAN-5")
def test_the_database_itself_allows_one_open_loan_per_key(project, users, public_key):
    from django.db import IntegrityError, transaction

    first = lend(public_key, users)
    second = approve_all(apply(public_key, users, applicant="baoan1"), users)
    second.status = LoanStatus.LENT
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save(update_fields=["status"])
    assert first.status == LoanStatus.LENT
