"""Key status changes only along the key's transition table (KEY_FLOW); anything else is refused and changes
nothing (KEY-LEDGER-1)."""
import pytest

from core.errors import Conflict
from keys.models import KeySet
from keys.services import ledger
from keys.states import KEY_FLOW, KeyStatus


@pytest.mark.req("KEY-LEDGER-1")
def test_a_retired_key_goes_nowhere(public_key, users):
    ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="门已拆除")
    key = KeySet.objects.get(pk=public_key.pk)
    for target in (KeyStatus.IN_STORE, KeyStatus.LENT, KeyStatus.SEALED):
        with pytest.raises(Conflict) as refused:
            ledger.set_status(key=key, status=target)
        assert refused.value.code == "illegal_transition"
        assert KeySet.objects.get(pk=key.pk).status == KeyStatus.RETIRED


@pytest.mark.req("KEY-LEDGER-1")
def test_retiring_twice_is_refused_and_changes_nothing(public_key, users):
    ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="门已拆除")
    before = KeySet.objects.get(pk=public_key.pk).updated_at
    with pytest.raises(Conflict) as refused:
        ledger.retire_key(key=public_key, actor=users["xingzheng"], reason="再次注销")
    assert refused.value.code == "illegal_transition"
    assert KeySet.objects.get(pk=public_key.pk).updated_at == before


@pytest.mark.req("KEY-LEDGER-1")
def test_a_lost_key_cannot_be_lent_without_being_found(public_key):
    ledger.set_status(key=public_key, status=KeyStatus.LOST)
    with pytest.raises(Conflict):
        ledger.set_status(key=public_key, status=KeyStatus.LENT)
    assert KeySet.objects.get(pk=public_key.pk).status == KeyStatus.LOST
    ledger.set_status(key=public_key, status=KeyStatus.IN_STORE)  # found again
    ledger.set_status(key=public_key, status=KeyStatus.LENT)
    assert KeySet.objects.get(pk=public_key.pk).status == KeyStatus.LENT


@pytest.mark.req("KEY-LEDGER-1")
def test_every_status_has_a_row_in_the_table():
    assert set(KEY_FLOW.transitions) == set(KeyStatus.values)
    assert KEY_FLOW.transitions[KeyStatus.RETIRED] == set()
