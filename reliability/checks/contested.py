"""Two clerks, one key, one winner — ten thousand times, over HTTP, on SQLite and PostgreSQL (KEY-LOAN-5).

Three fights, each judged by the answers AND the rows:
  1. the long fight: clients lend keys that all clients want (each winner returns at once), no key ever lent
     twice at the same time (overlapping loans in the rows);
  2. winners against the rows: every client asks, at once, to lend the same key on a loan of its own; exactly
     one may hear 2xx, the others 409 with a stable code, and in the database that key has exactly one open
     loan, the winner's, and the key's status says lent;
  3. races on ONE loan: two clerks return the same lent loan, two approvers approve the same pending loan,
     two sessions cancel the same loan, at once; exactly one wins, the loser gets a 4xx with a stable code,
     and the rows agree (one approval, one audit event of the action, the loan and key in the winner's state).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import time

from bench import load
from reliability.checks import _common, _load
from reliability.run import Result

TITLE = "contested checkouts and one-loan races through the HTTP API, judged by the rows"
CLIENTS = 16
CONTESTED_KEYS = 4

# Keys for fights 2 and 3, made after the bench seed: HOLD keys with one approved loan per client, RACE keys
# with one approved loan each (lent, then returned twice at once), APPLY keys with no loan (applied for over
# the API, then approved or cancelled twice at once).
EXTRA = """
import datetime as dt
from core import clock
from core.models import Project, User
from keys.models import KeyLoan, KeySet
from keys.states import KeyStatus, LoanStatus
project = Project.objects.get(pk=PROJECT)
worker = User.objects.get(username="gongcheng1")
clerk = User.objects.get(username="kefu1")
now = clock.now()
plan = {}
for prefix, count, loans in (("HOLD", N_HOLD, N_CLIENTS), ("RACE", N_RACES, 1), ("APPLY", N_RACES * 2, 0)):
    KeySet.objects.bulk_create([KeySet(project=project, number=f"{prefix}{i:04d}", category="public",
                                       name=f"{prefix.lower()} key {i}", pieces=1, storage=prefix,
                                       status=KeyStatus.IN_STORE, created_at=now, updated_at=now)
                                for i in range(count)])
    keys = list(KeySet.objects.filter(project=project, number__startswith=prefix).order_by("number"))
    KeyLoan.objects.bulk_create([KeyLoan(
        project=project, serial=f"{prefix}L{key.pk}-{n}", key=key, category="public", form_kind="public",
        applicant=worker, holder=worker, registered_by=clerk, purpose_kind="repair", purpose="reliability",
        key_name=key.name, period_start=now, period_end=now + dt.timedelta(days=30), status=LoanStatus.APPROVED,
        applied_at=now, approved_at=now, retain_until=(now + dt.timedelta(days=730)).date())
        for key in keys for n in range(loans)])
    plan[prefix] = [{"key": k.pk, "tag": k.tag_token, "name": k.name,
                     "loans": list(KeyLoan.objects.filter(key=k).order_by("pk").values_list("pk", flat=True))}
                    for k in keys]
emit(plan)
"""

# Fight 2 judged by the rows: per key, the open loans and the key's status.
HELD = """
from keys.models import KeyLoan, KeySet
keys = KEYS
open_loans = {k: [] for k in keys}
for loan, key in KeyLoan.objects.filter(key_id__in=keys, status="lent").values_list("pk", "key_id"):
    open_loans[key].append(loan)
status = dict(KeySet.objects.filter(pk__in=keys).values_list("pk", "status"))
emit({"open": {str(k): v for k, v in open_loans.items()}, "status": {str(k): v for k, v in status.items()}})
"""

# Fight 3 judged by the rows: for each raced loan, its status, key status, approvals and audit events.
RACED = """
from core.models import AuditEvent
from keys.models import KeyLoan, LoanApproval
loans = LOANS
rows = {}
for loan in KeyLoan.objects.filter(pk__in=list(loans)).select_related("key"):
    events = AuditEvent.objects.filter(target_id=str(loan.pk), action=loans[str(loan.pk)]["action"]).count()
    rows[str(loan.pk)] = {"status": loan.status, "key_status": loan.key.status, "events": events,
                          "approvals": LoanApproval.objects.filter(loan=loan).count()}
