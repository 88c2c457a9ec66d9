"""Project-wide pytest setup: the audit-trail flush, the CI skip rule, the policy cache, browser fixtures.

Fixtures offered to every app's tests:
  browser      session-scoped Playwright Browser on the system Chromium (skips if absent)
  page         a fresh zh-CN / Asia/Shanghai desktop page (1280x800) per test
  phone_page   the same on a phone (390x844, touch, mobile)
Browser tests also request pytest-django's `live_server` and are marked `@pytest.mark.browser`.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# The test clock (travel fixture, PROPDESK_TEST_NOW): core/testing/clock.py.
pytest_plugins = ["core.testing.clock"]

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CI_STRICT_MARKERS = ("browser", "postgres_only", "directory")


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _database_is_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


# --- Flushing a database whose audit trail refuses DELETE -----------------------------------
# Transactional tests (transactional_db, django_db(transaction=True), live_server) end with a
# `flush`, which the append-only triggers on core_auditevent refuse. The triggers stand aside while
# core_auditguard holds a maintenance row, but on SQLite flush deletes tables in set order, so the
# guard table may be emptied before the audit table. Hence: set the guard, empty the audit table
# ourselves while the guard certainly exists, then let Django flush the rest (which also deletes
# the guard row). On PostgreSQL the flush is one TRUNCATE, whose statement trigger sees the guard.
# Hooked into TransactionTestCase._fixture_teardown so it runs exactly where a flush happens, for
# pytest-django fixtures and unittest-style TransactionTestCase/LiveServerTestCase alike.

def _patch_transaction_test_case_flush() -> None:
    from django.db import connections
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown
    if getattr(original, "_propdesk_audit_guard", False):
        return

    def _fixture_teardown(self):
        from core.models import AuditEvent, AuditGuard

        names = list(self._databases_names(include_mirrors=False))
        for alias in names:
            quote = connections[alias].ops.quote_name
            with connections[alias].cursor() as cursor:
                cursor.execute(f"INSERT INTO {quote(AuditGuard._meta.db_table)} (maintenance, reason) "
                               "VALUES (%s, %s)", [True, "test flush"])
                cursor.execute(f"DELETE FROM {quote(AuditEvent._meta.db_table)}")
        try:
            original(self)
        finally:
            # Normally the flush already removed it; never leave the triggers disabled.
            for alias in names:
                quote = connections[alias].ops.quote_name
                with connections[alias].cursor() as cursor:
                    cursor.execute(f"DELETE FROM {quote(AuditGuard._meta.db_table)} WHERE reason = %s",
                                   ["test flush"])

    _fixture_teardown._propdesk_audit_guard = True
    TransactionTestCase._fixture_teardown = _fixture_teardown


def pytest_configure(config: pytest.Config) -> None:
    # pytest-django has configured Django by now (its pytest_configure runs first: plugin order).
    _patch_transaction_test_case_flush()


# --- Which tests run where -------------------------------------------------------------------
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """postgres_only tests are deselected (not skipped) on SQLite: they do not apply there."""
    if _database_is_postgres():
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("postgres_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Under CI, a skipped browser/postgres_only test, or any skip on PostgreSQL, is a failure.

    A skip there means the run did not prove what it claims to prove (no Chromium, wrong database).
    """
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail") or not _env_true("CI"):
        return
    strict_marker = next((m for m in CI_STRICT_MARKERS if item.get_closest_marker(m)), None)
    if strict_marker is None and not _database_is_postgres():
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    why = f"marked {strict_marker}" if strict_marker else "running on PostgreSQL"
    report.outcome = "failed"
    report.longrepr = f"skipped in CI counts as failure ({why}): {reason}"


# --- Policy cache ----------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _fresh_policy_cache() -> Iterator[None]:
    """A test's policy rows vanish with its rolled-back transaction, which sends no signal; start
    every test with an empty cache so no test sees another's policies (core.policies)."""
    from core.policies import forget_cached

    forget_cached()
    yield
    forget_cached()


# --- Browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if executable is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed (pip install -r requirements-dev.txt)")
    # Playwright's sync API keeps an asyncio loop registered on this thread; Django would then
    # refuse ORM calls from the test body and pytest-django's flush (SynchronousOnlyOperation).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser, **context_options):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **context_options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, new_page = _new_page(browser, viewport={"width": 1280, "height": 800})
    yield new_page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, new_page = _new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield new_page
    context.close()
