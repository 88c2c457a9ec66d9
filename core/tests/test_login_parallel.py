"""Guesses sent together cannot check more passwords than the lockout allows (CORE-6, OWASP ASVS 2.2.1).

Real concurrency: threads released at one barrier send their requests to the live test server, which
serves each on a thread of its own with its own database connection (SQLite here, PostgreSQL under
`make test-pg`). Passwords are hashed with PBKDF2 as in production, so each check takes long enough for
the requests to overlap; before the attempt was counted ahead of the check, all twenty were checked.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter

import httpx
import pytest

from core.clock import at_beijing
from core.models import AddressThrottle, AuditEvent, LoginThrottle, User
from core.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.req("CORE-6"), pytest.mark.django_db(transaction=True)]

LIMIT = 5
GUESSES = 20


@pytest.fixture(autouse=True)
def lockout_settings(settings, travel):
    travel(at_beijing(dt.date(2027, 3, 15), dt.time(9, 0)))
    settings.LOGIN_LOCKOUT_THRESHOLD = LIMIT
    settings.LOGIN_LOCKOUT_WINDOW = 600
    settings.LOGIN_LOCKOUT_SECONDS = 900
    settings.LOGIN_ADDRESS_THRESHOLD = 100  # out of the way unless a test means it
    settings.LOGIN_ADDRESS_WINDOW = 600
    settings.LOGIN_ADDRESS_SECONDS = 900


@pytest.fixture
def slow_hashes(settings, users):
    """Production's PBKDF2 for the people the tests guess at: a check takes long enough to overlap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in User.objects.filter(username__in=["kefu1", "kefu2", "kfzg", "xingzheng", "jingli"]):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return users


def _basic(base: str, username: str, password: str) -> tuple[int, str]:
    response = httpx.get(f"{base}/api/me/", auth=(username, password), timeout=60)
    return response.status_code, response.json().get("code", "") if response.status_code != 200 else "ok"


def _form(base: str, username: str, password: str, ready: threading.Barrier) -> tuple[int, str]:
    with httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        ready.wait()
        response = client.post("/accounts/login/", data={"username": username, "password": password,
                                                         "csrfmiddlewaretoken": token})
    if response.status_code == 302:
        return 302, "ok"
    found = re.search(r'data-code="(\w+)"', response.text)
    return response.status_code, found.group(1) if found else "bad_credentials"


def _together(calls: list) -> list:
    """Run every call on its own thread, all released at once; answers in the order of `calls`."""
    results: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int, call) -> None:
        start.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_twenty_basic_auth_guesses_at_once_check_at_most_the_limit_and_the_right_password_after_is_refused(
        slow_hashes, live_server):
    base = live_server.url
    answers = _together([lambda i=i: _basic(base, "kefu1", f"wrong-{i}") for i in range(GUESSES - 1)])
    codes = Counter(code for _, code in answers)
    assert codes["not_authenticated"] <= LIMIT  # a wrong password that was checked
    assert codes["account_locked"] >= GUESSES - 1 - LIMIT  # refused without looking at the password
    assert set(codes) <= {"not_authenticated", "account_locked"}
    row = LoginThrottle.objects.get(username="kefu1")
    assert row.lockouts == 1 and row.locked_until is not None
    events = AuditEvent.objects.count()
    last_login = User.objects.get(username="kefu1").last_login

    assert _basic(base, "kefu1", PASSWORD) == (401, "account_locked")
    after = LoginThrottle.objects.get(username="kefu1")  # the refusal changed nothing
    assert (after.locked_until, after.lockouts, after.failures) == (row.locked_until, row.lockouts, row.failures)
    assert AuditEvent.objects.count() == events and User.objects.get(username="kefu1").last_login == last_login


def test_the_right_password_among_twenty_guesses_at_once_gets_in_only_as_one_of_the_limit(slow_hashes, live_server):
    base = live_server.url
    calls = [lambda i=i: _basic(base, "kefu1", f"wrong-{i}") for i in range(GUESSES - 1)]
    calls.append(lambda: _basic(base, "kefu1", PASSWORD))
    answers = _together(calls)
    checked = [a for a in answers if a[1] in ("ok", "not_authenticated")]
    # A right password gives its attempt back (core.lockout.Attempt.settle): a guess arriving after that may
    # take it. What must hold is that no more than the limit of wrong passwords are ever checked.
    assert sum(1 for a in answers if a[1] == "not_authenticated") <= LIMIT
    assert len(checked) <= LIMIT + 1
    assert len(answers) - len(checked) == sum(1 for a in answers if a[1] == "account_locked")


