"""Repeated wrong passwords lock the username for a fixed cool-off (CORE-6, OWASP ASVS 2.2.1), on the
sign-in page, API basic auth and signatures by password alike; sessions end when idle or too old."""
from __future__ import annotations

import base64
import datetime as dt
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from core import signatures
from core.errors import NotAllowed
from core.clock import at_beijing
from core.middleware import LAST_SEEN, SIGNED_IN_AT
from core.models import AddressThrottle, AuditEvent, LoginThrottle, User
from core.testing.fixtures import PASSWORD

pytestmark = pytest.mark.req("CORE-6")


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.LOGIN_LOCKOUT_THRESHOLD = 3
    settings.LOGIN_LOCKOUT_WINDOW = 600
    settings.LOGIN_LOCKOUT_SECONDS = 900


def _sign_in(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _end_cool_off(username: str) -> None:
    """As if the cool-off had passed (the lock's end is data; nothing of the product is patched)."""
    LoginThrottle.objects.filter(username=username).update(locked_until=timezone.now() - dt.timedelta(seconds=1))


def test_the_sign_in_page_locks_a_username_after_the_threshold_and_says_so(users):
    client = Client()
    for _ in range(3):
        assert _sign_in(client, "kefu1", "wrong").status_code == 200
    page = _sign_in(client, "kefu1", PASSWORD)
    assert page.status_code == 200 and not page.wsgi_request.user.is_authenticated
    assert 'data-code="account_locked"' in page.content.decode()
    assert LoginThrottle.objects.get(username="kefu1").lockouts == 1


def test_a_correct_password_after_the_cool_off_signs_in(users):
    client = Client()
    for _ in range(3):
        _sign_in(client, "kefu1", "wrong")
    _end_cool_off("kefu1")
    response = _sign_in(client, "kefu1", PASSWORD)
    assert response.status_code == 302
    assert LoginThrottle.objects.get(username="kefu1").failures == 0


def test_attempts_during_the_lock_do_not_extend_it(users):
    client = Client()
    for _ in range(3):
        _sign_in(client, "kefu1", "wrong")
    until = LoginThrottle.objects.get(username="kefu1").locked_until
    for _ in range(20):
        _sign_in(client, "kefu1", "wrong")
    row = LoginThrottle.objects.get(username="kefu1")
    assert row.locked_until == until and row.lockouts == 1
    assert until - timezone.now() <= dt.timedelta(seconds=900)


def test_failures_spread_wider_than_the_window_do_not_lock(users):
    client = Client()
    for _ in range(5):
        _sign_in(client, "kefu1", "wrong")
        LoginThrottle.objects.filter(username="kefu1").update(
            window_started_at=timezone.now() - dt.timedelta(seconds=601))
    assert _sign_in(client, "kefu1", PASSWORD).status_code == 302


def test_one_user_locked_leaves_others_signing_in(users):
    client = Client()
    for _ in range(3):
        _sign_in(client, "kefu1", "wrong")
    assert _sign_in(Client(), "xingzheng", PASSWORD).status_code == 302


def test_api_basic_auth_answers_account_locked(users):
    client = Client()

    def get(password):
        token = base64.b64encode(f"kefu1:{password}".encode()).decode()
        return client.get("/api/me/", HTTP_AUTHORIZATION=f"Basic {token}")

    for _ in range(3):
        assert get("wrong").status_code == 401
    response = get(PASSWORD)
    assert response.status_code == 401 and response.json()["code"] == "account_locked"


def test_signing_with_a_password_counts_towards_the_same_lock(project, users, public_key):
    for _ in range(3):
        with pytest.raises(NotAllowed):
            signatures.check_credentials(person=users["kefu1"], password="wrong")
    with pytest.raises(NotAllowed) as err:
        signatures.check_credentials(person=users["kefu1"], password=PASSWORD)
    assert err.value.code == "account_locked"
    assert _sign_in(Client(), "kefu1", PASSWORD).status_code == 200  # the sign-in page is locked too


def test_a_wrong_signature_inside_a_rolled_back_service_still_counts(project, users, public_key, rf):
    from django.db import transaction

    from core import lockout

    for _ in range(3):
        with pytest.raises(NotAllowed):
            with transaction.atomic():
                signatures.sign_with_credentials(target=public_key, project=project, capacity="witness",
                                                 person=users["kefu1"], password="wrong")
        lockout.flush_pending()  # what LockoutMiddleware does when the request ends
    assert lockout.locked_until("kefu1") is not None


def test_an_idle_session_is_signed_out(users, settings):
    client = Client()
    client.force_login(users["kefu1"])
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


def test_an_active_session_ends_at_the_absolute_limit(users, settings):
    client = Client()
    assert _sign_in(client, "kefu1", PASSWORD).status_code == 302
    assert client.session.get(SIGNED_IN_AT)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session[LAST_SEEN] = int(time.time())  # active a moment ago
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


# --- The client address's own limit (password spraying over many usernames) ----------------------------
@pytest.fixture
def address_limit(settings, travel):
    travel(at_beijing(dt.date(2027, 3, 15), dt.time(9, 0)))
    settings.LOGIN_ADDRESS_THRESHOLD = 4
    settings.LOGIN_ADDRESS_WINDOW = 600
    settings.LOGIN_ADDRESS_SECONDS = 900
    settings.LOGIN_TRUSTED_PROXIES = 0


def _from(address: str, forwarded: str = "") -> Client:
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(**extra)


def test_wrong_passwords_over_many_usernames_lock_the_address_and_the_page_says_so(users, address_limit):
    client = _from("10.0.0.7")
    for name in ("kefu1", "kefu2", "kfzg", "nobody-at-all"):
        assert _sign_in(client, name, "wrong").status_code == 200
    throttles = list(LoginThrottle.objects.order_by("username").values_list("username", "failures", "lockouts"))
    sessions, events = Session.objects.count(), AuditEvent.objects.count()

    page = _sign_in(client, "xingzheng", PASSWORD)  # an account nobody guessed at, the right password
    assert page.status_code == 200 and not page.wsgi_request.user.is_authenticated
    assert 'data-code="address_locked"' in page.content.decode()
    assert list(LoginThrottle.objects.order_by("username").values_list("username", "failures", "lockouts")) == throttles
    assert Session.objects.count() == sessions and AuditEvent.objects.count() == events
    assert User.objects.get(username="xingzheng").last_login is None
    assert AddressThrottle.objects.get(address="10.0.0.7").lockouts == 1
    assert _sign_in(_from("10.0.0.8"), "xingzheng", PASSWORD).status_code == 302  # another desk is not held up


def test_the_address_lock_is_audited_once(users, address_limit):
    client = _from("10.0.0.7")
    for name in ("kefu1", "kefu2", "kfzg", "jingli", "kefu1", "kefu2"):
        _sign_in(client, name, "wrong")
    events = AuditEvent.objects.filter(action="core.login.locked")
    assert [(e.target_id, e.data["scope"]) for e in events] == [("10.0.0.7", "address")]


def test_api_basic_auth_answers_address_locked_in_the_users_language(users, address_limit):
    client = _from("10.0.0.7")
    for name in ("kefu1", "kefu2", "kfzg", "jingli"):
        token = base64.b64encode(f"{name}:wrong".encode()).decode()
        assert client.get("/api/me/", HTTP_AUTHORIZATION=f"Basic {token}").status_code == 401
    token = base64.b64encode(f"xingzheng:{PASSWORD}".encode()).decode()
    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Basic {token}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and response.json()["code"] == "address_locked"
    assert "from this address" in response.json()["message"]


def test_right_passwords_do_not_use_up_the_address_allowance(users, address_limit):
    client = _from("10.0.0.7")
    for _ in range(6):
        assert _sign_in(_from("10.0.0.7"), "kefu1", PASSWORD).status_code == 302
    for name in ("kefu1", "kefu2", "kfzg"):
        _sign_in(client, name, "wrong")
    assert _sign_in(client, "jingli", PASSWORD).status_code == 302  # three wrong of four: still open


def test_the_address_allowance_starts_again_after_its_window(users, address_limit, travel):
    client = _from("10.0.0.7")
    for name in ("kefu1", "kefu2", "kfzg"):
        _sign_in(client, name, "wrong")
    travel(at_beijing(dt.date(2027, 3, 15), dt.time(9, 10, 1)))  # 601 seconds later
    _sign_in(client, "jingli", "wrong")
    assert _sign_in(client, "xingzheng", PASSWORD).status_code == 302


def test_forwarded_for_is_believed_only_behind_a_trusted_proxy(users, address_limit, settings):
    # No trusted proxy: a client cannot dodge its lock by inventing X-Forwarded-For.
    for i, name in enumerate(("kefu1", "kefu2", "kfzg", "jingli")):
        _sign_in(_from("10.0.0.7", forwarded=f"192.0.2.{i}"), name, "wrong")
    page = _sign_in(_from("10.0.0.7", forwarded="192.0.2.99"), "xingzheng", PASSWORD)
    assert 'data-code="address_locked"' in page.content.decode()
    assert list(AddressThrottle.objects.values_list("address", flat=True)) == ["10.0.0.7"]

    # One trusted proxy (10.0.0.1): the address it appended is the client's; what the client wrote before it is not.
    settings.LOGIN_TRUSTED_PROXIES = 1
    for name in ("kefu1", "kefu2", "kfzg", "jingli"):
        _sign_in(_from("10.0.0.1", forwarded=f"198.51.100.{len(name)}, 203.0.113.5"), name, "wrong")
    assert AddressThrottle.objects.get(address="203.0.113.5").lockouts == 1
    assert _sign_in(_from("10.0.0.1", forwarded="203.0.113.6"), "xingzheng", PASSWORD).status_code == 302


def test_a_correct_password_gives_back_only_its_own_attempt(users):
    """Wrong passwords before a correct one still count until the window passes (no reset on success)."""
    client = Client()
    for _ in range(2):
        _sign_in(client, "kefu1", "wrong")
    assert _sign_in(client, "kefu1", PASSWORD).status_code == 302
    assert LoginThrottle.objects.get(username="kefu1").failures == 2


def test_a_company_may_have_a_correct_password_clear_the_count(users, settings):
    settings.LOGIN_LOCKOUT_RESET_ON_SUCCESS = True
    client = Client()
    for _ in range(2):
        _sign_in(client, "kefu1", "wrong")
    assert _sign_in(client, "kefu1", PASSWORD).status_code == 302
    assert LoginThrottle.objects.get(username="kefu1").failures == 0
