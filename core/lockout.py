"""Locking a username, and a client address, after repeated wrong passwords (CORE-6; OWASP ASVS 4.0
2.2.1 / 5.0 6.1.1).

After LOGIN_LOCKOUT_THRESHOLD failures within LOGIN_LOCKOUT_WINDOW seconds the username is locked
for LOGIN_LOCKOUT_SECONDS. The cool-off is fixed: attempts made while locked are refused without
looking at the password and do not extend the lock, so an attacker cannot keep a user out for
longer than one cool-off per burst, and the password cannot be guessed while locked. One counter
per username serves the sign-in page, API basic auth and every signature by password. A client
address has a counter of its own (LOGIN_ADDRESS_*): wrong passwords from one address count across
every username it tries, so spraying one guess over many accounts is stopped as well.

Sign-in takes an attempt *before* the password is checked (`begin`): one short transaction that locks
the counter's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions hold the write
lock) refuses when the allowance is used up and otherwise counts the attempt at once. So twenty
requests arriving together can never check more than the threshold of passwords: the checks still in
flight are already counted. A correct password then releases the attempt (`Attempt.settle`).

Failures are stored in the database (shared by all processes). A password checked inside a service's
transaction (a signature by password) is counted the same way, ahead of the check, on a connection of its
own that commits at once (`_side_connection`, PostgreSQL): the service's rollback cannot erase it, and
twenty signatures sent together check no more passwords than sign-in would. SQLite lets one writer in at a
time, and the service's IMMEDIATE transaction is that writer; there such a check reads the lock, and its
failure is held back and written once the request has finished (LockoutMiddleware calls `flush_pending`).
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import math
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connection, connections, transaction

from core import audit, clock
from core.models import AddressThrottle, LoginThrottle

log = logging.getLogger("propdesk.security")
_pending = threading.local()

ACCOUNT_LOCKED = "account_locked"
ADDRESS_LOCKED = "address_locked"


@dataclass(frozen=True)
class _Scope:
    model: type
    field: str
    code: str

    @property
    def threshold(self) -> int:
        return settings.LOGIN_LOCKOUT_THRESHOLD if self.model is LoginThrottle else settings.LOGIN_ADDRESS_THRESHOLD

    @property
    def window(self) -> dt.timedelta:
        seconds = settings.LOGIN_LOCKOUT_WINDOW if self.model is LoginThrottle else settings.LOGIN_ADDRESS_WINDOW
        return dt.timedelta(seconds=seconds)

    @property
    def cool_off(self) -> dt.timedelta:
        seconds = settings.LOGIN_LOCKOUT_SECONDS if self.model is LoginThrottle else settings.LOGIN_ADDRESS_SECONDS
        return dt.timedelta(seconds=seconds)


USERNAME = _Scope(LoginThrottle, "username", ACCOUNT_LOCKED)
ADDRESS = _Scope(AddressThrottle, "address", ADDRESS_LOCKED)


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or the entry LOGIN_TRUSTED_PROXIES hops from the right of
    X-Forwarded-For when that many proxies we trust stand in front (each appends the address it saw, so
    entries further left are the client's own words and may be forged)."""
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    hops = settings.LOGIN_TRUSTED_PROXIES
    if hops > 0 and request is not None:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


# --- Reading -----------------------------------------------------------------------------------
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


# --- Taking an attempt before the password is checked -------------------------------------------
@dataclass(frozen=True)
class Refusal:
    """No password may be checked now: `code` is account_locked or address_locked, `until` when it may."""

    code: str
    until: dt.datetime


@dataclass
class Attempt:
    """One password check that has been counted; settle it once the password has been checked."""

    username: str
    address: str
    reserved: bool = True
    settled: bool = False
    side: bool = False  # counted on the side connection, inside a service's transaction

    def settle(self, *, ok: bool) -> None:
        if self.settled:
            return
        self.settled = True
        if self.side:
            _settle_on_side(self.username, ok=ok)
            return
        if not self.reserved:  # inside a service's transaction: the old way, read then count
            if ok:
                record_success(self.username)
            else:
                record_failure(self.username)
            return
        if ok:
            with transaction.atomic():
                if settings.LOGIN_LOCKOUT_RESET_ON_SUCCESS:
                    record_success(self.username)
                elif self.username:  # give this attempt back; wrong ones in the window, even in flight, count
                    _release(USERNAME, self.username)
                if self.address:  # give the address its attempt back; the other wrong ones still count
                    _release(ADDRESS, self.address)
            return
        if self.username:
            _fail(USERNAME, self.username)
        if self.address:
            _fail(ADDRESS, self.address)


