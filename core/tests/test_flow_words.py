"""A refused state change names the states in words, never by their codes (found by the widened contested
check: 不能从“cancelled”变为“cancelled”)."""
import pytest
from django.utils import translation

from core.errors import Conflict
from desk.models.repairs import REPAIR_FLOW, RepairStatus


@pytest.mark.req("CORE-8")
def test_an_illegal_transition_names_both_states_in_the_users_language():
    with translation.override("zh-hans"), pytest.raises(Conflict) as refused:
        REPAIR_FLOW.check("cancelled", RepairStatus.CANCELLED)
    assert refused.value.code == "illegal_transition"
    message = str(refused.value.message)
    assert "cancelled" not in message
    with translation.override("zh-hans"):
        assert str(RepairStatus.CANCELLED.label) in message
    assert refused.value.details == {"flow": "desk.repair", "from": "cancelled", "to": "cancelled"}
