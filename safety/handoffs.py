"""What the safety room answers for the other rooms through core's hand-offs (registered in safety/apps.py): the
shift handover lists the patrol rounds closed with missed points since yesterday and the fire hazards past their
deadline (HANDOVER-2, PATROL-1, FIRE-1)."""
from __future__ import annotations

import datetime as dt

from core import clock, handoffs


def patrol_exceptions(project) -> list[dict]:
    from safety.selectors.fire import hazards_overdue
    from safety.selectors.patrols import exceptions

    since = clock.now() - dt.timedelta(days=1)
    rows = [{"kind": "round", "what": r.route.name, "due_at": r.due_at.isoformat(), "missed": r.missed,
             "late": r.late} for r in exceptions(project=project).filter(due_at__gte=since)[:100]]
    rows += [{"kind": "hazard", "what": h.description, "number": h.number, "deadline": h.deadline.isoformat()}
             for h in hazards_overdue(project=project)[:100]]
    return rows


def provide() -> None:
    handoffs.handover_sections.register("safety_exceptions", patrol_exceptions)