def begin(username: str, address: str = "") -> Attempt | Refusal:
    """Count one password check for this username (and address) before it is made, or refuse it."""
    key = _key(username)
    if connection.in_atomic_block and _in_service_transaction():
        # A count taken on the service's connection would be rolled back with it: take it on a side connection.
        reserved = _reserve_on_side(key)
        if isinstance(reserved, Refusal | Attempt):
            return reserved
        # No side connection here (SQLite): read the lock, count the failure once the request is over.
        until = locked_until(key)
        return Refusal(ACCOUNT_LOCKED, until) if until else Attempt(key, address, reserved=False)
    with transaction.atomic():  # one commit for both counters
        if address:
            until = _reserve(ADDRESS, address)
            if until:
                return Refusal(ADDRESS_LOCKED, until)
        until = _reserve(USERNAME, key) if key else None
        if until:
            if address:
                _release(ADDRESS, address)  # no password was checked
            return Refusal(ACCOUNT_LOCKED, until)
    return Attempt(key, address)


def _row_for_update(scope: _Scope, key: str, using: str = DEFAULT_DB_ALIAS):
    rows = scope.model.objects.db_manager(using)
    try:
        with transaction.atomic(using=using):
            rows.get_or_create(**{scope.field: key})
    except IntegrityError:  # created by a concurrent request
        pass
    return rows.select_for_update().get(**{scope.field: key})


def _reserve(scope: _Scope, key: str, using: str = DEFAULT_DB_ALIAS) -> dt.datetime | None:
    """Take one attempt from the key's allowance; answer when the lock ends if none is left (nothing taken)."""
    now = clock.now()
    with transaction.atomic(using=using):
        row = _row_for_update(scope, key, using)
        if row.locked_until and row.locked_until > now:
            return row.locked_until  # locked: the cool-off does not grow
        if row.window_started_at is None or now - row.window_started_at > scope.window or row.locked_until:
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        if row.failures >= scope.threshold:
            # The allowance is taken by checks still in flight; whichever fails last locks the key.
            return now + scope.cool_off
        row.failures += 1
        row.save(update_fields=["failures", "window_started_at", "locked_until"])
    return None


