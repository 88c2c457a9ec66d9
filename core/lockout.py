"""Locking a username after repeated wrong passwords (CORE-6; OWASP ASVS 4.0 2.2.1 / 5.0 6.1.1).

After LOGIN_LOCKOUT_THRESHOLD failures within LOGIN_LOCKOUT_WINDOW seconds the username is locked
for LOGIN_LOCKOUT_SECONDS. The cool-off is fixed: attempts made while locked are refused without
looking at the password and do not extend the lock, so an attacker cannot keep a user out for
longer than one cool-off per burst, and the password cannot be guessed while locked. One counter
per username serves the sign-in page, API basic auth and every signature by password.

Failures are stored in the database (shared by all processes). A password check that fails inside
a service's transaction is followed by that transaction's rollback, which would erase the failure;
so such failures are held back and written once the request has finished (LockoutMiddleware calls
`flush_pending`).
"""
from __future__ import annotations

import datetime as dt
import math
import threading

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from core import clock
from core.models import LoginThrottle

_pending = threading.local()


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(username: str) -> dt.datetime | None:
    """When the lock on this username ends, or None if it may try a password now."""
    return throttle_state(username)[0]


def throttle_state(username: str) -> tuple[dt.datetime | None, int]:
    """(end of the lock or None, wrong passwords counted so far) in one read."""
    row = LoginThrottle.objects.filter(username=_key(username)).only("locked_until", "failures").first()
    if row is None:
        return None, 0
    until = row.locked_until if row.locked_until and row.locked_until > clock.now() else None
    return until, row.failures


def minutes_left(until: dt.datetime) -> int:
    return max(1, math.ceil((until - clock.now()).total_seconds() / 60))


def _in_service_transaction() -> bool:
    # Test cases wrap every test in atomic blocks of their own; those are not a service's transaction.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def record_failure(username: str) -> None:
    """Count one wrong password; lock the username when the threshold is reached."""
    key = _key(username)
    if not key:
        return
    if connection.in_atomic_block and _in_service_transaction():
        pending = getattr(_pending, "names", None)
        if pending is None:
            pending = _pending.names = []
        pending.append(key)
        return
    _write_failure(key)


def _write_failure(key: str) -> None:
    now = clock.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_WINDOW)
    with transaction.atomic():
        try:
            with transaction.atomic():
                LoginThrottle.objects.get_or_create(username=key)
        except IntegrityError:  # created by a concurrent request
            pass
        row = LoginThrottle.objects.select_for_update().get(username=key)
        if row.locked_until and row.locked_until > now:
            return  # already locked: the cool-off does not grow
        if row.window_started_at is None or now - row.window_started_at > window or row.locked_until:
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= settings.LOGIN_LOCKOUT_THRESHOLD:
            row.locked_until = now + dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
            row.lockouts += 1
            row.failures = 0
        row.save()


def record_success(username: str) -> None:
    """A correct password ends the count of failures (never an active lock: it was refused before)."""
    LoginThrottle.objects.filter(username=_key(username), failures__gt=0).update(failures=0, window_started_at=None)


def flush_pending() -> None:
    """Write the failures held back while a service's transaction was open."""
    names = getattr(_pending, "names", None) or []
    _pending.names = []
    for key in names:
        _write_failure(key)


def discard_pending() -> None:
    _pending.names = []
