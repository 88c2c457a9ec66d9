"""The loss area's rules where they meet the ordinary lending flow (applying, taking back)."""
import pytest

from core.errors import NotAllowed
from core.testing.fixtures import PASSWORD  # noqa: F401
from keys.categories import Category
from keys.models import KeyLoan
from keys.services import desk
from keys.states import KeyStatus
from keys.tests.helpers import apply, issuer_for, lend, make_key
from keys.tests.loss_helpers import *  # noqa: F401,F403
from keys.tests.loss_helpers import report


@pytest.mark.req("KEY-REPAIR-1")
def test_applying_for_a_repair_key_for_a_contractor_is_refused_without_the_developers_confirmation(
        project, users, repair_key):
    before = KeyLoan.objects.count()
    with pytest.raises(NotAllowed) as exc:
        apply(repair_key, users, applicant="gongcheng1", contractor_name="王师傅", contractor_company="某装饰公司")
    assert exc.value.code == "developer_confirmation_required"
    assert KeyLoan.objects.count() == before


@pytest.mark.req("KEY-LOSS-2")
def test_a_key_reported_damaged_while_out_stays_damaged_when_handed_back_as_intact(project, users):
    key = make_key(project, users, Category.PUBLIC, name="2栋天台门", pieces=1)
    loan = lend(key, users)
    report(key, users, kind="damaged", by="kefu1")
    desk.return_key(loan=loan, receiver=issuer_for(key, users), scanned=key.number, pieces_returned=1, intact=True)
    key.refresh_from_db()
    assert key.status == KeyStatus.DAMAGED
