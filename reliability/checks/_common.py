"""Helpers shared by the checks: run the product in subprocesses on a database of the check's own."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

PRELUDE = """
import json, os, sys
import django
django.setup()
def emit(value):
    print("PROBE " + json.dumps(value, ensure_ascii=False, default=str), flush=True)
"""


def env(ctx, database_url: str, **extra: str) -> dict:
    """The product's environment: config.settings, the given database, files in a scratch directory."""
    result = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=database_url,
                  PYTHONPATH=str(ctx.root), DJANGO_DEBUG="0")
    result.pop("CI", None)
    result.update(extra)
    return result


def demo_site(ctx, database_url: str, *, password: str, media=None) -> dict:
    """A migrated database with the demo data, served with bench settings; sign-in locks out of the way (the
    checks sign in many times from one address). Returns the environment to serve or probe it with."""
    extra = {"PROPDESK_DEMO_PASSWORD": password, "PROPDESK_LOGIN_LOCKOUT_THRESHOLD": "1000000",
             "PROPDESK_LOGIN_ADDRESS_THRESHOLD": "1000000"}
    if media is not None:
        extra["PROPDESK_MEDIA_ROOT"] = str(media)
    environment = env(ctx, database_url, DJANGO_SETTINGS_MODULE="bench.settings", **extra)
    manage(ctx, environment, "migrate", "--noinput", "-v0")
    manage(ctx, environment, "demo_data")
    return environment


def run(ctx, args: list[str], environment: dict, *, check: bool = True, timeout: int = 900) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=ctx.root, env=environment, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done


def manage(ctx, environment: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(ctx, [ctx.python, "manage.py", *args], environment, check=check)


def probe(ctx, environment: dict, code: str):
    """Run `code` in a fresh Python process with Django set up; it reports with emit(value)."""
    done = run(ctx, [ctx.python, "-c", PRELUDE + textwrap.dedent(code)], environment)
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    if not lines:
        raise RuntimeError(f"probe reported nothing:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][len("PROBE "):])


def scratch(ctx, name: str) -> Path:
    path = ctx.var / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def sqlite_url(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _pg_admin(ctx):
    import psycopg

    return psycopg.connect(ctx.pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def pg_create(ctx, name: str, template: str | None = None) -> str:
    with _pg_admin(ctx) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return ctx.pg_url.rsplit("/", 1)[0] + "/" + name


def pg_drop(ctx, name: str) -> None:
    with _pg_admin(ctx) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def databases(ctx, check: str, workdir: Path):
    """(label, url, cleanup) for a fresh SQLite file and a fresh PostgreSQL database of this check."""
    yield "sqlite", sqlite_url(workdir / f"{check}.sqlite3"), lambda: None
    name = f"propdesk_rel_{check}"
    yield "postgresql", pg_create(ctx, name), lambda: pg_drop(ctx, name)
