"""Schemathesis against /api/schema/, every operation, as several demo roles, in two modes.

- positive mode: requests that fit the schema (valid bodies, parameters); each answer is checked: a status
  >= 500 is a server error, an answer that does not match the documented schema (status code, content type,
  body) is a schema violation;
- negative mode: requests that do not fit (wrong types, missing required fields, out-of-range values); a
  status >= 500 is a server error, an answer other than a 4xx refusal is "accepted invalid input"
  (schemathesis' negative_data_rejection, which forgives what serialisation makes valid again).
Each as the clerk, the supervisor, the manager and the superuser (different permissions reach different
code). Runs on PostgreSQL and SQLite."""
from __future__ import annotations

from collections import Counter

import requests

from reliability.checks import _common
from reliability.run import Result

TITLE = "API fuzzing with schemathesis: positive and negative, as four roles"
# 客服助理 (clerk), 客服主管 (supervisor, may reveal personal data), 管理处经理 (manager), the superuser.
USERS = ("kefu1", "kfzg", "jingli", "admin")


def _fuzz(base: str, password: str, examples: dict, users=USERS) -> dict:
    import hypothesis
    import schemathesis
    from hypothesis import HealthCheck, Phase, settings
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup
    from schemathesis.specs.openapi.checks import negative_data_rejection

    # The schema is large and built on the first request: a busy machine needs more than the default 10 s.
    schema = schemathesis.openapi.from_url(f"{base}/api/schema/", timeout=120)
    counts = {"fuzz_cases": 0, "server_errors": 0, "schema_violations": 0, "fuzz_negative_cases": 0,
              "fuzz_negative_server_errors": 0, "fuzz_negative_accepted": 0, "fuzz_roles": len(users)}
    seen = {"operations": 0, "generation_errors": 0, "negative_ungeneratable": 0}
    failures: list[str] = []
    kinds: Counter = Counter()
    details: list[str] = []
    conformance = (schemathesis.checks.status_code_conformance, schemathesis.checks.content_type_conformance,
                   schemathesis.checks.response_schema_conformance)
    operations = [result.ok() for result in schema.get_all_operations()]
    seen["operations"] = len(operations)
    for user in users:
        session = requests.Session()
        session.auth = (user, password)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            negative = mode == GenerationMode.NEGATIVE
            prefix = "fuzz_negative_" if negative else ""
            for operation in operations:

                @settings(max_examples=examples[mode.value], deadline=None, derandomize=True, database=None,
                          suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
                @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
                def exercise(case) -> None:
                    counts[prefix + "cases" if negative else "fuzz_cases"] += 1
                    response = case.call(base_url=base, session=session, timeout=30)
                    if response.status_code >= 500:
                        counts[prefix + "server_errors"] += 1
                        if len(failures) < 30:
                            failures.append(f"[{user}, {mode.value}] {operation.label} -> {response.status_code}: "
                                            f"{response.text[:150]}")
                        return
                    try:
                        case.validate_response(response, checks=(negative_data_rejection,) if negative else conformance)
                    except (Failure, FailureGroup) as exc:
                        counts["fuzz_negative_accepted" if negative else "schema_violations"] += 1
                        titles = [getattr(e, "title", "") for e in getattr(exc, "exceptions", [exc])]
                        kind = f"[{mode.value}] {operation.label} -> {response.status_code}: {'; '.join(titles)}"
                        if kind not in kinds:
                            details.append(f"[{user}] {kind}\n{str(exc)[:1200]}\n")
                        kinds[kind] += 1

                try:
                    exercise()
                except Exception as exc:  # a generation problem in one operation must not hide the others
                    if negative:
                        # An operation with nothing to break (no parameters, no body) has no negative case.
                        seen["negative_ungeneratable"] += 1
                        continue
                    seen["generation_errors"] += 1
                    if len(failures) < 30:
                        failures.append(f"[{user}, {mode.value}] {operation.label}: could not generate: "
                                        f"{type(exc).__name__}: {exc}"[:200])
    counts.update(seen)
    counts["failures"] = failures + [f"{n}× {kind}" for kind, n in kinds.most_common(60)] + details
    return counts


def run(ctx) -> list:
    from bench.run import Server

    examples = {"positive": 3, "negative": 2} if ctx.quick else {"positive": 10, "negative": 6}
    workdir = _common.scratch(ctx, "fuzz")
    results = []
    for label, url, cleanup in _common.databases(ctx, "fuzz", workdir):
        server = None
        try:
            environment = _common.demo_site(ctx, url, password="fuzz-pass-2026")
            server = Server(environment, workers=2, threads=4)
            counts = _fuzz(server.base, "fuzz-pass-2026", examples)
            failures = counts.pop("failures")
            operations = counts.pop("operations")
            generation_errors = counts.pop("generation_errors")
            ungeneratable = counts.pop("negative_ungeneratable")
            ok = (counts["server_errors"] == 0 and counts["schema_violations"] == 0 and generation_errors == 0
                  and counts["fuzz_negative_server_errors"] == 0 and counts["fuzz_negative_accepted"] == 0
                  and counts["fuzz_cases"] >= operations * len(USERS)
                  and counts["fuzz_negative_cases"] >= operations)
            note = (f"{operations} operations × {len(USERS)} roles ({', '.join(USERS)}), positive and negative "
                    f"({ungeneratable} operation × role pairs have no negative case)")
            (workdir / f"failures-{label}.txt").write_text("\n".join(failures))
            if failures:
                note += f"; {len(failures)} kinds of failure, see {workdir / f'failures-{label}.txt'}"
            results.append(Result("fuzz", label, counts, ok, note))
        except Exception as exc:  # one database's failure must not hide the other's result
            results.append(Result("fuzz", label, {}, False, f"{type(exc).__name__}: {exc}"[:500]))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
