"""Reads of the shift handover worth naming (HANDOVER-2, -6, -8)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from core import clock, handoffs, policies
from core.models import Project, User
from duty.models import (
    CarryItem,
    DutyEntry,
    EquipmentOperation,
    Handover,
    HandoverItem,
    HandoverRefusal,
    HandoverStatus,
)
from duty.selectors.log import open_entries
from duty.selectors.roster import issued_assignments, rostered_on, shift_of_day, shift_window
from duty.states import EntryKind


def handovers(*, project: Project) -> QuerySet[Handover]:
    return (Handover.objects.filter(project=project)
            .select_related("outgoing", "incoming", "original_incoming").order_by("-shift_change_at", "-pk"))


def open_handovers(*, project: Project) -> QuerySet[Handover]:
    return handovers(project=project).exclude(status=HandoverStatus.COMPLETED)


def previous_completed(*, project: Project, before: dt.datetime | None = None) -> Handover | None:
    qs = Handover.objects.filter(project=project, status=HandoverStatus.COMPLETED)
    if before is not None:
        qs = qs.filter(completed_at__lt=before)
    return qs.order_by("-completed_at", "-pk").first()


def open_carry_items(*, project: Project) -> QuerySet[CarryItem]:
    """Work earlier shifts left and nobody has marked done: on the next handover and the hub (HANDOVER-8)."""
    return (CarryItem.objects.filter(project=project, done_at__isnull=True,
                                     handover__status=HandoverStatus.COMPLETED)
            .select_related("added_by", "handover").order_by("added_at", "pk"))


def open_equipment_operations(*, project: Project) -> QuerySet[EquipmentOperation]:
    """Major equipment starting or stopping right now: blocks every handover (HANDOVER-5)."""
    return EquipmentOperation.objects.filter(project=project, finished_at__isnull=True).select_related("started_by")


def equipment_operations(*, project: Project, limit: int = 30) -> QuerySet[EquipmentOperation]:
    return EquipmentOperation.objects.filter(project=project).select_related("started_by", "finished_by")[:limit]


def refusals_of(handover: Handover) -> QuerySet[HandoverRefusal]:
    return handover.refusals.select_related("attempted_by")


def items_of(*, project: Project, active_only: bool = True) -> QuerySet[HandoverItem]:
    qs = HandoverItem.objects.filter(project=project)
    return qs.filter(active=True) if active_only else qs


def missed_takeovers(*, project: Project, at: dt.datetime | None = None) -> QuerySet[Handover]:
    """Handovers still not completed long after the shift change: takeover missed (HANDOVER-6)."""
    minutes = int(policies.value("duty.handover.missed_after_minutes", project))
    limit = (at or clock.now()) - dt.timedelta(minutes=minutes)
    return open_handovers(project=project).filter(shift_change_at__lt=limit)


def late_takeovers(*, project: Project) -> QuerySet[Handover]:
    return handovers(project=project).filter(status=HandoverStatus.COMPLETED, late_minutes__gt=0)


def shift_instructions(*, project: Project, since: dt.datetime) -> QuerySet[DutyEntry]:
    """Superiors' instructions written this shift, or still open from before (004 G; 002 篇2 §2.3)."""
    return (DutyEntry.objects.filter(project=project, kind=EntryKind.INSTRUCTION)
            .filter(Q(recorded_at__gte=since) | Q(status="open")).select_related("recorded_by")
            .order_by("recorded_at", "pk"))


def _entry(e: DutyEntry) -> dict:
    # Cause, course and result of each problem must be handed over plainly (004 F; 002 篇2 §1.2).
    return {"id": e.pk, "serial": e.serial, "kind": e.kind, "kind_display": str(e.get_kind_display()),
            "severity": e.severity, "severity_display": str(e.get_severity_display()), "status": e.status,
            "occurred_at": e.occurred_at.isoformat(), "cause": e.what_happened, "course": e.handling,
            "result": e.result, "recorded_by": e.recorded_by.display_name}


def build_sheet(handover: Handover) -> dict:
    """The handover sheet assembled from the shift's own records (HANDOVER-2)."""
    project = handover.project
    previous = previous_completed(project=project, before=handover.created_at)
    since = previous.completed_at if previous else handover.created_at - dt.timedelta(hours=24)
    carried = open_carry_items(project=project).exclude(handover=handover)
    return {
        "built_at": clock.now().isoformat(),
        "since": since.isoformat(),
        "open_entries": [_entry(e) for e in open_entries(project=project).exclude(kind=EntryKind.INSTRUCTION)[:200]],
        "instructions": [_entry(e) for e in shift_instructions(project=project, since=since)[:100]],
        # What other rooms hand over (the key room: keys still out, area keys with the shift — HANDOVER-2, -5).
        **handoffs.handover_sections.gather(project),
        "carried_in": [{"id": c.pk, "text": c.text, "added_by": c.added_by.display_name,
                        "added_at": c.added_at.isoformat()} for c in carried],
        "equipment": [{"id": op.pk, "equipment": op.equipment, "kind": op.kind}
                      for op in open_equipment_operations(project=project)],
    }


def suggested_next(*, project: Project, outgoing: User, at: dt.datetime | None = None) -> dict:
    """From an issued roster: when the outgoing person's shift ends and who is on the next shift.

    The shift is the one worked at `at` or, off shift, the person's shift of that day ending nearest to
    it — a handover opened a little before the start or after the end still belongs to that shift change.
    The incoming person is on the same team's shift starting at the change or, where shifts overlap (front
    desk early/middle/late), the latest one that started during the outgoing shift.
    Optional: a project without an issued roster gets an empty suggestion (HANDOVER-3)."""
    at = at or clock.now()
    mine = shift_of_day(project=project, person=outgoing, at=at)
    if mine is None:
        return {}
    start, end = shift_window(mine)
    candidates = issued_assignments(project=project).filter(
        day__in=[mine.day, mine.day + dt.timedelta(days=1)], shift__team=mine.shift.team).exclude(person=outgoing)
    best = None
    for a in candidates:
        a_start = shift_window(a)[0]
        if start < a_start <= end and (best is None or a_start > best[0]):
            best = (a_start, a)
    return {"shift_change_at": end, "shift_code": mine.shift.code, "team": mine.shift.team,
            "incoming": best[1].person if best else None}


def start_defaults(*, project: Project, outgoing: User, at: dt.datetime | None = None) -> dict:
    """What the form starting a handover offers (HANDOVER-3, HANDOVER-4): the roster's suggestion (see
    suggested_next), the day of the shift change, whether any roster is issued for that day, and who is
    rostered that day — the outgoing person's team, else every team — to list before the rest of the staff."""
    at = at or clock.now()
    suggestion = suggested_next(project=project, outgoing=outgoing, at=at)
    day = clock.beijing(suggestion.get("shift_change_at") or at).date()
    issued = issued_assignments(project=project, day=day).exists()
    rostered = [(person, shifts) for person, shifts in rostered_on(project=project, day=day, team=suggestion.get("team"))
                if person.pk != outgoing.pk]
    return {**suggestion, "day": day, "roster_issued": issued, "rostered": rostered}
