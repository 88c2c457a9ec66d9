"""The one-time code leaves through the outbox relay, never inside the resident's request (RES-1, NOTIFY-1): the
request only queues it; `relay_outbox` (cron, or the Celery beat task) sends it to the SMS provider — here a real
local HTTP server answering as Aliyun's SMS API does, slowly or with a rate limit."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.models import ChannelDelivery, Policy
from core.testing.providers import serve
from residents.services import access
from residents.tests.helpers import NOON, household

pytestmark = [pytest.mark.django_db, pytest.mark.req("RES-1"), pytest.mark.req("NOTIFY-1")]


@pytest.fixture
def aliyun(project):
    server = serve("aliyun_sms")
    Policy.objects.update_or_create(company=project.company, project=None, key="core.channels.config", defaults={
        "value": {"sms": {"adapter": "aliyun_sms", "endpoint": server.url, "key_id": "AK1", "secret": "s3cr3t",
                          "sign_name": "翠湖物业", "template": "SMS_OTP"}}, "clause": "test"})
    yield server
    server.close()


def relay() -> None:
    call_command("relay_outbox", stdout=io.StringIO())


def code_in(request: dict) -> tuple[str, str]:
    form = {k: v[0] for k, v in parse_qs(request["body"].decode()).items()}
    text = json.loads(form["TemplateParam"])["text"]
    return form["PhoneNumbers"], re.findall(r"(?<!\d)(\d{6})(?!\d)", text)[-1]


def ask_for_code(client, point, phone, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # whatever the request leaves for after its commit
        response = client.post(reverse("portal:entry", args=[point.code]), {"phone": phone})
    assert response.status_code == 200


def test_a_slow_sms_provider_never_holds_the_request_the_relay_delivers_the_code(
        project, aliyun, travel, django_capture_on_commit_callbacks):
    travel(NOON)
    unit, resident = household(project)
    point = access.entry_point(unit.building)
    aliyun.delay = 2.0
    client = Client()
    ask_for_code(client, point, resident.phone, django_capture_on_commit_callbacks)
    # The page answered and the provider has not been asked (a clock would be flaky on a busy machine; this is not):
    # the request, its commit and what it left for after the commit only queued the message.
    assert aliyun.requests == []
    queued = ChannelDelivery.objects.get(kind="residents.code")
    assert queued.to == resident.phone and queued.delivered_at is None and queued.attempts == 0
    relay()  # the worker, as cron runs it
    (sent,) = aliyun.requests
    phone, code = code_in(sent)
    assert phone == resident.phone
    queued.refresh_from_db()
    assert queued.delivered_at is not None and queued.attempts == 1
    response = client.post(reverse("portal:verify", args=[point.code]), {"phone": resident.phone, "code": code})
    assert response.status_code == 302 and access.COOKIE in response.cookies


def test_a_rate_limited_provider_gets_the_code_again_after_the_back_off(project, aliyun, travel,
                                                                       django_capture_on_commit_callbacks):
    travel(NOON)
    unit, resident = household(project)
    point = access.entry_point(unit.building)
    aliyun.mode = "limit"
    client = Client()
    ask_for_code(client, point, resident.phone, django_capture_on_commit_callbacks)
    assert aliyun.requests == []
    relay()
    queued = ChannelDelivery.objects.get(kind="residents.code")
    assert len(aliyun.requests) == 1 and queued.delivered_at is None and queued.failed_at is None
    aliyun.mode = "ok"
    relay()
    assert len(aliyun.requests) == 1  # not due before its back-off
    travel(NOON + dt.timedelta(seconds=61))
    relay()
    assert len(aliyun.requests) == 2
    _phone, code = code_in(aliyun.requests[-1])
    response = client.post(reverse("portal:verify", args=[point.code]), {"phone": resident.phone, "code": code})
    assert response.status_code == 302
