"""The test harness itself: transactional flushes past the append-only audit trail, browser fixtures.

Every transactional test here starts by checking that the database is clean and guarded again;
pytest-django runs transactional tests after the others, so all but the first of them start right
after a flush (the flush that ended the previous one, which wrote audit events).
"""
from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from core import audit
from core.models import AuditChainHead, AuditEvent, AuditGuard


def assert_clean_and_guarded():
    assert AuditEvent.objects.count() == 0
    assert not AuditGuard.objects.exists(), "a maintenance row survived the flush: triggers are off"


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_write_audit_events_and_still_be_flushed():
    assert_clean_and_guarded()
    event = audit.record(actor=None, action="test", target=("x", 1))
    assert event.seq >= 1
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_live_server_test_can_write_audit_events_and_still_be_flushed(live_server):
    assert_clean_and_guarded()
    audit.record(actor=None, action="test", target=("x", 2))
    audit.record(actor=None, action="test", target=("x", 3))
    assert AuditEvent.objects.count() >= 2


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_chain_starts_again_and_verifies():
    assert_clean_and_guarded()
    event = audit.record(actor=None, action="test", target=("x", 4))
    assert event.seq == 1
    assert audit.verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_trail_refuses_changes_again():
    assert_clean_and_guarded()
    event = audit.record(actor=None, action="test", target=("x", 5))
    assert AuditChainHead.objects.get(pk=1).last_seq == event.seq
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.browser
def test_browser_opens_login(live_server, page):
    page.goto(live_server.url + "/admin/login/")
    assert "Django" in page.title() or page.locator("form#login-form").count() == 1
    assert page.locator("input[name=username]").count() == 1


@pytest.mark.browser
def test_phone_page_is_a_touch_screen_in_beijing_time(live_server, phone_page):
    phone_page.goto(live_server.url + "/admin/login/")
    assert phone_page.evaluate("window.innerWidth") == 390
    assert phone_page.evaluate("'ontouchstart' in window")
    assert phone_page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Shanghai"
    assert phone_page.evaluate("navigator.language") == "zh-CN"
