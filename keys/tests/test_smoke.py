import pytest

from keys.states import LoanStatus
from keys.tests.helpers import lend


@pytest.mark.req("KEY-LOAN-5")
def test_a_public_key_is_lent_after_its_approval(project, users, public_key):
    loan = lend(public_key, users)
    public_key.refresh_from_db()
    assert loan.status == LoanStatus.LENT
    assert public_key.status == "lent"
