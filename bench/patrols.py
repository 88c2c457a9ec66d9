"""Patrol rounds at company scale (issue 20): a month of rounds for many projects, then checkpoint scans per
second through the service (the server stamps the time, finds the open round, records the visit).

  DATABASE_URL=postgres://… python -m bench.patrols --projects 500 --days 30 --scans 2000

Run under bench.settings on a database built by bench.seed (the demo world). Each project gets a key-fire-area
route of 6 points walked every 2 hours; the month before today is filled with closed rounds and their visits
(PostgreSQL: generate_series); then `--scans` sign-ins at today's open rounds are timed. Prints one JSON line."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def seed(projects: int, days: int) -> list[int]:
    """`projects` projects of the demo company, each with a route (6 points, every 2 h) and `days` of history."""
    from django.db import connection, transaction

    from core import clock
    from core.models import Company, Membership, Project, User
    from safety.models import Route
    from safety.services import patrols

    company = Company.objects.order_by("pk").first()
    officer = User.objects.filter(is_superuser=True).order_by("pk").first()
    guard = User.objects.filter(username="baoan1").first() or officer
    made = []
    start = clock.now()
    for index in range(projects):
        code = f"benchpatrol{index:04d}"
        project, _ = Project.objects.get_or_create(company=company, code=code, defaults={"name": f"巡查压测{index}"})
        Membership.objects.get_or_create(user=guard, project=project, role="security_guard")
        route = Route.objects.filter(project=project).first()
        if route is None:
            with transaction.atomic():
                route = patrols.create_route(project=project, by=officer, name="重点部位", kind="building",
                                             first_at=dt.time(0, 0), interval_minutes=120, rounds_per_day=12,
                                             allowed_minutes=110,
                                             checkpoints=[{"name": f"点{i}"} for i in range(1, 7)])
        made.append(project.pk)
    if connection.vendor == "postgresql" and days:
        today = clock.today()
        first = clock.at_beijing(today - dt.timedelta(days=days), dt.time(0, 0))
        with connection.cursor() as cur:
            cur.execute("""
                INSERT INTO safety_round (project_id, route_id, due_at, due_by, status, closed_at, missed, late)
                SELECT r.project_id, r.id, %(first)s + (g * interval '2 hours'),
                       %(first)s + (g * interval '2 hours') + interval '110 minutes', 'closed',
                       %(first)s + (g * interval '2 hours') + interval '2 hours', 0, 0
                FROM safety_route r CROSS JOIN generate_series(0, %(n)s - 1) g
                WHERE r.project_id = ANY(%(projects)s)
                ON CONFLICT DO NOTHING""", {"first": first, "n": days * 12, "projects": made})
            cur.execute("""
                INSERT INTO safety_visit (round_id, checkpoint_id, result, via, visited_at, visited_by_id, note,
                                          finding, outcome, outcome_ref)
                SELECT o.id, c.id, 'on_time', 'scan', o.due_at + (c."order" * interval '5 minutes'), %(guard)s,
                       '', '', '', ''
                FROM safety_round o JOIN safety_checkpoint c ON c.route_id = o.route_id
                WHERE o.project_id = ANY(%(projects)s) AND o.due_at < %(today)s
                ON CONFLICT DO NOTHING""", {"guard": guard.pk, "projects": made,
                                            "today": clock.at_beijing(today, dt.time(0, 0))})
    print(json.dumps({"seeded_projects": len(made), "seconds": round((clock.now() - start).total_seconds(), 1)}))
    return made


def measure(project_ids: list[int], scans: int) -> dict:
    """Sign-ins at random points of the projects' routes, each at the round open now; scans per second."""
    from django.db import transaction

    from core.errors import DomainError
    from core.models import User
    from safety.models import Checkpoint, Visit
    from safety.services import patrols

    guard = User.objects.filter(username="baoan1").first() or User.objects.filter(is_superuser=True).first()
    points = list(Checkpoint.objects.filter(route__project_id__in=project_ids).values_list("token", flat=True))
    random.shuffle(points)
    done = refused = 0
    started = time.perf_counter()
    for token in points[:scans]:
        try:
            patrols.sign_in(by=guard, token=token)
            done += 1
        except DomainError:
            refused += 1  # already signed in this round
    seconds = time.perf_counter() - started
    with transaction.atomic():
        visits = Visit.objects.filter(round__project_id__in=project_ids).count()
    return {"scans": done, "refused": refused, "seconds": round(seconds, 2),
            "scans_per_second": round((done + refused) / seconds, 1) if seconds else None, "visits_total": visits}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--scans", type=int, default=2000)
    args = parser.parse_args()
    _django()
    ids = seed(args.projects, args.days)
    print(json.dumps(measure(ids, args.scans)))


if __name__ == "__main__":
    main()
