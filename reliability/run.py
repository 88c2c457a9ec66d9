"""`make reliability`: the reliability and security checks, each on SQLite and PostgreSQL where it applies.

Every module in reliability/checks/ defines `TITLE` and `run(ctx) -> list[Result]`. This runner calls
them in name order, prints a table, and ends with one line `RELIABILITY {json}` holding every metric.
A check that cannot run is reported as failed with its reason, never silently skipped.

  python -m reliability.run                 all checks
  python -m reliability.run --only tamper   the checks whose module name contains "tamper"
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("RELIABILITY_PG_URL", "postgres://postgres@127.0.0.1:5432/propdesk_reliability")


@dataclass
class Result:
    """One line of the table: what was checked, on which database, the metrics it measured, pass/fail."""

    check: str
    database: str
    metrics: dict
    ok: bool
    note: str = ""


@dataclass
class Context:
    root: Path = ROOT
    python: str = sys.executable
    pg_url: str = PG_URL
    var: Path = ROOT / "var" / "reliability"
    quick: bool = False
    extra: dict = field(default_factory=dict)


def _modules(only: str) -> list:
    package = importlib.import_module("reliability.checks")
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"reliability.checks.{n}") for n in names if only in n]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--quick", action="store_true", help="smaller counts, for trying the harness")
    options = parser.parse_args()
    ctx = Context(quick=options.quick)
    ctx.var.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    started = time.monotonic()
    for module in _modules(options.only):
        print(f"== {module.TITLE}", flush=True)
        try:
            results.extend(module.run(ctx))
        except Exception as exc:  # a broken check is a failed check, with its reason
            traceback.print_exc()
            results.append(Result(module.__name__.rsplit(".", 1)[1], "-", {}, False, f"{type(exc).__name__}: {exc}"))
    merged: dict = {}
    print()
    print(f"{'check':<28} {'database':<10} {'ok':<4} metrics")
    for r in results:
        print(f"{r.check:<28} {r.database:<10} {'yes' if r.ok else 'NO':<4} "
              f"{json.dumps(r.metrics, ensure_ascii=False)} {r.note}")
        for key, value in r.metrics.items():
            # The same metric on two databases: counts add up, flags must hold on both.
            if key in merged and isinstance(value, bool):
                merged[key] = merged[key] and value
            elif key in merged and isinstance(value, (int, float)):
                merged[key] += value
            else:
                merged[key] = value
    merged["checks_failed"] = sum(1 for r in results if not r.ok)
    merged["wall_seconds"] = round(time.monotonic() - started, 1)
    print("RELIABILITY " + json.dumps(merged, ensure_ascii=False))
    return 1 if merged["checks_failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
