"""Factories for the handover tests, built through the services."""
from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest

from core import clock
from core.testing.fixtures import PASSWORD
from duty.services import handover as svc

TABLE = runpy.run_path(str(Path(__file__).resolve().parents[2] / "locale/tables/duty_handover.py"))["T"]


def shows(html: str, msgid: str) -> bool:
    """A message is on the page, in Chinese once catalogues are compiled, in English before."""
    return msgid in html or TABLE.get(msgid, "\0") in html


def start(project, users, *, outgoing="kefu1", incoming="kefu2", minutes=30):
    """A handover whose shift change is `minutes` from now (negative: already past)."""
    return svc.start_handover(project=project, outgoing=users[outgoing], incoming=users[incoming],
                              shift_change_at=clock.now() + dt.timedelta(minutes=minutes))


def count_all(handover, user, **overrides):
    """Every item counted as expected, unless overridden by name: {"对讲机": (1, "missing")}."""
    counts = {}
    for c in handover.counts.all():
        counted, condition = overrides.get(c.name, (c.expected, "ok"))
        counts[c.pk] = {"counted": counted, "condition": condition}
    return svc.record_counts(handover=handover, counted_by=user, counts=counts)


def prepare(handover, users, *, ready=True, **overrides):
    """Incoming checked in, checklist done, everything counted, marked ready."""
    out = users[handover.outgoing.username]
    if handover.arrived_at is None:
        svc.check_in(handover=handover, actor=handover.incoming)
    svc.update_preparation(handover=handover, actor=out, records_read=True, equipment_checked=True,
                           environment_checked=True, public_repairs="2栋大堂灯具维修中")
    count_all(handover, out, **overrides)
    if ready:
        svc.mark_ready(handover=handover, actor=out)
    handover.refresh_from_db()
    return handover


def complete(handover):
    return svc.complete_handover(handover=handover, actor=handover.outgoing, outgoing_password=PASSWORD,
                                 incoming_password=PASSWORD)


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client
