import pytest

from core.errors import Conflict, DomainError, NotAllowed
from keys.categories import Category
from keys.models import LoanIncident
from keys.services import desk, followups
from keys.states import FollowStatus, KeyStatus, LoanStatus
from keys.tests.helpers import PASSWORD, lend, make_key


def take_back(loan, users, receiver="xingzheng", **kw):
    args = dict(loan=loan, receiver=users[receiver], scanned=loan.key.tag_token, pieces_returned=loan.pieces_out)
    args.update(kw)
    return desk.return_key(**args)


@pytest.mark.req("KEY-LOAN-10")
def test_a_complete_return_puts_the_key_back_in_store(project, users, public_key):
    loan = take_back(lend(public_key, users), users)
    public_key.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and loan.returned_at and loan.received_by == users["xingzheng"]
    assert public_key.status == KeyStatus.IN_STORE and not loan.incidents.exists()


@pytest.mark.req("KEY-LOAN-10")
def test_a_piece_mismatch_is_refused_until_confirmed_then_opens_an_incident_naming_the_borrower(project, users,
                                                                                             public_key):
    loan = lend(public_key, users)
    with pytest.raises(Conflict) as err:
        take_back(loan, users, pieces_returned=1)
    assert err.value.code == "return_mismatch"
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT and not LoanIncident.objects.exists()
    loan = take_back(loan, users, pieces_returned=1, accept_discrepancy=True, note="少一把")
    incident = loan.incidents.get()
    assert incident.kind == "pieces_mismatch" and incident.responsible == users["gongcheng1"]
    assert (incident.expected, incident.actual, incident.status) == ("2", "1", FollowStatus.OPEN)
    with pytest.raises(NotAllowed):
        followups.resolve_incident(incident=incident, resolved_by=users["gongcheng1"], resolution="找到了")
    followups.resolve_incident(incident=incident, resolved_by=users["xzzg"], resolution="配钥匙", ledger_pieces=2)
    incident.refresh_from_db()
    assert incident.status == FollowStatus.RESOLVED


@pytest.mark.req("KEY-LOAN-10")
def test_for_repair_keys_the_issuer_is_responsible(project, users):
    key = make_key(project, users, Category.REPAIR, name="返修")
    loan = take_back(lend(key, users), users, receiver="kefu2", pieces_returned=1, accept_discrepancy=True)
    assert loan.incidents.get().responsible == users["kefu1"]


@pytest.mark.req("KEY-LOAN-10")
def test_a_damaged_key_is_recorded_and_taken_out_of_use(project, users, public_key):
    loan = take_back(lend(public_key, users), users, intact=False, accept_discrepancy=True)
    public_key.refresh_from_db()
    assert public_key.status == KeyStatus.DAMAGED and loan.incidents.get().kind == "not_intact"


@pytest.mark.req("KEY-LOAN-10")
def test_the_wrong_key_is_not_accepted_and_only_the_custodian_takes_keys_back(project, users, public_key):
    loan = lend(public_key, users)
    other = make_key(project, users, name="other")
    with pytest.raises(DomainError) as err:
        take_back(loan, users, scanned=other.tag_token)
    assert err.value.code == "key_mismatch"
    with pytest.raises(NotAllowed):
        take_back(loan, users, receiver="gczg")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT


@pytest.mark.req("KEY-LOAN-12")
def test_after_a_viewing_the_borrower_confirms_power_windows_and_lock(project, users, unit_key):
    loan = lend(unit_key, users, purpose_kind="viewing", purpose="带租客看房")
    with pytest.raises(DomainError) as err:
        take_back(loan, users, receiver="kefu1", checklist={"power_off": True, "windows_closed": True},
                  borrower_password=PASSWORD)
    assert err.value.code == "viewing_checklist_incomplete" and err.value.details["missing"] == ["door_locked"]
    full = {"power_off": True, "windows_closed": True, "door_locked": True}
    with pytest.raises(NotAllowed):
        take_back(loan, users, receiver="kefu1", checklist=full, borrower_password="wrong")
    loan = take_back(loan, users, receiver="kefu1", checklist=full, borrower_password=PASSWORD)
    assert (loan.power_off, loan.windows_closed, loan.door_locked) == (True, True, True)
