"""A deactivated account's password signs nothing: every flow in the key room where a person confirms with
their own credentials refuses it with bad_credentials and leaves the record unsigned (CORE-6)."""
import pytest

from core import signatures
from core.errors import NotAllowed
from core.models import Signature
from core.testing.fixtures import PASSWORD, unchanged
from keys.models import KeyDepositOpening, KeyLoan, KeySet, LossReport, OpeningStatus, PurposeKind, ShiftKeySlip
from keys.services import deposit_opening as op
from keys.services import desk, loss
from keys.states import KeyStatus, LoanStatus
from keys.tests.custody_checks_helpers import collect, listed_keys
from keys.tests.deposit_helpers import approved_emergency, make_deposit, witnesses
from keys.tests.helpers import apply, approve_all, issuer_for, lend
from keys.tests.loss_helpers import report

pytestmark = pytest.mark.django_db


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def assert_refused(err):
    assert err.value.code == "bad_credentials" and err.value.rule == "CORE-6"


@pytest.mark.req("CORE-6", "KEY-LOAN-5")
def test_a_deactivated_borrower_cannot_sign_for_a_key(users, public_key):
    loan = approve_all(apply(public_key, users), users)
    deactivate(users["gongcheng1"])
    with unchanged(KeyLoan, KeySet), pytest.raises(NotAllowed) as err:
        desk.checkout_key(loan=loan, issuer=users["xingzheng"], scanned=public_key.tag_token,
                          pieces_counted=public_key.pieces, borrower_password=PASSWORD)
    assert_refused(err)
    assert KeyLoan.objects.get(pk=loan.pk).status == LoanStatus.APPROVED


@pytest.mark.req("CORE-6", "KEY-LOAN-12")
def test_a_deactivated_borrower_cannot_confirm_the_viewing_checklist(users, unit_key):
    loan = lend(unit_key, users, purpose_kind=PurposeKind.VIEWING)
    deactivate(users["gongcheng1"])
    with unchanged(KeyLoan, KeySet), pytest.raises(NotAllowed) as err:
        desk.return_key(loan=loan, receiver=issuer_for(unit_key, users), scanned=unit_key.tag_token,
                        pieces_returned=loan.pieces_out, borrower_password=PASSWORD,
                        checklist={"power_off": True, "windows_closed": True, "door_locked": True})
    assert_refused(err)
    assert KeySet.objects.get(pk=unit_key.pk).status == KeyStatus.LENT


@pytest.mark.req("CORE-6", "KEY-SHIFT-1")
def test_a_deactivated_guard_cannot_sign_a_key_handover_slip(project, users):
    keys = listed_keys(project, users)
    deactivate(users["baoan1"])
    with unchanged(ShiftKeySlip), pytest.raises(NotAllowed) as err:
        collect(project, users, keys)
    assert err.value.code == "not_project_staff"  # refused before either signs: not active, not staff


@pytest.mark.req("CORE-6", "KEY-DEPOSIT-3")
def test_a_deactivated_witness_cannot_sign_the_entry_with_a_sealed_key(project, users):
    opening = approved_emergency(make_deposit(project, users), users)
    deactivate(users["kefu2"])
    with unchanged(KeyDepositOpening, KeySet), pytest.raises(NotAllowed) as err:
        op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前")
    assert_refused(err)
    assert KeyDepositOpening.objects.get(pk=opening.pk).status == OpeningStatus.APPROVED


@pytest.mark.req("CORE-6", "KEY-DEPOSIT-3")
def test_a_deactivated_manager_cannot_sign_the_record_after_leaving(project, users):
    opening = approved_emergency(make_deposit(project, users), users)
    op.open_sealed_key(opening=opening, actor=users["kefu1"], witnesses=witnesses(users), before_note="进入前")
    deactivate(users["kfzg"])
    with unchanged(KeyDepositOpening), pytest.raises(NotAllowed) as err:
        op.close_opening(opening=opening, actor=users["kefu1"], after_note="已关窗", manager=users["kfzg"],
                         manager_password=PASSWORD)
    assert_refused(err)
    assert not signatures.signatures_of(opening).filter(capacity="manager").exists()


@pytest.mark.req("CORE-6", "KEY-LOSS-1")
def test_a_deactivated_borrower_cannot_sign_the_loss_statement(users, public_key):
    lend(public_key, users)
    rep = report(public_key, users, by="gongcheng1")
    deactivate(users["gongcheng1"])
    with unchanged(LossReport), pytest.raises(NotAllowed) as err:
        loss.write_statement(report=rep, author=users["gongcheng1"], text="巡查时遗失", password=PASSWORD)
    assert_refused(err)
    assert not Signature.objects.filter(capacity="loss_statement").exists()
