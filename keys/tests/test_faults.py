import pytest

from core.errors import DomainError
from keys.services import followups
from keys.states import FollowStatus, KeyStatus
from keys.tests.helpers import lend


@pytest.mark.req("KEY-LOAN-11")
def test_a_fault_met_in_use_is_reported_and_followed_up_to_resolution(project, users, public_key):
    loan = lend(public_key, users)
    fault = followups.report_fault(key=public_key, loan=loan, reported_by=users["gongcheng1"], kind="wont_open",
                                   description="钥匙打不开消防门")
    assert fault.status == FollowStatus.OPEN
    from keys.services import desk

    desk.return_key(loan=loan, receiver=users["xingzheng"], scanned=public_key.number, pieces_returned=2)
    followups.resolve_fault(fault=fault, resolved_by=users["xingzheng"], resolution="锁芯更换,钥匙重配",
                            key_usable=True)
    fault.refresh_from_db()
    public_key.refresh_from_db()
    assert fault.status == FollowStatus.RESOLVED and fault.resolved_by == users["xingzheng"]
    assert public_key.status == KeyStatus.IN_STORE


@pytest.mark.req("KEY-LOAN-11")
def test_a_fault_report_needs_what_is_wrong(project, users, public_key):
    with pytest.raises(DomainError):
        followups.report_fault(key=public_key, reported_by=users["gongcheng1"], kind="wont_open", description=" ")
    with pytest.raises(DomainError):
        followups.report_fault(key=public_key, reported_by=users["gongcheng1"], kind="lost?", description="x")
    assert not public_key.faults.exists()
