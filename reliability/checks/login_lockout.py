"""Wrong passwords lock a username for a fixed cool-off; sessions end when idle and when too old.

Each step runs in its own process, so the lock is shown to be shared (kept in the database), on the
sign-in page, API basic auth and a signature by password (core.signatures.check_credentials).
"""
from __future__ import annotations

import textwrap
import time

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "login lockout (OWASP ASVS 2.2.1) and session timeouts"
COOL_OFF = 4
IDLE, ABSOLUTE = 3, 8

SETUP = """
from django.test import Client
import base64
PASSWORD = os.environ.get("PROPDESK_DEMO_PASSWORD", "demo-pass-2026")
def login(client, username, password):
    r = client.post("/accounts/login/", {"username": username, "password": password})
    return r.status_code == 302, r.content.decode()
def basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    r = Client().get("/api/me/", HTTP_AUTHORIZATION=f"Basic {token}")
    return r.status_code, (r.json().get("code") if r.headers.get("Content-Type", "").startswith("application/json") else "")
"""


def _step(ctx, env, code: str):
    return c.probe(ctx, env, SETUP + textwrap.dedent(code))


def _on(ctx, label: str, url: str) -> Result:
    env = c.env(ctx, url, PROPDESK_LOGIN_LOCKOUT_THRESHOLD="5", PROPDESK_LOGIN_LOCKOUT_WINDOW_SECONDS="600",
                PROPDESK_LOGIN_LOCKOUT_SECONDS=str(COOL_OFF), PROPDESK_SESSION_IDLE_SECONDS=str(IDLE),
                PROPDESK_SESSION_ABSOLUTE_SECONDS=str(ABSOLUTE),
                PROPDESK_MEDIA_ROOT=str(ctx.var / "login_lockout" / "media"))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    details: dict = {}
    # 1. Four wrong passwords do not lock; the fifth does (each attempt in the same process, then others).
    details["unlocked_after_4"] = _step(ctx, env, """
        client = Client()
        for _ in range(4):
            login(client, "kefu1", "wrong-password")
        emit(login(Client(), "kefu1", PASSWORD)[0])
        """)
    _step(ctx, env, """
        for _ in range(5):
            login(Client(), "kefu1", "wrong-password")
        emit(True)
        """)
    locked = _step(ctx, env, """
        from core import signatures
        from core.errors import NotAllowed
        from core.models import User
        ok, page = login(Client(), "kefu1", PASSWORD)
        status, code = basic("kefu1", PASSWORD)
        try:
            signatures.check_credentials(person=User.objects.get(username="kefu1"), password=PASSWORD)
            sign = "accepted"
        except NotAllowed as exc:
            sign = exc.code
        # Attempts while locked must not extend the lock.
        for _ in range(10):
            login(Client(), "kefu1", "wrong-password")
        other_ok, _ = login(Client(), "xingzheng", PASSWORD)
        emit({"page_refused": not ok, "page_says_locked": 'data-code="account_locked"' in page,
              "page_message_zh": "锁定" in page, "api": [status, code], "signature": sign,
              "others_unaffected": other_ok})
        """)
    details.update(locked)
    time.sleep(COOL_OFF + 1)
    after = _step(ctx, env, """
        ok, _ = login(Client(), "kefu1", PASSWORD)
        status, code = basic("kefu1", PASSWORD)
        emit({"login_after_cool_off": ok, "api_after_cool_off": status})
        """)
    details.update(after)
    sessions = _step(ctx, env, f"""
        import time
        idle_client = Client()
        login(idle_client, "kefu1", PASSWORD)
        first = idle_client.get("/").status_code
        time.sleep({IDLE} + 1.5)
        idle = idle_client.get("/")
        busy = Client()
        login(busy, "kefu1", PASSWORD)
        start = time.time()
        ended_at = None
        while time.time() - start < {ABSOLUTE} + 3:
            r = busy.get("/")
            if r.status_code == 302 and "expired=1" in r["Location"]:
                ended_at = time.time() - start
                break
            time.sleep(1)
        emit({{"idle_first": first, "idle_expired": idle.status_code == 302 and "expired=1" in idle["Location"],
              "absolute_ended_after_s": ended_at}})
        """)
    details.update(sessions)
    ended = sessions["absolute_ended_after_s"]
    session_idle_ok = sessions["idle_first"] == 200 and sessions["idle_expired"]
    session_absolute_ok = ended is not None and ABSOLUTE - 1 <= ended <= ABSOLUTE + 2
    lockout_ok = (details["unlocked_after_4"] and locked["page_refused"] and locked["page_says_locked"]
                  and locked["api"] == [401, "account_locked"] and locked["signature"] == "account_locked"
                  and locked["others_unaffected"] and after["login_after_cool_off"] and after["api_after_cool_off"] == 200)
    metrics = {"login_lockout": lockout_ok, "lockout_message_zh": locked["page_message_zh"],
               "session_idle_timeout": session_idle_ok, "session_absolute_timeout": session_absolute_ok}
    ok = lockout_ok and session_idle_ok and session_absolute_ok
    return Result("login_lockout", label, metrics, ok, "" if ok else str(details))


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "login_lockout")
    results = []
    for label, url, cleanup in c.databases(ctx, "login_lockout", workdir):
        try:
            results.append(_on(ctx, label, url))
        except Exception as exc:  # a failure on one database still reports the other
            results.append(Result("login_lockout", label, {"login_lockout": False}, False, f"{type(exc).__name__}: {exc}"[:500]))
        finally:
            cleanup()
    return results
