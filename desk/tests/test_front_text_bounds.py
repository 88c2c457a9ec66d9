"""Over-long text on the desk's daily registers is refused, never cut (FRONT-1..4; core.limits.fit): one character
over the column is `too_long` and changes nothing; exactly the column's length is stored whole."""
import pytest

from core.errors import DomainError
from desk.models import Deposit, MailItem, Visitor
from desk.tests.front_helpers import deposit, morning, parcel, visitor

CHAR = "长"


@pytest.mark.req("FRONT-1", "FRONT-2", "FRONT-3")
@pytest.mark.parametrize("build, model, field, limit", [
    (visitor, Visitor, "visitor_name", 60), (visitor, Visitor, "purpose", 200),
    (parcel, MailItem, "addressee", 100), (parcel, MailItem, "tracking_number", 60),
    (deposit, Deposit, "description", 200), (deposit, Deposit, "reason", 300),
])
def test_a_text_past_its_column_is_refused_and_one_that_fits_is_stored_whole(project, users, travel, unchanged,
                                                                             build, model, field, limit):
    morning(travel)
    with unchanged(), pytest.raises(DomainError) as refused:
        build(project, users["kefu1"], **{field: CHAR * (limit + 1)})
    assert refused.value.code == "too_long" and not model.objects.exists()
    assert getattr(build(project, users["kefu1"], **{field: CHAR * limit}), field) == CHAR * limit
