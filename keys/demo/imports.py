"""Demo data of the ledger import (issue 22) in cuihu: an earlier import run as a background job by `kefu1` — two
keys imported, one row a duplicate of a key already in the ledger, reported and not created again — so
/keys/import/ shows a finished job's report and refuses the same file with a link to it. Idempotent."""
from __future__ import annotations

import io

from openpyxl import Workbook

from core import jobs
from core.demo import World
from core.models import Job
from keys.models import KeySet
from keys.services.ledger_import import JOB_KIND

HEADER = ["编号", "类别", "名称/开启对象", "楼栋", "房号", "楼层", "设备", "房间号", "件数", "存放位置", "紧急备用", "备注"]


def _file(duplicate: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ([duplicate, "公共区域钥匙", "重复的一行", "1", "", 1, "", "", 1, "C-09", "否", ""],
                ["DR-1-01", "公共区域钥匙", "1栋地下室配电房", "1", "", -1, "", "", 2, "C-09", "否", "旧台账导入"],
                ["DR-1-02", "公共区域钥匙", "1栋屋面检修门", "1", "", 12, "", "", 1, "C-09", "否", "旧台账导入"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build(world: World) -> None:
    project = world.projects[0]
    if Job.objects.filter(kind=JOB_KIND, project=project).exists():
        return
    existing = KeySet.objects.filter(project=project).order_by("pk").values_list("number", flat=True).first()
    if existing is None:
        return
    job = jobs.submit(kind=JOB_KIND, project=project, actor=world.users["kefu1"], data=_file(existing),
                      name="旧钥匙台账.xlsx", options={"only_good_rows": True})
    jobs.run(job.pk)  # here, at once: the demo shows it finished (the thread started on commit finds it claimed)
