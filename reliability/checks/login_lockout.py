"""Wrong passwords lock a username for a fixed cool-off; sessions end when idle and when too old.

Each step runs in its own process, so the lock is shown to be shared (kept in the database), on the
sign-in page, API basic auth and a signature by password (core.signatures.check_credentials).

Then the parallel attack against a real gunicorn (production's PBKDF2 hashing, several workers and threads):
20 basic-auth requests sent at once, 19 wrong and the right one last, then the right one again; and 20 at
once from one client address spread over ten usernames. `lockout_parallel_bypass` counts the password
checks made beyond the limits, plus the right password accepted after the limit (goal 0).
"""
from __future__ import annotations

import os
import textwrap
import threading
import time
from collections import Counter

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "login lockout (OWASP ASVS 2.2.1), parallel guesses, and session timeouts"
COOL_OFF = 30  # longer than a probe process takes to start on a loaded machine (10 s seen)
IDLE, ABSOLUTE = 3, 8
LIMIT, ADDRESS_LIMIT, GUESSES = 5, 10, 20
SPRAYED = ["bj_kefu1", "bj_kefu2", "bj_kfzg", "bj_jingli", "bj_xingzheng", "bj_xzzg", "bj_gongcheng1", "bj_gczg",
           "bj_baoan1", "bj_baz"]

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
    parallel = _parallel(env)
    details["parallel"] = parallel
    metrics = {"login_lockout": lockout_ok, "lockout_message_zh": locked["page_message_zh"],
               "session_idle_timeout": session_idle_ok, "session_absolute_timeout": session_absolute_ok,
               "lockout_parallel_bypass": parallel["bypass"]}
    ok = lockout_ok and session_idle_ok and session_absolute_ok and parallel["bypass"] == 0
    return Result("login_lockout", label, metrics, ok, "" if ok else str(details))


def _basic_at(base: str, username: str, password: str, client_address: str) -> str:
    """One basic-auth request as if from `client_address` (through the one proxy the server trusts)."""
    import httpx

    response = httpx.get(f"{base}/api/me/", auth=(username, password), timeout=180,
                         headers={"X-Forwarded-For": client_address})
    if response.status_code == 200:
        return "ok"
    return response.json().get("code", str(response.status_code))


def _at_once(calls: list, last=None) -> list:
    """Every call on its own thread, released together; `last` is started just after the others (while their
    password checks, about half a second each with PBKDF2, are still running)."""
    results: list = [None] * (len(calls) + (last is not None))
    start = threading.Barrier(len(calls) + 1)

    def run(index: int, call, wait: bool) -> None:
        if wait:
            start.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call, True)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    start.wait()
    if last is not None:
        time.sleep(0.5)
        threads.append(threading.Thread(target=run, args=(len(calls), last, False)))
        threads[-1].start()
    for thread in threads:
        thread.join(300)
    return results


def _parallel(env: dict) -> dict:
    """The parallel attack of issue 14 (finding 3) against gunicorn on this check's database."""
    from bench.run import Server

    password = os.environ.get("PROPDESK_DEMO_PASSWORD", "demo-pass-2026")
    server_env = dict(env, PROPDESK_LOGIN_LOCKOUT_THRESHOLD=str(LIMIT), PROPDESK_LOGIN_LOCKOUT_SECONDS="600",
                      PROPDESK_LOGIN_ADDRESS_THRESHOLD=str(ADDRESS_LIMIT), PROPDESK_LOGIN_ADDRESS_SECONDS="600",
                      PROPDESK_TRUSTED_PROXIES="1")
    server = Server(server_env, workers=2, threads=12)
    try:
        base = server.base
        one = _at_once([lambda i=i: _basic_at(base, "kefu2", f"wrong-{i}", "198.51.100.1") for i in range(GUESSES - 1)],
                       last=lambda: _basic_at(base, "kefu2", password, "198.51.100.1"))
        right_after = _basic_at(base, "kefu2", password, "198.51.100.1")
        spray = _at_once([lambda i=i: _basic_at(base, SPRAYED[i % len(SPRAYED)], f"wrong-{i}", "198.51.100.2")
                          for i in range(GUESSES)])
        sprayed_right = _basic_at(base, "bj_kefu1", password, "198.51.100.2")
    finally:
        server.stop()
    checked_one = sum(1 for code in one if code in ("ok", "not_authenticated"))
    checked_spray = sum(1 for code in spray if code in ("ok", "not_authenticated"))
    # The right password after the limit: refused (account_locked), unless it was itself one of the checked five.
    accepted_after = int(right_after == "ok" and one[-1] != "ok")
    bypass = max(0, checked_one - LIMIT) + accepted_after + max(0, checked_spray - ADDRESS_LIMIT)
    bypass += int(sprayed_right == "ok")
    return {"bypass": bypass, "one_user": dict(Counter(one)), "right_after": right_after,
            "sprayed": dict(Counter(spray)), "sprayed_right": sprayed_right}


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