emit(rows)
"""


async def _contest(base: str, plan: dict, attempts: int) -> dict:
    """Every client lends keys that all clients want; a winner returns its key at once so the fight goes on."""
    sessions = [await load.signed_in(base, plan["issuer"], plan["password"]) for _ in range(CLIENTS)]
    # Each client owns a disjoint slice of each key's approved loans: it never retries a loan another used.
    queues = [{item["key"]: list(item["loans"][i::CLIENTS]) for item in plan["cycle"]} for i in range(CLIENTS)]
    tags = {item["key"]: item["tag"] for item in plan["cycle"]}
    counts = {"attempts": 0, "won": 0, "refused": 0, "errors": 0, "returned": 0}

    async def worker(index: int) -> None:
        client, mine, rnd = sessions[index], queues[index], random.Random(index)
        while counts["attempts"] < attempts:
            key = rnd.choice(list(mine))
            if not mine[key]:
                return
            loan = mine[key][0]
            counts["attempts"] += 1
            try:
                out = await client.post(f"/api/keys/loans/{loan}/checkout/", json={
                    "scanned": tags[key], "pieces_counted": 1, "borrower_password": plan["password"]})
            except Exception:  # the server is supposed to answer; count and go on
                counts["errors"] += 1
                continue
            if out.status_code == 200:
                counts["won"] += 1
                mine[key].pop(0)
                back = await client.post(f"/api/keys/loans/{loan}/return/", json={
                    "scanned": tags[key], "pieces_returned": 1})
                counts["returned"] += back.status_code == 200
            elif out.status_code == 409:
                counts["refused"] += 1
            else:
                counts["errors"] += 1

    await asyncio.gather(*(worker(i) for i in range(CLIENTS)))
    for client in sessions:
        await client.aclose()
    return counts


OVERLAPS = """
from keys.models import KeyLoan
overlaps, lent_now = 0, 0
by_key = {}
for key_id, out, back in (KeyLoan.objects.exclude(checked_out_at=None).filter(serial__startswith="CYL")
                          .order_by("key_id", "checked_out_at").values_list("key_id", "checked_out_at", "returned_at")):
    previous = by_key.get(key_id)
    if previous is not None and (previous is True or out < previous):
        overlaps += 1
    by_key[key_id] = True if back is None else back
emit({"double_lends": overlaps})
"""


def _stable_refusal(response) -> bool:
    """A loser's answer: 4xx (409 for a lost race) with a machine-readable code."""
    if not 400 <= response.status_code < 500:
        return False
    try:
        return bool(response.json().get("code"))
    except (ValueError, AttributeError):
        return False


async def _hold(base: str, plan: dict, hold: list) -> dict:
    """Fight 2: for each key, every client asks at once to lend it on its own loan."""
    sessions = [await load.signed_in(base, plan["issuer"], plan["password"]) for _ in range(CLIENTS)]
    winners, multi, bad_losers = {}, 0, 0
    for item in hold:
        answers = await asyncio.gather(*(sessions[i].post(f"/api/keys/loans/{item['loans'][i]}/checkout/", json={
            "scanned": item["tag"], "pieces_counted": 1, "borrower_password": plan["password"]})
            for i in range(CLIENTS)), return_exceptions=True)
        won = [item["loans"][i] for i, a in enumerate(answers)
               if not isinstance(a, Exception) and 200 <= a.status_code < 300]
        bad_losers += sum(1 for a in answers if isinstance(a, Exception)
                          or (not 200 <= a.status_code < 300 and (a.status_code != 409 or not _stable_refusal(a))))
        multi += len(won) > 1
        winners[item["key"]] = won
    for client in sessions:
        await client.aclose()
    return {"winners": winners, "multi": multi, "bad_losers": bad_losers}


async def _races(base: str, plan: dict, race_keys: list, apply_keys: list) -> dict:
    """Fight 3: two sessions act on ONE loan at once — return, approve, cancel."""
    desk = [await load.signed_in(base, plan["issuer"], plan["password"]) for _ in range(2)]
    heads = [await load.signed_in(base, "gczg", plan["password"]) for _ in range(2)]
    applicants = [await load.signed_in(base, "gongcheng1", plan["password"]) for _ in range(2)]
    raced, double, bad = {}, 0, 0

    async def race(kind: str, loan: int, pair: list, path: str, body: dict, action: str) -> None:
        nonlocal double, bad
        answers = await asyncio.gather(*(c.post(f"/api/keys/loans/{loan}/{path}/", json=body) for c in pair),
                                       return_exceptions=True)
        wins = [a for a in answers if not isinstance(a, Exception) and 200 <= a.status_code < 300]
        losers = [a for a in answers if isinstance(a, Exception) or not 200 <= a.status_code < 300]
        double += len(wins) != 1
        bad += sum(1 for a in losers if isinstance(a, Exception) or not _stable_refusal(a))
        raced[str(loan)] = {"kind": kind, "action": action, "wins": len(wins)}

    now = dt.datetime.now(dt.timezone.utc)
    for item in race_keys:
        loan = item["loans"][0]
        out = await desk[0].post(f"/api/keys/loans/{loan}/checkout/", json={
            "scanned": item["tag"], "pieces_counted": 1, "borrower_password": plan["password"]})
        if out.status_code != 200:
            bad += 1
            continue
        await race("return", loan, desk, "return", {"scanned": item["tag"], "pieces_returned": 1}, "keys.loan.returned")
    for n, item in enumerate(apply_keys):
        applied = await applicants[0].post("/api/keys/loans/", json={
            "key": item["key"], "purpose_kind": "repair", "purpose": "检修", "key_name": item["name"],
            "period_start": (now + dt.timedelta(minutes=5)).isoformat(),
            "period_end": (now + dt.timedelta(hours=3)).isoformat()})
        if applied.status_code != 201:
            bad += 1
            continue
        loan = applied.json()["id"]
        if n % 2 == 0:
            await race("approve", loan, heads, "approve", {}, "keys.loan.approved")
        else:
            await race("cancel", loan, applicants, "cancel", {}, "keys.loan.cancelled")
    for client in desk + heads + applicants:
        await client.aclose()
    return {"raced": raced, "double": double, "bad": bad}


