"""Serving the product under gunicorn on a check's own database and seeding lendable keys (via bench/)."""
from __future__ import annotations

import json
from pathlib import Path

from bench.run import Server
from reliability.checks import _common


def serve_seeded(ctx, url: str, workdir: Path, *, keys: int, loans_per_key: int, workers: int = 4,
                 threads: int = 4) -> tuple[Server, dict, dict]:
    """Migrate, seed `keys` keys each with approved loans waiting at the desk, start gunicorn.

    Runs with bench.settings: the product's settings with a cheap password hasher, because every checkout
    checks the borrower's password and PBKDF2 would make ten thousand attempts take an hour."""
    environment = _common.env(ctx, url, DJANGO_SETTINGS_MODULE="bench.settings")
    _common.manage(ctx, environment, "migrate", "--noinput")
    plan_file = workdir / "plan.json"
    _common.run(ctx, [ctx.python, "-m", "bench.seed", "--cycle-keys", str(keys), "--cycles-per-key",
                      str(loans_per_key), "--out", str(plan_file)], environment)
    plan = json.loads(plan_file.read_text())
    return Server(environment, workers=workers, threads=threads), plan, environment
