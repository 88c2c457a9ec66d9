"""Every page and API endpoint × every role of another project × an object of the first project: all
refused, nothing changed, no server error. The expected matrix and the walk live in the test suite
(`tests/authz_matrix.py`, `tests/test_authz_matrix.py`); this check runs that test on SQLite and
PostgreSQL and reports its counts."""
from __future__ import annotations

import json

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "authorisation: every endpoint and page × every role × another project's object"
TEST = "tests/test_authz_matrix.py"


def _on(ctx, label: str, database_url: str, workdir) -> Result:
    report = workdir / f"authz-{label}.json"
    report.unlink(missing_ok=True)
    extra = {"AUTHZ_REPORT": str(report), "PROPDESK_TEST_SQLITE": str(workdir / "authz-test.sqlite3")}
    environment = c.env(ctx, database_url, **extra)
    if label == "sqlite":
        environment.pop("DATABASE_URL")
    done = c.run(ctx, [ctx.python, "-m", "pytest", TEST, "-q", "-p", "no:cacheprovider"], environment, check=False)
    if not report.exists():
        return Result("authz", label, {}, False, (done.stdout[-400:] + done.stderr[-300:]).strip())
    counts = json.loads(report.read_text())
    metrics = {"authz_cases": counts["authz_cases"], "authz_failures": counts["authz_failures"],
               "authz_routes": counts["routes"], "authz_roles": len(counts["roles"]),
               "authz_routes_without_demo_object": len(counts["authz_uncovered"])}
    note = "; ".join(counts["first_failures"][:3]) or (
        f"{counts['routes']} routes × {len(counts['roles'])} roles, "
        f"{len(counts['authz_uncovered'])} routes have no demo object to aim at")
    return Result("authz", label, metrics, counts["authz_failures"] == 0 and done.returncode == 0, note)


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "authz")
    results = []
    for label, url, cleanup in c.databases(ctx, "authz", workdir):
        try:
            results.append(_on(ctx, label, url, workdir))
        except Exception as exc:
            results.append(Result("authz", label, {}, False, f"{type(exc).__name__}: {exc}"[:500]))
        finally:
            cleanup()
    return results
