"""Repairs shaped like a real project's history, for the peer comparison and the history-growth measure (issue 17).

  python -m bench.repairs --plan var/bench/pg-plan.json --history 50000 --big 500000 --out var/bench/repairs.json

Run after bench.seed (the demo world with the bench password). The first project gets `--big` signed and closed
repairs, the second `--history`: the same requests are then timed against both in one run, alternating, so that
`history_growth` is a ratio of the same moment. Each project also gets a small open set (a few per cent of a busy
month, like a real desk) and a working set of reported repairs that the load issues slips for. `--projects`
more projects (cross-project write scaling) get the same staff and a working set each.

History rows are written with the ORM's bulk insert from one row the service made (so every column a repair needs
is right), numbered H… so that they never meet the day's numbering (core.numbering)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from bench.seed import BENCH_PASSWORD, _django

WORKING_SET = 4000   # reported repairs per project that the dispatch load consumes
OPEN_SHARE = 0.01    # of the history still open (dispatched or completed, not yet signed)
BATCH = 5000


def _template(project, clerk):
    from desk.services import repairs as service

    return service.report_repair(project=project, reported_by=clerk, person_name="基准住户", phone="13800000000",
                                 location="1栋大堂", public_area=True, content="灯不亮", category="水电")


def _copies(template, *, count: int, prefix: str, status: str, start: dt.datetime, step: dt.timedelta):
    from django.forms.models import model_to_dict

    from desk.models import Repair

    fields = model_to_dict(template, exclude=["id", "serial", "status", "reported_at", "due_at", "project", "reported_by",
                                              "unit", "resident", "contact", "technician", "dispatched_by",
                                              "signer_staff"])
    fields = {name: value for name, value in fields.items() if name in {f.name for f in Repair._meta.concrete_fields}}
    made = 0
    while made < count:
        rows = []
        for n in range(made, min(count, made + BATCH)):
            at = start + step * n
            rows.append(Repair(**fields, project_id=template.project_id, reported_by_id=template.reported_by_id,
                               serial=f"{prefix}{n:07d}", status=status, reported_at=at,
                               due_at=at + dt.timedelta(minutes=5) if status != "reported" else None))
        Repair.objects.bulk_create(rows, batch_size=BATCH)
        made += len(rows)


def _fill(project, clerk, *, history: int) -> list[int]:
    from core import clock
    from desk.models import Repair, RepairStatus

    template = _template(project, clerk)
    now = clock.now()
    if history:
        step = dt.timedelta(days=3 * 365) / history
        _copies(template, count=history, prefix="H", status=RepairStatus.SIGNED, start=now - step * history, step=step)
        opened = int(history * OPEN_SHARE)
        _copies(template, count=opened, prefix="O", status=RepairStatus.DISPATCHED,
                start=now - dt.timedelta(days=7), step=dt.timedelta(days=7) / max(opened, 1))
    _copies(template, count=WORKING_SET, prefix="W", status=RepairStatus.REPORTED, start=now - dt.timedelta(hours=1),
            step=dt.timedelta(seconds=0.5))
    return list(Repair.objects.filter(project=project, serial__startswith="W").order_by("pk")
                .values_list("pk", flat=True))


def _more_projects(world, count: int):
    from core.models import Membership, Project

    made = []
    source = world.projects[0]
    for n in range(count):
        project, _ = Project.objects.get_or_create(company=world.company, code=f"bench{n}",
                                                   defaults={"name": f"基准项目{n}", "address": "基准路"})
        for membership in Membership.objects.filter(project=source, user__username__in=["kefu1", "gongcheng1"]):
            Membership.objects.get_or_create(user=membership.user, project=project, role=membership.role)
        made.append(project)
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--history", type=int, default=50_000, help="repairs in the second project")
    parser.add_argument("--big", type=int, default=500_000, help="repairs in the first project")
    parser.add_argument("--projects", type=int, default=8, help="projects for cross-project write scaling")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    _django()
    from django.db import connection

    from core.demo import build_world
    from core.models import User

    started = time.monotonic()
    world = build_world(password=BENCH_PASSWORD)
    big, small = world.projects
    clerk = {big.pk: User.objects.get(username="kefu1"), small.pk: User.objects.get(username="bj_kefu1")}
    plan = {"password": BENCH_PASSWORD, "history": options.history, "big": options.big,
            "projects": {}, "scaling": []}
    for project, history in ((big, options.big), (small, options.history)):
        plan["projects"][str(project.pk)] = {
            "history": history, "clerk": clerk[project.pk].username,
            "technician": User.objects.get(username="gongcheng1" if project is big else "bj_gongcheng1").pk,
            "reported": _fill(project, clerk[project.pk], history=history)}
    plan["big_project"], plan["small_project"] = big.pk, small.pk
    technician = User.objects.get(username="gongcheng1").pk
    for project in _more_projects(world, options.projects):
        plan["scaling"].append({"project": project.pk, "technician": technician,
                                "reported": _fill(project, clerk[big.pk], history=0)})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE desk_repair")
    plan["seconds"] = round(time.monotonic() - started, 1)
    Path(options.out).write_text(json.dumps(plan))
    print(f"seeded repairs in {plan['seconds']} s")


if __name__ == "__main__":
    main()
