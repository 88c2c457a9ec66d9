"""audit.atomic(): a transaction's events are appended together, last, and only if it commits (CORE-5)."""
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import audit
from core.models import AuditEvent


def _record(users, i):
    return audit.record(actor=users["kefu1"], action="test.batched", target=("test", i), data={"i": i})


@pytest.mark.req("CORE-5")
def test_a_batch_appends_its_events_at_its_end_in_one_insert(users):
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        with audit.atomic():
            for i in range(3):
                _record(users, i)
            assert AuditEvent.objects.count() == before  # held back until the block ends
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "core_auditevent"' in q["sql"]]
    assert len(inserts) == 1
    # The tip locked, the events inserted, the tip moved: the last two in one statement on PostgreSQL.
    chain = [q["sql"] for q in ctx.captured_queries if "core_audit" in q["sql"] and "COUNT" not in q["sql"]]
    assert len(chain) == (2 if connection.vendor == "postgresql" else 3), chain
    events = list(AuditEvent.objects.filter(action="test.batched").order_by("seq"))
    assert [e.data["i"] for e in events] == [0, 1, 2]
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 3))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:]))
    assert audit.verify_chain().ok


@pytest.mark.req("CORE-5")
def test_a_batch_that_fails_leaves_no_event(users):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        with audit.atomic():
            _record(users, 1)
            raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == before
    assert audit.verify_chain().ok


@pytest.mark.req("CORE-5")
def test_an_event_in_a_rolled_back_savepoint_goes_with_it_and_the_rest_are_kept(users):
    with audit.atomic():
        _record(users, 1)
        try:
            with transaction.atomic():  # a nested step that fails on its own
                _record(users, 2)
                raise ValueError
        except ValueError:
            pass
        _record(users, 3)
    assert sorted(AuditEvent.objects.filter(action="test.batched").values_list("data__i", flat=True)) == [1, 3]
    assert audit.verify_chain().ok


@pytest.mark.req("CORE-5")
def test_an_event_in_a_kept_savepoint_is_appended_and_the_chain_still_verifies(users):
    with audit.atomic():
        _record(users, 1)
        with transaction.atomic():
            _record(users, 2)
        _record(users, 3)
    assert sorted(AuditEvent.objects.filter(action="test.batched").values_list("data__i", flat=True)) == [1, 2, 3]
    assert audit.verify_chain().ok


@pytest.mark.req("CORE-5")
def test_outside_a_batch_an_event_is_appended_at_once(users):
    event = _record(users, 7)
    assert event.pk is not None and event.seq and AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.req("CORE-5")
def test_a_batch_larger_than_one_insert_is_chained_whole(users):
    """An import's thousand events: inserted in chunks (SQLite's parameter limit), one chain, the tip moved once."""
    with CaptureQueriesContext(connection) as ctx:
        with audit.atomic():
            for i in range(1201):
                _record(users, i)
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "core_auditevent"' in q["sql"]]
    assert len(inserts) == 3
    events = list(AuditEvent.objects.filter(action="test.batched").order_by("seq"))
    assert [e.data["i"] for e in events] == list(range(1201))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:]))
    assert audit.verify_chain().ok
