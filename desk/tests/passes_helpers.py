"""Factories of the pass and lost-property tests (no tests here), built through the services at a fixed instant."""
from __future__ import annotations

import datetime as dt

from core import clock
from desk.services import lost, passes, passes_access
from desk.tests.test_repairs_factories import SIGNATURE, unit_of  # noqa: F401  (re-exported for the tests)

MORNING = clock.at_beijing(dt.date(2026, 11, 26), dt.time(9, 30))  # a Thursday
DAY = MORNING.date()
ID_NUMBER = "44030119800101123X"


def goods_pass(project, users, *, kind="owner", clerk="kefu1", exit_date=DAY, **overrides):
    spec = {"unit": unit_of(project), "applicant_kind": kind, "applicant_name": "业主1-201",
            "goods": [{"name": "冰箱", "quantity": 1}, {"name": "纸箱", "quantity": 4}], "exit_date": exit_date,
            "vehicle_plate": "粤b 12345"}
    spec.update(overrides)
    return passes.apply(project=project, registered_by=users[clerk], **spec)


def approved_pass(project, users, **overrides):
    made = goods_pass(project, users, **overrides)
    if made.applicant_kind == "tenant":
        made = passes.record_owner_consent(goods_pass=made, recorded_by=users["kefu1"], owner_name="业主 李先生",
                                           method="phone", consents=True)
    return passes.decide(goods_pass=made, approver=users["kfzg"], approve=True)


def access_pass(project, users, *, days=30, **overrides):
    spec = {"holder_name": "刘师傅", "id_number": ID_NUMBER, "company_name": "鸿基装饰", "unit": unit_of(project),
            "purpose": "水电改造", "valid_from": DAY, "valid_until": DAY + dt.timedelta(days=days - 1)}
    spec.update(overrides)
    return passes_access.issue(project=project, issued_by=users["kefu1"], **spec)


def found_item(project, users, *, found_at=None, **overrides):
    spec = {"description": "黑色钱包", "found_at": found_at or MORNING - dt.timedelta(hours=1), "place": "1栋大堂",
            "finder_name": "郑保安", "kept_at": "前台保险柜"}
    spec.update(overrides)
    return lost.register(project=project, registered_by=users["kefu1"], **spec)
