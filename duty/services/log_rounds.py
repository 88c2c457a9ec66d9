"""Rounds during duty (DUTY-LOG-6, 001 篇4 §1.4–1.5): each area checked for condition, hygiene and staff
discipline; the lighting switched on schedule; a failed check writes a duty-log entry by itself.

Where the project has a building patrol route, the round walks it (PATROL-1): the safety room opens its round
through `core.handoffs.open_patrol_walk`, the person scans the checkpoints there, and the finished round keeps the
points as they stood — scanned with their time, or missed, a missed point being a finding like a failed check."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.retention import retain_until
from duty.models import DutyEntry, DutyRound
from duty.services.log import record_entry, require_log_reader
from duty.states import EntryKind

ASPECTS = ("condition_ok", "hygiene_ok", "discipline_ok")
AREA_NOTE_CHARS = 300  # an area's note, kept in the round's checks


def areas_for(project: Project) -> list[str]:
    return list(policies.value("duty.log.round_areas", project))


@audit.atomic()
def start_round(*, project: Project, person: User) -> DutyRound:
    """Begin a round; a person has at most one open round (DUTY-LOG-6, a partial unique constraint too)."""
    require_log_reader(person, project)
    if DutyRound.objects.filter(performed_by=person, finished_at__isnull=True).exists():
        raise Conflict(_("You already have a round in progress; finish it first."), code="round_open",
                       rule="DUTY-LOG-6")
    try:
        with transaction.atomic():
            duty_round = DutyRound.objects.create(
                project=project, performed_by=person, started_at=clock.now(),
                retain_until=retain_until(int(policies.value("duty.log.retention_years", project))))
    except IntegrityError as exc:  # two taps at once: the database keeps one
        raise Conflict(_("You already have a round in progress; finish it first."), code="round_open",
                       rule="DUTY-LOG-6") from exc
    walk = handoffs.open_patrol_walk(project, person) if handoffs.open_patrol_walk.provided else None
    if walk is not None:
        duty_round.patrol_ref, duty_round.patrol_route = walk.ref[:40], walk.route[:100]
        duty_round.save(update_fields=["patrol_ref", "patrol_route"])
    audit.record(actor=person, action="duty.round.started", target=duty_round, project=project,
                 data={"patrol": duty_round.patrol_ref})
    return duty_round


def walk_of(duty_round: DutyRound) -> list[handoffs.PatrolPoint]:
    """The checkpoints of the round's patrol: as they stand now while it is under way, as they stood when it was
    finished afterwards; [] for a round of areas alone."""
    if duty_round.finished_at is not None:
        return [handoffs.PatrolPoint(**{**point, "scanned_at": dt.datetime.fromisoformat(point["scanned_at"])
                                        if point.get("scanned_at") else None}) for point in duty_round.checkpoints]
    walk = live_walk(duty_round)
    return list(walk.points) if walk else []


def live_walk(duty_round: DutyRound) -> handoffs.PatrolWalk | None:
    """The patrol an unfinished round walks, as it stands now (None: a round of areas alone, or finished)."""
    if duty_round.finished_at is not None or not duty_round.patrol_ref or not handoffs.patrol_walk.provided:
        return None
    return handoffs.patrol_walk(duty_round.patrol_ref)


def _snapshot(points: list[handoffs.PatrolPoint]) -> list[dict]:
    return [{"name": p.name, "scanned_at": p.scanned_at.isoformat() if p.scanned_at else None,
             "scanned_by": p.scanned_by, "late": p.late, "finding": p.finding} for p in points]


def _clean_checks(project: Project, checks: list[dict]) -> list[dict]:
    known = areas_for(project)
    cleaned, seen = [], set()
    for item in checks or []:
        area = str(item.get("area", "")).strip()
        if area not in known:
            raise DomainError(_("“%(area)s” is not an area of this project's rounds.") % {"area": area},
                              code="unknown_area", rule="DUTY-LOG-6", details={"areas": known})
        if area in seen:
            raise DomainError(_("“%(area)s” is listed twice.") % {"area": area}, code="duplicate_area",
                              rule="DUTY-LOG-6")
        seen.add(area)
        cleaned.append({"area": area, **{a: bool(item.get(a)) for a in ASPECTS},
                        "note": limits.within(item.get("note"), field=_("note"), limit=AREA_NOTE_CHARS)})
    if not cleaned:
        raise DomainError(_("Record at least one area checked."), code="no_areas", rule="DUTY-LOG-6")
    return cleaned


def _findings(checks: list[dict], lighting_ok: bool | None, points=()) -> list[str]:
    labels = {"condition_ok": _("condition"), "hygiene_ok": _("hygiene"), "discipline_ok": _("staff discipline")}
    lines = []
    for check in checks:
        failed = [str(labels[a]) for a in ASPECTS if not check[a]]
        if failed:
            line = _("%(area)s: %(failed)s not in order") % {"area": check["area"], "failed": "、".join(failed)}
            lines.append(line + (f" — {check['note']}" if check["note"] else ""))
    if lighting_ok is False:
        lines.append(str(_("Lighting not switched on schedule")))
    missed = [p.name for p in points if p.scanned_at is None]
    if missed:
        lines.append(_("Checkpoints not scanned: %(points)s") % {"points": "、".join(missed)})
    return lines


@audit.atomic()
def finish_round(*, duty_round: DutyRound, person: User, checks: list[dict], lighting_ok: bool | None = None,
                 note: str = "") -> DutyRound:
    """Record what the round found and close it; any failed check becomes a log entry (DUTY-LOG-6).

    `checks`: [{"area", "condition_ok", "hygiene_ok", "discipline_ok", "note"}], areas from the policy.
    `lighting_ok`: None when the lighting was not due on this round, else whether it was as scheduled."""
    duty_round = DutyRound.objects.select_for_update().select_related("project").get(pk=duty_round.pk)
    project = duty_round.project
    require_log_reader(person, project)
    if duty_round.performed_by_id != person.pk:
        raise NotAllowed(_("Only the person on the round can finish it."), code="not_your_round", rule="DUTY-LOG-6")
    if duty_round.finished_at is not None:
        raise Conflict(_("This round is already finished."), code="round_finished", rule="DUTY-LOG-6")
    cleaned = _clean_checks(project, checks)
    note = limits.fit(DutyRound, "note", note)
    points = walk_of(duty_round)
    duty_round.checkpoints = _snapshot(points)
    duty_round.checks = cleaned
    duty_round.lighting_ok = lighting_ok
    duty_round.lighting_checked = lighting_ok is not None
    duty_round.note = note
    duty_round.finished_at = clock.now()
    duty_round.save()
    findings = _findings(cleaned, lighting_ok, points)
    if findings:
        record_entry(project=project, recorded_by=person, kind=EntryKind.ROUND, occurred_at=duty_round.finished_at,
                     what_happened=_("Round findings:") + "\n" + "\n".join(findings),
                     # The policy's area names, joined by the program: cut to the column, not refused.
                     location="、".join(c["area"] for c in cleaned)[:200], source=f"duty.round:{duty_round.pk}")
    audit.record(actor=person, action="duty.round.finished", target=duty_round, project=project,
                 data={"areas": len(cleaned), "findings": len(findings), "lighting_ok": lighting_ok,
                       "checkpoints": len(points), "missed": sum(1 for p in points if p.scanned_at is None)})
    return duty_round


def entry_of(duty_round: DutyRound) -> DutyEntry | None:
    return DutyEntry.objects.filter(project=duty_round.project, source=f"duty.round:{duty_round.pk}").first()
