"""Project-wide pytest wiring: audit-trail flush, CI strictness, browser fixtures."""
from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"
STRICT_MARKERS = {"browser", "postgres_only"}


def _audit_rows_first(sql_flush):
    """SQLite's flush deletes tables in set order; the audit rows must go while the guard row exists."""

    def ordered(self, style, tables, **kwargs):
        statements = sql_flush(self, style, tables, **kwargs)
        return sorted(statements, key=lambda sql: "core_auditevent" not in sql or sql.startswith("UPDATE"))

    return ordered


def pytest_configure(config):
    from django.db.backends.sqlite3.operations import DatabaseOperations

    DatabaseOperations.sql_flush = _audit_rows_first(DatabaseOperations.sql_flush)


@pytest.fixture(autouse=True)
def _audit_guard_for_flush(request):
    """Transactional tests end with a flush, but the audit table refuses DELETE/TRUNCATE unless a
    maintenance row exists in core_auditguard (CORE-5). Set one just before pytest-django flushes;
    the flush then empties the guard table too, so the next test starts protected again."""
    transactional = bool({"transactional_db", "live_server"} & set(request.fixturenames)) or any(
        m.kwargs.get("transaction") for m in request.node.iter_markers("django_db"))
    yield
    if transactional:
        from django.db import connections

        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)",
                               [True, "test flush"])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped browser or PostgreSQL test is a failure: it proved nothing."""
    outcome = yield
    report = outcome.get_result()
    if not (IN_CI and report.skipped):
        return
    strict = STRICT_MARKERS & {m.name for m in item.iter_markers()}
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if strict or on_postgres:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI counts as a failure ({', '.join(sorted(strict)) or 'postgres run'})"


def chromium_path() -> str | None:
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, headless=True, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