def _judge_races(ctx, environment: dict, races: dict) -> int:
    """Raced loans whose rows disagree with one winner: one audit event of the action, the winner's state."""
    rows = _common.probe(ctx, environment, RACED.replace("LOANS", json.dumps(races["raced"])))
    expected = {"return": ("returned", "in_store", None), "approve": ("approved", "in_store", 1),
                "cancel": ("cancelled", "in_store", 0)}
    wrong = 0
    for loan, race in races["raced"].items():
        row = rows.get(loan)
        status, key_status, approvals = expected[race["kind"]]
        if (row is None or row["events"] != 1 or row["status"] != status or row["key_status"] != key_status
                or (approvals is not None and row["approvals"] != approvals)):
            wrong += 1
    return wrong


def _judge_holds(ctx, environment: dict, held: dict) -> int:
    """Keys whose rows disagree with the answers: not exactly one open loan, not the winner's, key not lent."""
    rows = _common.probe(ctx, environment, HELD.replace("KEYS", json.dumps(list(held["winners"]))))
    wrong = 0
    for key, won in held["winners"].items():
        open_loans, status = rows["open"][str(key)], rows["status"][str(key)]
        if len(won) != 1 or open_loans != won or status != "lent":
            wrong += 1
    return wrong


def run(ctx) -> list:
    attempts = 1_000 if ctx.quick else 10_000
    holds, races = (8, 6) if ctx.quick else (30, 20)
    workdir = _common.scratch(ctx, "contested")
    results = []
    for label, url, cleanup in _common.databases(ctx, "contested", workdir):
        server = None
        try:
            loans_per_key = attempts // CONTESTED_KEYS + CLIENTS * 4
            server, plan, environment = _load.serve_seeded(ctx, url, workdir, keys=CONTESTED_KEYS,
                                                            loans_per_key=loans_per_key,
                                                            workers=4, threads=1 if label == "sqlite" else 4)
            extra = _common.probe(ctx, environment, EXTRA.replace("PROJECT", str(plan["project"]))
                                  .replace("N_HOLD", str(holds)).replace("N_RACES", str(races))
                                  .replace("N_CLIENTS", str(CLIENTS)))
            started = time.monotonic()
            counts = asyncio.run(_contest(server.base, plan, attempts))
            seconds = time.monotonic() - started
            held = asyncio.run(_hold(server.base, plan, extra["HOLD"]))
            raced = asyncio.run(_races(server.base, plan, extra["RACE"], extra["APPLY"]))
            server.stop()
            server = None
            double = _common.probe(ctx, environment, OVERLAPS)["double_lends"]
            held_wrong = _judge_holds(ctx, environment, held)
            raced_wrong = _judge_races(ctx, environment, raced)
            metrics = {"contested_checkouts": counts["attempts"], "double_lends": double,
                       "contested_won": counts["won"], "contested_errors": counts["errors"],
                       "contested_keys_held": len(held["winners"]), "contested_multi_winners": held["multi"],
                       "contested_winner_rows_disagree": held_wrong, "contested_bad_loser_answers": held["bad_losers"],
                       "one_loan_races": len(raced["raced"]), "one_loan_race_not_one_winner": raced["double"],
                       "one_loan_race_bad_loser_answers": raced["bad"], "one_loan_race_rows_disagree": raced_wrong}
            ok = (double == 0 and counts["errors"] == 0 and counts["won"] == counts["returned"]
                  and len(held["winners"]) == holds and held["multi"] == 0 and held_wrong == 0
                  and held["bad_losers"] == 0 and len(raced["raced"]) == races * 3 and raced["double"] == 0
                  and raced["bad"] == 0 and raced_wrong == 0)
            results.append(Result("contested", label, metrics, ok,
                                  f"{counts['attempts'] / seconds:.0f} attempts/s, {counts['refused']} refused; "
                                  f"{holds} keys × {CLIENTS} clients at once; {len(raced['raced'])} one-loan races "
                                  "(return, approve, cancel)"))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
