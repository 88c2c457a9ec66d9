"""Factories and fixtures for the duty-log tests, built through the services."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from core.demo import tiny_png
from duty.services import log as log_service
from duty.states import EntryKind, Severity

TABLE = runpy.run_path(str(Path(__file__).resolve().parents[2] / "locale/tables/duty_log.py"))["T"]


def shows(html: str, msgid: str) -> bool:
    """A message is on the page, in Chinese once catalogues are compiled, in English before."""
    return msgid in html or TABLE.get(msgid, "\0") in html


def entry(project, user, **overrides):
    spec = {"kind": EntryKind.THEFT, "what_happened": "2栋大堂一辆电动车被盗。", "location": "2栋大堂"}
    spec.update(overrides)
    return log_service.record_entry(project=project, recorded_by=user, **spec)


def major(project, user, **overrides):
    return entry(project, user, kind=EntryKind.FIRE, severity=Severity.MAJOR, what_happened="配电房冒烟。",
                 **overrides)


PNG = tiny_png()


@pytest.fixture
def clerk(client, users):
    client.force_login(users["kefu1"])
    return client