def _fail(scope: _Scope, key: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """The attempt taken for `key` was a wrong password: it stays counted; lock once the threshold is reached."""
    now = clock.now()
    with transaction.atomic(using=using):
        row = _row_for_update(scope, key, using)
        row.last_failure_at = now
        if not (row.locked_until and row.locked_until > now) and row.failures >= scope.threshold:
            row.locked_until = now + scope.cool_off
            row.lockouts += 1
            row.failures = 0
            log.warning("sign-in %s %s locked until %s", scope.field, key, row.locked_until.isoformat())
            event = {"scope": scope, "key": key, "until": row.locked_until, "threshold": scope.threshold}
            if using == DEFAULT_DB_ALIAS:
                _audit_lock(**event)
            else:  # the audit chain is written by the service's connection, once its transaction is over
                _pending_locks().append(event)
        row.save()


def _audit_lock(*, scope: _Scope, key: str, until: dt.datetime, threshold: int) -> None:
    audit.record(actor=None, action="core.login.locked", target=(f"core.{scope.model.__name__.lower()}", key),
                 data={"scope": scope.field, "until": until.isoformat(), "threshold": threshold})


def _release(scope: _Scope, key: str, using: str = DEFAULT_DB_ALIAS) -> None:
    from django.db.models import F

    scope.model.objects.using(using).filter(**{scope.field: key, "failures__gt": 0}).update(
        failures=F("failures") - 1)


# --- The side connection: counting inside a service's transaction -------------------------------
SIDE_ALIAS = "lockout_side"
SIDE_LOCK_TIMEOUT_MS = 3000  # the counter rows are locked for microseconds; longer means a caller holds one
side_writes = 0  # how often a side connection was opened (tests clear what it committed)


def side_connection_available() -> bool:
    """Only where two writers may work at once: PostgreSQL. SQLite's one writer is the service itself."""
    return connection.vendor == "postgresql"


_side = threading.local()
_every_side: weakref.WeakSet = weakref.WeakSet()  # every thread's, for close_every_side_connection()


@contextmanager
def _side_connection() -> Iterator[str]:
    """A connection of its own to the same database, committing at once.

    Kept by the thread between uses, like Django's own connections: opening one costs a PostgreSQL backend, and a
    checkout that checks a password used to open two. It is recycled after a request by the same rules as the
    default connection (CONN_MAX_AGE, errors), closed when a use of it fails, and `close_side_connection()`
    closes it on demand."""
    global side_writes
    side = getattr(_side, "wrapper", None)
    if side is None:
        side = _side.wrapper = connections.create_connection(DEFAULT_DB_ALIAS)
        _every_side.add(side)
    connections[SIDE_ALIAS] = side
    side_writes += 1
    try:
        side.close_if_health_check_failed()  # once per request (CONN_HEALTH_CHECKS), as Django does for its own
        side.ensure_connection()
        if getattr(_side, "configured", None) is not side.connection:  # new, or reconnected after a close
            with side.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = {SIDE_LOCK_TIMEOUT_MS}")
            _side.configured = side.connection
        yield SIDE_ALIAS
    except BaseException:
        close_side_connection()
        raise


def close_side_connection() -> None:
    """Close this thread's side connection, if it has one (the tests, after each; a failed use)."""
    side = getattr(_side, "wrapper", None)
    _side.wrapper = _side.configured = None
    if side is None:
        return
    try:
        side.close()
    finally:
        try:
            del connections[SIDE_ALIAS]
        except AttributeError:
            pass


def close_every_side_connection() -> None:
    """Close the side connections of every thread, those that have ended included (the tests, before a test
    database is dropped). A thread's connection is closed under it: only for when no thread is using one."""
    close_side_connection()
    for side in list(_every_side):
        raw = side.connection
        if raw is not None:
            raw.close()
    _every_side.clear()


def _recycle_side_connection(**kwargs) -> None:
    """After each request, as Django does for its own connections: closed if broken or older than CONN_MAX_AGE."""
    side = getattr(_side, "wrapper", None)
    if side is not None and side.connection is not None:
        side.close_if_unusable_or_obsolete()


request_finished.connect(_recycle_side_connection, dispatch_uid="propdesk.lockout.side")


def _reserve_on_side(key: str) -> Attempt | Refusal | None:
    """Count the attempt on the side connection; None when there is none (the caller reads the lock instead)."""
    if not key or not side_connection_available():
        return None
    try:
        with _side_connection() as alias:
            until = _reserve(USERNAME, key, alias)
    except OperationalError as exc:  # lock_timeout: this very thread holds the row in an open transaction
        log.warning("sign-in counter for %s not reachable beside the transaction (%s); counted after it", key, exc)
        return None
    return Refusal(ACCOUNT_LOCKED, until) if until else Attempt(key, "", side=True)


def _settle_on_side(key: str, *, ok: bool) -> None:
    with _side_connection() as alias:
        if ok:
            if settings.LOGIN_LOCKOUT_RESET_ON_SUCCESS:
                LoginThrottle.objects.using(alias).filter(username=key, failures__gt=0).update(
                    failures=0, window_started_at=None)
            else:
                _release(USERNAME, key, alias)
        else:
            _fail(USERNAME, key, alias)


def _pending_locks() -> list[dict]:
    locks = getattr(_pending, "locks", None)
    if locks is None:
        locks = _pending.locks = []
    return locks


# --- Checks made inside a service's transaction (signatures by password) ------------------------
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
    if _reserve(USERNAME, key) is None:
        _fail(USERNAME, key)


def record_success(username: str) -> None:
    """A correct password ends the count of failures (never an active lock: it was refused before) when
    LOGIN_LOCKOUT_RESET_ON_SUCCESS says so. Off by default (as django-axes): a correct password among
    guesses sent together would otherwise wipe out the count of those still in flight and let more than the
    threshold be checked; the wrong passwords simply age out with the window."""
    if not settings.LOGIN_LOCKOUT_RESET_ON_SUCCESS:
        return
    LoginThrottle.objects.filter(username=_key(username), failures__gt=0).update(failures=0, window_started_at=None)


def flush_pending() -> None:
    """Write the failures, and the audit events of locks, held back while a service's transaction was open."""
    names = getattr(_pending, "names", None) or []
    locks = getattr(_pending, "locks", None) or []
    _pending.names, _pending.locks = [], []
    for key in names:
        _write_failure(key)
    for event in locks:
        _audit_lock(**event)


def discard_pending() -> None:
    _pending.names, _pending.locks = [], []
