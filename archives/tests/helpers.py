"""Builders of the archive-room tests, through the services (never the project's code mocked)."""
from __future__ import annotations

import datetime as dt

from archives.models import Category, Volume
from archives.services import catalogue, filing
from core import clock
from core.models import Department
from core.testing.fixtures import PASSWORD


def categories(project, users) -> dict[str, Category]:
    catalogue.seed_categories(company=project.company, by=users["dangan"])
    return {c.code: c for c in Category.objects.filter(company=project.company)}


def department(project, code: str = "cs") -> Department:
    return Department.objects.get(company=project.company, code=code)


def volume(project, users, code: str = "QJ", *, year: int | None = None, title: str = "清洁卫生检查记录",
           by: str = "dangan", **kw) -> Volume:
    cats = categories(project, users)
    if "external_unit" not in kw and "department" not in kw:
        kw["department"] = department(project)
    return catalogue.open_volume(project=project, by=users[by], category=cats[code],
                                 year=year or clock.today().year, title=title, **kw)


def rows(n: int = 2, *, days_ago: int = 3, **extra) -> list[dict]:
    return [{"title": f"检查表{i + 1}", "doc_number": f"QJ-{i + 1:02d}",
             "doc_date": clock.today() - dt.timedelta(days=days_ago), "pages": 2, **extra} for i in range(n)]


def file(vol: Volume, users, items: list[dict] | None = None, *, by: str = "kefu1", counted: int | None = None,
         password: str = PASSWORD, receiver: str = "dangan"):
    items = rows() if items is None else items
    return filing.file_items(volume=vol, received_by=users[receiver], handed_by=users[by],
                             handed_by_password=password, counted=len(items) if counted is None else counted,
                             items=items)


def shelve(vol: Volume, users, position: int, *, cabinet: str = "A", shelf: int = 1):
    return catalogue.shelve_volume(volume=vol, by=users["dangan"], room="档案室", cabinet=cabinet, shelf=shelf,
                                   position=position)
