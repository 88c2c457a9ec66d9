"""The channels (NOTIFY-1): each adapter against a real local HTTP server answering as its provider does —
success, rate limit, error — retries with back-off, no duplicates, a failing channel reported and never blocking."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from core import channels, clock, notifications, outbox
from core.channels import sms
from core.models import ChannelDelivery, Notification, Policy
from core.testing.providers import serve

NOON = clock.at_beijing(dt.date(2026, 11, 30), dt.time(12, 0))
SECRET = "s3cr3t"


@pytest.fixture
def provider():
    started = []

    def start(flavour):
        started.append(serve(flavour))
        return started[-1]

    yield start
    for item in started:
        item.close()


def configure(project, **channel_config):
    Policy.objects.update_or_create(company=project.company, project=None, key="core.channels.config",
                                    defaults={"value": channel_config, "clause": "test"})


def route(project, kind, *names):
    Policy.objects.update_or_create(company=project.company, project=None, key="core.channels.routes",
                                    defaults={"value": {kind: {"channels": list(names)}}, "clause": "test"})


def config_for(flavour, url):
    if flavour in ("aliyun_sms", "tencent_sms"):
        return {"adapter": flavour, "endpoint": url, "key_id": "AK1", "secret": SECRET, "sign_name": "翠湖物业",
                "template": "SMS_1", "app_id": "1400"}
    return {"adapter": flavour, "webhook": url + "?access_token=t", "secret": SECRET}


FLAVOURS = ["aliyun_sms", "tencent_sms", "wecom", "dingtalk", "feishu"]


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_each_adapter_success_rate_limit_and_error(flavour, project, provider, travel):
    travel(NOON)
    server = provider(flavour)
    configure(project, out=config_for(flavour, server.url))
    channels.queue(project=project, channel="out", kind="test.notice", text="停水通知", to="13800000001",
                   dedupe_key="n1")
    # rate limited: kept, tried again after the back-off
    server.mode = "limit"
    assert channels.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    row = ChannelDelivery.objects.get()
    assert row.delivered_at is None and row.failed_at is None and row.attempts == 1
    assert row.next_attempt_at == NOON + dt.timedelta(seconds=60)
    assert channels.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}  # not due yet
    travel(NOON + dt.timedelta(seconds=61))
    server.mode = "ok"
    assert channels.deliver_due()["sent"] == 1
    row.refresh_from_db()
    assert row.delivered_at is not None and row.attempts == 2
    assert len(server.requests) == 2
    # the provider's error (a bad template, a bad signature): given up at once and reported
    server.mode = "error"
    channels.queue(project=project, channel="out", kind="test.notice", text="二次", to="13800000001", dedupe_key="n2")
    assert channels.deliver_due() == {"sent": 0, "retry": 0, "failed": 1}
    failed = ChannelDelivery.objects.get(dedupe_key__contains="n2")
    assert failed.failed_at is not None and failed.last_error
    assert Notification.objects.filter(kind="core.channel.failed").exists()
    assert list(channels.failing(project)) == [failed]


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
def test_dingtalk_and_feishu_sign_the_timestamp(project, provider, travel):
    travel(NOON)
    ding, fei = provider("dingtalk"), provider("feishu")
    configure(project, ding=config_for("dingtalk", ding.url), fei=config_for("feishu", fei.url))
    for name in ("ding", "fei"):
        channels.queue(project=project, channel=name, kind="test", text="巡检提醒", dedupe_key="k")
    assert channels.deliver_due()["sent"] == 2
    query = parse_qs(urlsplit(ding.requests[0]["path"]).query)
    stamp = int(query["timestamp"][0])
    assert stamp == int(NOON.timestamp() * 1000)
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest())
    assert query["sign"][0] == expected.decode()
    body = json.loads(fei.requests[0]["body"])
    assert body["timestamp"] == str(int(NOON.timestamp()))
    assert body["sign"] == base64.b64encode(hmac.new(f"{body['timestamp']}\n{SECRET}".encode(), b"",
                                                     hashlib.sha256).digest()).decode()


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
def test_sms_requests_are_signed_as_the_providers_check(project, provider, travel):
    travel(NOON)
    ali, ten = provider("aliyun_sms"), provider("tencent_sms")
    configure(project, ali=config_for("aliyun_sms", ali.url), ten=config_for("tencent_sms", ten.url))
    for name in ("ali", "ten"):
        channels.queue(project=project, channel=name, kind="test", text="验证码 123456", to="13800000001",
                       dedupe_key="k")
    assert channels.deliver_due()["sent"] == 2
    form = {k: v[0] for k, v in parse_qs(ali.requests[0]["body"].decode()).items()}
    signature = form.pop("Signature")
    assert signature == sms.aliyun_signature(form, SECRET)
    assert form["PhoneNumbers"] == "13800000001" and form["TemplateCode"] == "SMS_1"
    headers = {k.lower(): v for k, v in ten.requests[0]["headers"].items()}
    assert headers["authorization"] == sms.tencent_authorization(
        key_id="AK1", key=SECRET, host=headers["host"], payload=ten.requests[0]["body"],
        timestamp=int(headers["x-tc-timestamp"]))
    assert json.loads(ten.requests[0]["body"])["PhoneNumberSet"] == ["+8613800000001"]


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
def test_retries_back_off_then_give_up_and_tell_the_administrator(project, users, provider, travel):
    moment = travel(NOON)
    server = provider("wecom")
    server.mode = "http500"
    configure(project, group=config_for("wecom", server.url))
    channels.queue(project=project, channel="group", kind="test", text="x", dedupe_key="k")
    waits = []
    for _ in range(6):
        row = ChannelDelivery.objects.get()
        moment = travel(max(moment, row.next_attempt_at))
        channels.deliver_due()
        row.refresh_from_db()
        waits.append((row.next_attempt_at - moment).total_seconds())
    assert waits[:5] == [60, 120, 240, 480, 960]
    assert row.failed_at is not None and row.attempts == 6 and "500" in row.last_error
    told = Notification.objects.filter(kind="core.channel.failed")
    assert told.count() >= 1 and all(n.project_id == project.pk for n in told)


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
def test_outbox_fans_out_per_kind_once_and_a_dead_channel_never_blocks(project, users, provider, travel):
    travel(NOON)
    server = provider("wecom")
    server.mode = "http429"
    configure(project, group=config_for("wecom", server.url), sms={"adapter": "aliyun_sms", "endpoint": server.url})
    route(project, "keys.overdue", "group", "sms")
    clerk = users["kefu1"]
    clerk.phone = "13900000009"
    clerk.save()
    assert notifications.notify(project=project, recipient=clerk, kind="keys.overdue.loan", title="钥匙逾期",
                                dedupe_key="keys.overdue:1:x", subject="keys.loan:1")
    notifications.notify(project=project, recipient=clerk, kind="duty.other", title="其他", dedupe_key="d:1")
    assert outbox.relay() == 2  # the workflow's own delivery (in-app) goes on while the robot is rate limited
    rows = ChannelDelivery.objects.order_by("channel")
    assert [(r.channel, r.to) for r in rows] == [("group", ""), ("sms", "13900000009")]
    # a relay that ran again (killed before its commit) queues nothing twice
    assert channels.fan_out(list(Notification.objects.all())) == 0
    assert ChannelDelivery.objects.count() == 2
    assert channels.deliver_due() == {"sent": 0, "retry": 2, "failed": 0}
    assert Notification.objects.filter(delivered_at__isnull=True).count() == 0


@pytest.mark.req("NOTIFY-1")
@pytest.mark.django_db
def test_unconfigured_channel_fails_and_is_reported(project, users, travel):
    travel(NOON)
    configure(project)
    channels.queue(project=project, channel="nowhere", kind="test", text="x", dedupe_key="k")
    assert channels.deliver_due()["failed"] == 1
    assert Notification.objects.filter(kind="core.channel.failed", project=project).exists()