def test_twenty_sign_in_forms_at_once_check_at_most_the_limit(slow_hashes, live_server):
    base = live_server.url
    ready = threading.Barrier(GUESSES)
    answers = _together([lambda i=i: _form(base, "kefu1", f"wrong-{i}", ready) for i in range(GUESSES)])
    codes = Counter(code for _, code in answers)
    assert codes["bad_credentials"] <= LIMIT
    assert codes["account_locked"] >= GUESSES - LIMIT
    assert LoginThrottle.objects.get(username="kefu1").lockouts == 1


def test_guesses_spread_over_many_usernames_from_one_address_stop_at_the_address_limit(
        slow_hashes, live_server, settings):
    settings.LOGIN_ADDRESS_THRESHOLD = 6
    base = live_server.url
    names = ["kefu1", "kefu2", "kfzg", "xingzheng", "jingli"]
    answers = _together([lambda i=i: _basic(base, names[i % len(names)], f"wrong-{i}") for i in range(GUESSES)])
    codes = Counter(code for _, code in answers)
    assert codes["not_authenticated"] <= 6
    assert codes["address_locked"] >= GUESSES - 6
    assert all(row.lockouts == 0 for row in LoginThrottle.objects.all())  # no single account reached its limit
    address = AddressThrottle.objects.get(address="127.0.0.1")
    assert address.lockouts == 1

    # The right password of an account nobody guessed at is refused too, and changes nothing.
    assert _basic(base, "kefu2", PASSWORD) == (401, "address_locked")
    assert AddressThrottle.objects.get(address="127.0.0.1").locked_until == address.locked_until


def _sign_in_a_service(person: User, password: str, ready: threading.Barrier) -> str:
    """What a service does: its own transaction, the signer's password checked inside it, rolled back on refusal;
    then what LockoutMiddleware does once the request is over."""
    from django.db import connection, transaction

    from core import lockout, signatures
    from core.errors import NotAllowed

    try:
        ready.wait()
        with transaction.atomic():
            signatures.check_credentials(person=person, password=password)
        return "ok"
    except NotAllowed as exc:
        return exc.code
    finally:
        lockout.flush_pending()
        connection.close()


@pytest.mark.postgres_only
def test_twenty_signatures_by_password_at_once_inside_service_transactions_check_at_most_the_limit(slow_hashes):
    """The count is taken on a side connection that commits at once, so the services' rollbacks keep it."""
    person = User.objects.get(username="kefu1")
    ready = threading.Barrier(GUESSES)
    answers = _together([lambda i=i: _sign_in_a_service(person, f"wrong-{i}", ready) for i in range(GUESSES)])
    codes = Counter(answers)
    assert codes["bad_credentials"] <= LIMIT
    assert codes["account_locked"] >= GUESSES - LIMIT
    assert set(codes) <= {"bad_credentials", "account_locked"}
    row = LoginThrottle.objects.get(username="kefu1")
    assert row.lockouts == 1 and row.locked_until is not None
    # The lock is in the audit trail, written by the request's own connection after its transaction.
    assert AuditEvent.objects.filter(action="core.login.locked", target_id="kefu1").count() == 1

    # Locked: the right password inside a service is refused without being looked at, and changes nothing.
    before = (row.locked_until, row.failures, row.lockouts)
    assert _sign_in_a_service(person, PASSWORD, threading.Barrier(1)) == "account_locked"
    row.refresh_from_db()
    assert (row.locked_until, row.failures, row.lockouts) == before


@pytest.mark.postgres_only
def test_a_right_password_inside_a_service_gives_back_its_attempt_and_a_rolled_back_wrong_one_stays_counted(
        users):
    person = User.objects.get(username="kefu1")
    assert _sign_in_a_service(person, "wrong", threading.Barrier(1)) == "bad_credentials"
    assert LoginThrottle.objects.get(username="kefu1").failures == 1  # survived the service's rollback
    assert _sign_in_a_service(person, PASSWORD, threading.Barrier(1)) == "ok"
    assert LoginThrottle.objects.get(username="kefu1").failures == 1  # its own attempt given back, no more
