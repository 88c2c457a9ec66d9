"""The channels that reach people (NOTIFY-1): in-app (core.notifications, the unread badge), e-mail, SMS through a
provider's HTTP API, and the group robots of WeCom, DingTalk and Feishu.

- Which channels a company has: policy `core.channels.config` (name → adapter and its endpoint, keys, template;
  a key may be named as an environment variable with `<field>_env` instead of being written in the row).
- Which channels a kind of notification also takes, and to whom: policy `core.channels.routes` (kind prefix →
  {"channels": [...]} — SMS and e-mail go to the notification's recipient, a robot to its group).
- Delivery is at least once without duplicates: the outbox relay (core.outbox) fans each relayed notification
  out into ChannelDelivery rows in its own transaction, under a unique key; `queue()` does the same for a message
  with no staff recipient (a resident's notice). `deliver_due()` sends the due rows, one transaction each, rows
  claimed with SKIP LOCKED. A failure is retried with back-off; after the last attempt the row is failed and the
  project's administrators are told in-app. Nothing here runs inside a workflow's transaction except the
  queueing, so a provider that is down never blocks one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from core import clock, policies
from core.channels import robots, sms
from core.channels.base import RateLimited, SendFailed
from core.models import ChannelDelivery, Notification, Project, User
from core.policies import PolicyDefault

__all__ = ["ADAPTERS", "RateLimited", "SendFailed", "configured", "deliver_due", "failing", "fan_out", "queue"]


def _email(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    subject = text.split("\n", 1)[0][:120]
    get_connection().send_messages([EmailMessage(subject=subject, body=text, to=[to])])
    return ""


Adapter = Callable[..., str]
ADAPTERS: dict[str, Adapter] = {"aliyun_sms": sms.aliyun, "tencent_sms": sms.tencent, "console": sms.console,
                                "wecom": robots.wecom, "dingtalk": robots.dingtalk, "feishu": robots.feishu,
                                "email": _email}
# Which address of the recipient an adapter needs ("" = none: it posts to its group).
ADDRESS = {"aliyun_sms": "phone", "tencent_sms": "phone", "console": "phone", "email": "email"}

policies.register(
    PolicyDefault("core.channels.config", {"sms": {"adapter": "console"}},
                  "DESIGN 通知渠道; NOTIFY-1",
                  "The company's channels: name → {adapter: aliyun_sms|tencent_sms|console|wecom|dingtalk|feishu|"
                  "email, endpoint/webhook, key_id, secret (or key_id_env/secret_env), sign_name, template}."),
    PolicyDefault("core.channels.routes", {}, "DESIGN 通知渠道; NOTIFY-1",
                  "Kind of notification (prefix, e.g. \"keys.overdue\") → {\"channels\": [names]} beyond in-app."),
    PolicyDefault("core.channels.resident_channel", "sms", "001 引言 §4 业户沟通; RES-2",
                  "The channel residents' notices and one-time codes go through."),
    PolicyDefault("core.channels.max_attempts", 6, "NOTIFY-1",
                  "Attempts before a delivery is given up and the administrators are told."),
    PolicyDefault("core.channels.backoff_seconds", 60, "NOTIFY-1",
                  "The first retry's wait; each later one waits twice as long (at most six hours)."),
    PolicyDefault("core.channels.admin_roles", ["site_manager"], "NOTIFY-1",
                  "Roles told in-app when a channel gives up on a message."),
)


def configured(project: Project) -> dict[str, dict]:
    value = policies.value("core.channels.config", project)
    return value if isinstance(value, dict) else {}


def _key(*parts: str) -> str:
    raw = ":".join(parts)
    return raw if len(raw) <= 255 else raw[:190] + ":" + hashlib.sha256(raw.encode()).hexdigest()


def queue(*, project: Project, channel: str, kind: str, text: str, dedupe_key: str, to: str = "",
          notification: Notification | None = None) -> bool:
    """Queue one message on one channel; False when the same one is already queued (it is sent once)."""
    now = clock.now()
    try:
        with transaction.atomic():
            ChannelDelivery.objects.create(project=project, channel=channel[:40], kind=kind[:60], to=to[:200],
                                           text=text, dedupe_key=_key(channel, dedupe_key, to),
                                           notification=notification, created_at=now, next_attempt_at=now)
    except IntegrityError:
        return False
    return True


def _route(project: Project, kind: str) -> list[str]:
    routes = policies.value("core.channels.routes", project)
    if not isinstance(routes, dict):
        return []
    best = ""
    for prefix in routes:
        if (kind == prefix or kind.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    route = routes.get(best) if best else None
    names = route.get("channels", []) if isinstance(route, dict) else []
    return [str(name) for name in names]


def fan_out(batch: list[Notification]) -> int:
    """Queue each notification on the channels its kind is routed to (called by the outbox relay, in its
    transaction: a relay killed before its commit fans the batch out again, and the unique keys keep one)."""
    queued = 0
    for item in batch:
        config = configured(item.project)
        for name in _route(item.project, item.kind):
            adapter = str(config.get(name, {}).get("adapter", ""))
            field = ADDRESS.get(adapter, "")
            to = getattr(item.recipient, field, "") if field else ""
            if field and not to:
                continue
            key = item.dedupe_key if field else f"{item.kind}:{item.subject}:{item.title}"
            queued += queue(project=item.project, channel=name, kind=item.kind, text=item.title, to=to,
                            dedupe_key=key, notification=item)
    return queued


def _claim() -> ChannelDelivery | None:
    rows = ChannelDelivery.objects.filter(delivered_at__isnull=True, failed_at__isnull=True,
                                          next_attempt_at__lte=clock.now()).order_by("next_attempt_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return rows.select_related("project").first()


def _tell_administrators(row: ChannelDelivery) -> None:
    from core.notifications import notify
    from core.permissions import staff_in_policy_roles

    people = staff_in_policy_roles(row.project, "core.channels.admin_roles") or list(
        User.objects.filter(is_superuser=True, is_active=True).order_by("pk")[:5])
    for person in people:
        notify(project=row.project, recipient=person, kind="core.channel.failed",
               title=f"[{row.channel}] {row.last_error}"[:200], dedupe_key=f"core.channel.failed:{row.pk}:{person.pk}",
               subject=f"core.channel:{row.channel}")


def _send(row: ChannelDelivery) -> None:
    config = configured(row.project).get(row.channel)
    if not isinstance(config, dict) or config.get("adapter") not in ADAPTERS:
        raise SendFailed(f"channel {row.channel!r} is not configured", retry=False)
    ADAPTERS[config["adapter"]](config, to=row.to, text=row.text)


def deliver_due(*, limit: int = 200) -> dict[str, int]:
    """Send the due deliveries (each in its own transaction); answers how many were sent, put off, given up."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for _ in range(limit):
        with transaction.atomic():
            row = _claim()
            if row is None:
                break
            row.attempts += 1
            try:
                _send(row)
            except SendFailed as error:
                row.last_error = str(error)[:300]
                if error.retry and row.attempts < int(policies.value("core.channels.max_attempts", row.project)):
                    wait = int(policies.value("core.channels.backoff_seconds", row.project)) * 2 ** (row.attempts - 1)
                    row.next_attempt_at = clock.now() + dt.timedelta(seconds=min(wait, 6 * 3600))
                    counts["retry"] += 1
                else:
                    row.failed_at = clock.now()
                    _tell_administrators(row)
                    counts["failed"] += 1
            else:
                row.delivered_at = clock.now()
                row.last_error = ""
                counts["sent"] += 1
            row.save(update_fields=["attempts", "last_error", "next_attempt_at", "delivered_at", "failed_at"])
    return counts


def failing(project: Project | None = None):
    """Deliveries given up or still being retried after an error: what the administrator looks at."""
    rows = ChannelDelivery.objects.filter(Q(failed_at__isnull=False) | (Q(delivered_at__isnull=True) & ~Q(last_error="")))
    return rows.filter(project=project) if project is not None else rows


def demo_channel_file() -> str:
    return str(settings.VAR_DIR / "sms.log")
