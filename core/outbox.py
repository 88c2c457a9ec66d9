"""The transactional outbox relay (DESIGN: side effects leave through an outbox, none lost or sent twice).

Notifications are written in the transaction of the change that causes them (core.notifications). The
relay hands the undelivered ones to the configured channel and stamps `delivered_at` in one transaction
per batch; rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two relays (two machines, a Celery
worker beside `manage.py relay_outbox` from cron) never take the same row. A relay killed after the
channel accepted a batch but before its commit hands that batch over again on the next run: delivery is
at least once, and every message carries its notification's unique dedupe key so the receiving side
drops a repeat — no notification is lost, none is acted on twice. The "file" channel is that receiving
side itself: before it appends a batch it reads the file's last RECENT_BYTES and leaves out every
notification already written there, so a relay killed between its write and its commit (`make
reliability`, check `killed`, kills the Celery worker exactly there) writes nothing twice; a line cut
short by the kill is ended before the next one starts.

Channels (settings.PROPDESK_NOTIFICATION_CHANNEL):
- "inbox" (default): the in-app inbox is the channel; relaying only stamps the row.
- "email": Django's mail backend, to recipients with an e-mail address; Message-ID from the dedupe key.
- "file": one JSON line per notification appended to PROPDESK_OUTBOX_FILE (for a log shipper or a
  gateway to SMS/WeCom that reads the file; also what the multi-node reliability check reads).
"""
from __future__ import annotations

import json
import os
from typing import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction

from core import clock
from core.models import Notification

Channel = Callable[[list[Notification]], None]


def _inbox(batch: list[Notification]) -> None:
    return None


def _email(batch: list[Notification]) -> None:
    messages = []
    for item in batch:
        address = item.recipient.email
        if not address:
            continue
        body = item.title + (f"\n{settings.PROPDESK_BASE_URL.rstrip('/')}/{item.link.lstrip('/')}"
                             if item.link and settings.PROPDESK_BASE_URL else "")
        messages.append(EmailMessage(subject=item.title, body=body, to=[address],
                                     headers={"Message-ID": f"<{item.dedupe_key}@propdesk>"}))
    if messages:
        get_connection().send_messages(messages)


# How far back the file channel looks for lines an unfinished relay already wrote: far more than the
# batches that relays killed before their commit can leave behind (one each, 200 lines of ~250 bytes).
RECENT_BYTES = 4 * 2**20


def _recent(handle) -> tuple[set[str], bool]:
    """The dedupe keys in the file's last RECENT_BYTES, and whether the file ends in the middle of a line."""
    size = handle.seek(0, os.SEEK_END)
    start = max(0, size - RECENT_BYTES)
    handle.seek(start)
    tail = handle.read()
    lines = tail.split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first one is cut by the window
    keys = set()
    for line in lines:
        try:
            keys.add(json.loads(line)["dedupe_key"])
        except (ValueError, KeyError, TypeError):  # an empty or cut-short line names nothing
            continue
    return keys, bool(tail) and not tail.endswith(b"\n")


def _file(batch: list[Notification]) -> None:
    path = settings.PROPDESK_OUTBOX_FILE
    with open(path, "a+b") as handle:
        written, unfinished = _recent(handle)
        lines = [json.dumps({"id": n.pk, "dedupe_key": n.dedupe_key, "recipient": n.recipient_id, "kind": n.kind,
                             "title": n.title, "link": n.link}, ensure_ascii=False)
                 for n in batch if n.dedupe_key not in written]
        if not lines:
            return
        text = ("\n" if unfinished else "") + "".join(line + "\n" for line in lines)
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


CHANNELS: dict[str, Channel] = {"inbox": _inbox, "email": _email, "file": _file}


def channel() -> Channel:
    name = settings.PROPDESK_NOTIFICATION_CHANNEL
    if name not in CHANNELS:
        raise ValueError(f"unknown notification channel {name!r}; choose one of {sorted(CHANNELS)}")
    return CHANNELS[name]


def _claim(size: int) -> list[Notification]:
    rows = Notification.objects.filter(delivered_at__isnull=True).order_by("pk").select_related("recipient",
                                                                                               "project")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return list(rows[:size])


def relay(*, batch_size: int = 200, max_batches: int | None = None, send: Channel | None = None) -> int:
    """Hand undelivered notifications to the channel, batch by batch; returns how many were relayed."""
    send = send or channel()
    relayed = batches = 0
    while max_batches is None or batches < max_batches:
        with transaction.atomic():
            batch = _claim(batch_size)
            if not batch:
                break
            send(batch)
            from core.channels import fan_out  # the company's other channels (NOTIFY-1), same transaction

            fan_out(batch)
            Notification.objects.filter(pk__in=[n.pk for n in batch]).update(delivered_at=clock.now())
        relayed += len(batch)
        batches += 1
    return relayed


def pending_count() -> int:
    return Notification.objects.filter(delivered_at__isnull=True).count()


def delivered_keys(lines: Iterable[str]) -> list[str]:
    """The dedupe keys of a "file" channel's lines, in order (repeats included; a line cut short is skipped)."""
    keys = []
    for line in lines:
        try:
            keys.append(json.loads(line)["dedupe_key"])
        except (ValueError, KeyError, TypeError):
            continue
    return keys
