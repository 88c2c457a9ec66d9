"""Builders of the desk's daily-register tests (FRONT-1..4), made through the services."""
from __future__ import annotations

import datetime as dt

from core import clock
from desk.services import deposits, mail, visitors
from desk.tests.test_repairs_factories import SIGNATURE, unit_of  # noqa: F401  (re-exported for the tests)

ID_CARD = "11010519491231002X"
MORNING = dt.time(9, 30)
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def morning(travel, day=dt.date(2026, 11, 10)):
    return travel(clock.at_beijing(day, MORNING))


def visitor(project, user, **overrides):
    spec = {"visitor_name": "王来访", "id_type": "resident_card", "id_number": ID_CARD, "host_kind": "resident",
            "unit": unit_of(project), "purpose": "探亲", "party_size": 2}
    spec.update(overrides)
    return visitors.register_visitor(project=project, registered_by=user, **spec)


def parcel(project, user, **overrides):
    spec = {"kind": "express", "addressee": "业主1-201", "unit": unit_of(project), "seal_state": "intact",
            "carrier": "顺丰", "tracking_number": "SF1234567890"}
    spec.update(overrides)
    return mail.register_mail(project=project, received_by=user, **spec)


def deposit(project, user, **overrides):
    spec = {"kind": "pass_on", "description": "文件袋", "pieces": 1, "depositor_name": "张三", "recipient_name": "李四",
            "unit": unit_of(project), "reason": "业主委托转交"}
    spec.update(overrides)
    return deposits.register_deposit(project=project, requested_by=user, **spec)


def held(project, users):
    item = deposit(project, users["kefu1"])
    item = deposits.decide_deposit(deposit=item, approver=users["kfzg"], approve=True)
    return deposits.sign_in(deposit=item, taken_in_by=users["kefu1"], signature=SIGNATURE)
