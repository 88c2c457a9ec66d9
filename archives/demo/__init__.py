"""Demo records of the archive room, built through the services (idempotent): the categories, a few volumes of
several categories with their items filed through transfer records, shelved in order, last year's volume sealed,
this month's shelf check done with one volume missing, and the manager's permission for the archivist to keep
the personal staff files (login `dangan`)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from archives.models import Category, Volume
from archives.services import access, catalogue, checks, filing, sealing
from archives.states import CheckKind, CheckResult
from core import clock
from core.demo import World
from core.models import Department, Project


def _items(today: dt.date, titles: list[tuple[str, str, int]], *, start_days: int = 20) -> list[dict]:
    return [{"title": title, "doc_number": number, "doc_date": today - dt.timedelta(days=start_days - i),
             "pages": pages, "original": True} for i, (title, number, pages) in enumerate(titles)]


def _build_project(world: World, project: Project, prefix: str) -> None:
    u = {name: world.users[prefix + name] for name in ("dangan", "jingli", "kefu1", "xingzheng")}
    archivist = u["dangan"]
    if Volume.objects.filter(project=project).exists():
        return
    today = clock.today()
    company = project.company
    catalogue.seed_categories(company=company, by=archivist)
    access.grant_confidential(project=project, granted_by=u["jingli"], person=archivist,
                              until=today + dt.timedelta(days=60), reason="负责员工个人档案的归档与保管")
    cat = {c.code: c for c in Category.objects.filter(company=company)}
    dept = {d.code: d for d in Department.objects.filter(company=company)}
    water = catalogue.add_external_unit(project=project, by=archivist, name="市自来水公司")
    year = today.year
    specs = [
        ("YH", year, "1栋业户收楼表格及遗留问题记录", {"department": dept["cs"]}),
        ("QJ", year, f"{year}年清洁卫生检查记录", {"department": dept["cs"]}),
        ("ZB", year, f"{year}年客服中心值班记录", {"department": dept["cs"]}),
        ("WS", year, f"{year}年政府部门来文", {"department": dept["admin"]}),
        ("HT", year, "二次供水设施维护合同", {"external_unit": water}),
        ("RS", year, f"{year}年客服部员工个人档案", {"department": dept["cs"]}),
        ("QJ", year - 1, f"{year - 1}年清洁卫生检查记录", {"department": dept["cs"]}),
    ]
    volumes = [catalogue.open_volume(project=project, by=archivist, category=cat[code], year=y, title=title, **owner)
               for code, y, title, owner in specs]
    password = settings.PROPDESK_DEMO_PASSWORD
    if u["kefu1"].check_password(password):  # the clerk hands over and signs with her own password
        contents = {
            0: [("1栋101收楼交接表", "", 3), ("1栋102遗留修缮问题记录表", "", 2)],
            1: [("一月清洁卫生检查表", "QJ-01", 4), ("二月清洁卫生检查表", "QJ-02", 4)],
            2: [("值班记录（第一册）", "", 50)],
            5: [("陈静 劳动合同", "RS-001", 6), ("陈静 入职登记表", "RS-002", 2)],
            6: [("十二月清洁卫生检查表", "QJ-12", 4)],
        }
        for index, titles in contents.items():
            handed = u["xingzheng"] if specs[index][0] == "WS" else u["kefu1"]
            rows = _items(today if index != 6 else dt.date(year - 1, 12, 20), titles)
            filing.file_items(volume=volumes[index], received_by=archivist, handed_by=handed,
                              handed_by_password=password, counted=len(rows), items=rows)
    # Shelved by category, then volume: cabinet A for the ordinary ones, the locked cabinet B for the confidential.
    ordinary = sorted((v for v in volumes if not v.category.confidential),
                      key=lambda v: (v.category.order, v.year, v.seq))
    for position, volume in enumerate(ordinary, start=1):
        catalogue.shelve_volume(volume=volume, by=archivist, room="档案室", cabinet="A", shelf=1, position=position)
    for position, volume in enumerate((v for v in volumes if v.category.confidential), start=1):
        catalogue.shelve_volume(volume=volume, by=archivist, room="档案室", cabinet="B（加锁）", shelf=1,
                                position=position)
    sealing.seal_due(project=project)
    check = checks.start_check(project=project, by=archivist, kind=CheckKind.MONTHLY)
    missing = volumes[4].pk  # the contract volume is not on its shelf: a finding to follow up
    checks.record_results(check=check, by=archivist, results={
        line.volume_id: ((CheckResult.MISSING, "架上未见") if line.volume_id == missing else (CheckResult.FOUND, ""))
        for line in check.lines.all()})
    checks.complete_check(check=check, by=archivist)


@transaction.atomic
def build_archives(world: World) -> None:
    from archives.demo.destruction import build_destruction
    from archives.demo.documents import build_documents
    from archives.demo.incidents import build_incidents
    from archives.demo.lending import build_loans

    for project, prefix in zip(world.projects, ("", "bj_")):
        _build_project(world, project, prefix)
        build_loans(world, project, prefix)
        build_documents(world, project, prefix)
        build_destruction(world, project, prefix)
        build_incidents(world, project, prefix)
