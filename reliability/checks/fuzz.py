"""Schemathesis against /api/schema/, logged in as a real user, every operation: no 5xx, no schema violation.

Every operation of the OpenAPI schema gets generated requests (valid and edge-case bodies, parameters);
each answer is checked: a status >= 500 is a server error, an answer that does not match the documented
schema (status code, content type, body) is a schema violation. Runs on PostgreSQL and SQLite."""
from __future__ import annotations

from collections import Counter

import requests

from reliability.checks import _common
from reliability.run import Result

TITLE = "API fuzzing with schemathesis"
USER = "kfzg"  # 客服主管: a real clerk's supervisor, member of one project, may reveal personal data


def _fuzz(base: str, password: str, examples: int) -> dict:
    import hypothesis
    import schemathesis
    from hypothesis import HealthCheck, Phase, settings
    from schemathesis.core.failures import Failure, FailureGroup

    session = requests.Session()
    session.auth = (USER, password)
    schema = schemathesis.openapi.from_url(f"{base}/api/schema/")
    counts = {"fuzz_cases": 0, "server_errors": 0, "schema_violations": 0, "operations": 0, "generation_errors": 0}
    failures: list[str] = []
    kinds: Counter = Counter()
    details: list[str] = []
    conformance = (schemathesis.checks.status_code_conformance, schemathesis.checks.content_type_conformance,
                   schemathesis.checks.response_schema_conformance)
    for result in schema.get_all_operations():
        operation = result.ok()
        counts["operations"] += 1

        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        @hypothesis.given(case=operation.as_strategy())
        def exercise(case) -> None:
            counts["fuzz_cases"] += 1
            response = case.call(base_url=base, session=session, timeout=30)
            if response.status_code >= 500:
                counts["server_errors"] += 1
                if len(failures) < 15:
                    failures.append(f"{operation.label} -> {response.status_code}: {response.text[:150]}")
                return
            try:
                case.validate_response(response, checks=conformance)
            except (Failure, FailureGroup) as exc:
                counts["schema_violations"] += 1
                titles = [getattr(e, "title", "") for e in getattr(exc, "exceptions", [exc])]
                kind = f"{operation.label} -> {response.status_code}: {'; '.join(titles)}"
                if kind not in kinds:
                    details.append(f"{kind}\n{str(exc)[:1200]}\n")
                kinds[kind] += 1

        try:
            exercise()
        except Exception as exc:  # a generation problem in one operation must not hide the others
            counts["generation_errors"] += 1
            if len(failures) < 15:
                failures.append(f"{operation.label}: could not generate: {type(exc).__name__}: {exc}"[:200])
    counts["failures"] = failures + [f"{n}× {kind}" for kind, n in kinds.most_common(40)] + details
    return counts


def run(ctx) -> list:
    from bench.run import Server

    examples = 5 if ctx.quick else 25
    workdir = _common.scratch(ctx, "fuzz")
    results = []
    for label, url, cleanup in _common.databases(ctx, "fuzz", workdir):
        server = None
        try:
            environment = _common.env(ctx, url, DJANGO_SETTINGS_MODULE="bench.settings",
                                      PROPDESK_DEMO_PASSWORD="fuzz-pass-2026",
                                      PROPDESK_LOGIN_LOCKOUT_THRESHOLD="1000000")
            _common.manage(ctx, environment, "migrate", "--noinput")
            _common.manage(ctx, environment, "demo_data")
            server = Server(environment, workers=2, threads=4)
            counts = _fuzz(server.base, "fuzz-pass-2026", examples)
            failures = counts.pop("failures")
            operations = counts.pop("operations")
            generation_errors = counts.pop("generation_errors")
            ok = (counts["server_errors"] == 0 and counts["schema_violations"] == 0 and generation_errors == 0
                  and counts["fuzz_cases"] >= operations)
            note = f"{operations} operations"
            (workdir / f"failures-{label}.txt").write_text("\n".join(failures))
            if failures:
                note += f"; {len(failures)} kinds of failure, see {workdir / f'failures-{label}.txt'}"
            results.append(Result("fuzz", label, counts, ok, note))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
