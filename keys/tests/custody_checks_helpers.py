"""Factories for shift key slips and custody checks, built through the services."""
from __future__ import annotations

from core.testing.fixtures import PASSWORD
from keys.categories import Category
from keys.models import CheckKind, SlipKind
from keys.services import custody_checks, shift_keys
from keys.tests.helpers import make_key


def listed_keys(project, users, n: int = 2):
    keys = [make_key(project, users, Category.PUBLIC, name=f"区域门{i}", pieces=2) for i in range(n)]
    for key in keys:
        shift_keys.add_shift_key(project=project, key=key, actor=users["kfzg"])
    return keys


def collect(project, users, keys, counts=None, **overrides):
    args = {"project": project, "kind": SlipKind.COLLECT, "recorded_by": users["baoan1"],
            "handed_by": users["baoan1"], "received_by": users["kefu2"],
            "counts": counts or {k.pk: k.pieces for k in keys}, "handed_password": PASSWORD,
            "received_password": PASSWORD}
    args.update(overrides)
    return shift_keys.record_slip(**args)


def monthly_check(project, users):
    return custody_checks.start_check(project=project, kind=CheckKind.MONTHLY, started_by=users["xingzheng"])
