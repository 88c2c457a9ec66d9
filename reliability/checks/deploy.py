"""`manage.py check --deploy` with production settings: no warning may remain."""
from __future__ import annotations

import re
import secrets

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "Django deployment checklist (check --deploy) with production settings"


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "deploy")
    env = c.env(ctx, c.sqlite_url(workdir / "deploy.sqlite3"), PROPDESK_ENV="production",
                DJANGO_SECRET_KEY=secrets.token_urlsafe(60), PROPDESK_FIELD_KEY=secrets.token_urlsafe(40),
                PROPDESK_AUDIT_KEY=secrets.token_hex(32),
                DJANGO_ALLOWED_HOSTS="propdesk.example.com", PROPDESK_MEDIA_ROOT=str(workdir / "media"))
    env.pop("DJANGO_DEBUG", None)  # production's own default
    done = c.manage(ctx, env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    output = done.stdout + done.stderr
    warnings = len(re.findall(r"^\S+: \(security\.W\d+\)|^\?: \(\w+\.[WE]\d+\)", output, re.M))
    if done.returncode != 0 and warnings == 0:
        warnings = max(1, output.count("(security."))
    ok = done.returncode == 0 and warnings == 0
    return [Result("deploy", "-", {"deploy_check_warnings": warnings}, ok, "" if ok else output[-800:])]
