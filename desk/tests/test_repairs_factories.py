"""Factories shared by the repairs, intake and paid tests (no tests here), built through the services."""
from __future__ import annotations

import base64
import runpy
from pathlib import Path

from core.models import Unit
from desk.services import repairs as service

ROOT = Path(__file__).resolve().parents[2]
TABLES = {}
for area in ("intake", "repairs", "paid"):
    TABLES.update(runpy.run_path(str(ROOT / f"locale/tables/desk_{area}.py"))["T"])

SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG" + b"\x00" * 300).decode()


def shows(html: str, msgid: str) -> bool:
    """A message is on the page, in Chinese once catalogues are compiled, in English before."""
    return msgid in html or TABLES.get(msgid, "\0") in html


def unit_of(project, number="201", building="1") -> Unit:
    return Unit.objects.get(project=project, building__code=building, number=number)


def household(project, user, **overrides):
    spec = {"person_name": "业主1-201", "phone": "13801020102", "unit": unit_of(project),
            "content": "卫生间水龙头漏水", "category": "水电"}
    spec.update(overrides)
    return service.report_repair(project=project, reported_by=user, **spec)


def public(project, user, **overrides):
    spec = {"person_name": "郑保安", "phone": "", "location": "2栋大堂", "content": "大堂灯不亮",
            "category": "公共设施", "public_area": True}
    spec.update(overrides)
    return service.report_repair(project=project, reported_by=user, **spec)


def completed(project, users, repair=None, **overrides):
    repair = repair or household(project, users["kefu1"], **overrides)
    repair = service.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    repair = service.set_out(repair=repair, technician=users["gongcheng1"])
    return service.complete_repair(repair=repair, completed_by=users["gongcheng1"], work_done="更换水龙头")
