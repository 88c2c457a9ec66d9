"""The side connection that counts a password checked inside a service's transaction (CORE-6, core.lockout).

It is kept by the thread between uses (opening a PostgreSQL backend per signature was most of a checkout's
cost), so these tests prove what keeping it must not lose: every use counts and commits at once, the
lock_timeout that stops a thread waiting on its own transaction is set on every connection it opens, and a
connection that died under it is replaced on the next use. SQLite has no side connection: there a check inside
a transaction reads the lock and its failure is written once the request is over."""
from __future__ import annotations

import pytest
from django.db import connection, connections, transaction

from core import lockout
from core.models import LoginThrottle

pytestmark = [pytest.mark.req("CORE-6"), pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def nothing_held_back():
    """Failures held back for a request's end (SQLite) belong to that request, not to the next test."""
    lockout.discard_pending()
    yield
    lockout.discard_pending()


def _check_inside_a_service(username: str, *, ok: bool) -> None:
    """A password checked inside a service's transaction that then rolls back, as a failed signature does."""
    with pytest.raises(RuntimeError), transaction.atomic():
        attempt = lockout.begin(username)
        assert isinstance(attempt, lockout.Attempt)
        attempt.settle(ok=ok)
        raise RuntimeError("the service refuses, its transaction rolls back")


def _side_setting(name: str) -> str:
    with connections[lockout.SIDE_ALIAS].cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_wrong_passwords_inside_a_rolled_back_transaction_still_count(users):
    _check_inside_a_service("kefu1", ok=False)
    _check_inside_a_service("kefu1", ok=False)
    if not lockout.side_connection_available():
        # SQLite: held back for the request's end, nothing written yet; flushing writes both.
        assert not LoginThrottle.objects.filter(username="kefu1", failures__gt=0).exists()
        lockout.flush_pending()
    assert LoginThrottle.objects.get(username="kefu1").failures == 2


def test_the_side_connection_is_kept_between_uses_with_its_lock_timeout(users):
    if not lockout.side_connection_available():
        _check_inside_a_service("kefu1", ok=False)
        assert getattr(lockout._side, "wrapper", None) is None  # SQLite never opens one
        return
    _check_inside_a_service("kefu1", ok=False)
    first = connections[lockout.SIDE_ALIAS].connection.info.backend_pid
    assert _side_setting("lock_timeout") == f"{lockout.SIDE_LOCK_TIMEOUT_MS // 1000}s"
    _check_inside_a_service("kefu1", ok=False)
    assert connections[lockout.SIDE_ALIAS].connection.info.backend_pid == first
    assert first != connection.connection.info.backend_pid  # its own backend, not the service's
    assert LoginThrottle.objects.get(username="kefu1").failures == 2


def test_a_side_connection_that_died_is_replaced_and_configured_again(users):
    if not lockout.side_connection_available():
        _check_inside_a_service("kefu1", ok=False)
        lockout.flush_pending()
        assert LoginThrottle.objects.get(username="kefu1").failures == 1
        return
    _check_inside_a_service("kefu1", ok=False)
    dead = connections[lockout.SIDE_ALIAS].connection.info.backend_pid
    with connection.cursor() as cursor:  # the server ends it, as a restart or an idle timeout would
        cursor.execute("SELECT pg_terminate_backend(%s)", [dead])
    lockout._recycle_side_connection()  # the end of the request: the next use checks it first
    _check_inside_a_service("kefu1", ok=False)
    assert connections[lockout.SIDE_ALIAS].connection.info.backend_pid != dead
    assert _side_setting("lock_timeout") == f"{lockout.SIDE_LOCK_TIMEOUT_MS // 1000}s"
    assert LoginThrottle.objects.get(username="kefu1").failures == 2
