"""The ledger import through the whole path a person takes (issue 22): the upload through the page, the
background job (a thread of this process: the embedded default), the page's polls and the report at the end.

  python -m bench.imports --rows 100000        (DATABASE_URL names the database; migrated beforehand)
Prints one JSON line: {"import_page_rows": …, "import_page_s": …, "import_page_cpu_s": …}.

Driven with Django's test client in one process, as a browser would: POST the file to /keys/import/, follow the
redirect, GET the job's status until it says finished (every 0.5 s, as static/js/jobs.js does), GET the page with
its report. The clock runs from the POST to the report; building the file is not counted. `import_page_cpu_s` is
this process's CPU time over the same span (the job's thread included): on a shared machine the wall time also
counts other people's work, the CPU time does not."""
from __future__ import annotations

import argparse
import json
import time

from bench.seed import _django
from bench.tasks import _ledger_file

POLL = 0.5


def measure(rows: int) -> dict:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from core.demo import build_world
    from core.middleware import PROJECT
    from core.models import Job, Project, User

    settings.PROPDESK_JOBS = "thread"  # the embedded default, whatever the environment says
    if not User.objects.filter(username="kefu1").exists():
        build_world(password="bench-pass-2026")
    user = User.objects.get(username="kefu1")
    project = Project.objects.filter(memberships__user=user).order_by("pk").first()
    # A new project each run: the ledger import refuses the same file twice, and key numbers once in the ledger are
    # duplicates. The bench measures a first import of 100,000 new keys.
    project = Project.objects.create(company=project.company, code=f"imp{int(time.time())}",
                                     name="导入基准管理处", address="")
    for role in user.memberships.filter(project__company=project.company).values_list("role", flat=True).distinct():
        user.memberships.get_or_create(project=project, role=role)
    data = _ledger_file(rows)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[PROJECT] = project.pk
    session.save()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/keys/import/", {"file": SimpleUploadedFile("ledger-100k.xlsx", data)})
    if response.status_code != 302:
        raise SystemExit(f"the import page answered {response.status_code}: {response.content[:500]!r}")
    page_url = response["Location"]
    job = Job.objects.filter(project=project).latest("pk")
    polls, refused = 0, []
    while True:
        answer = client.get(f"/jobs/{job.pk}/status/")
        polls += 1
        if answer.status_code != 200:  # counted and reported: the page's script retries such a poll, so does this
            refused.append(answer.status_code)
            time.sleep(POLL)
            continue
        if answer.json()["finished"]:
            break
        time.sleep(POLL)
    page = client.get(page_url)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    job.refresh_from_db()
    if page.status_code != 200 or job.state != "done" or job.summary.get("created") != rows:
        raise SystemExit(f"the import did not finish as expected: {job.state} {job.summary} {job.error}")
    return {"import_page_rows": rows, "import_page_s": round(seconds, 2), "import_page_cpu_s": round(cpu_seconds, 2),
            "import_page_polls": polls, "import_page_polls_failed": len(refused),
            "import_page_file_mb": round(len(data) / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    _django()
    print(json.dumps(measure(options.rows)))


if __name__ == "__main__":
    main()
