"""Shelf checks (ARCH-4, ARCH-11): the archivist begins the period's check — every volume then on a shelf (for
the personal-files check, every confidential one) is a line to record — records found / missing / misplaced
shelf by shelf, and completes it once every line has its result; a missing volume becomes a finding that stays
open until it is resolved."""
from __future__ import annotations

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from archives.models import Finding, ShelfCheck, ShelfCheckLine, Volume
from archives.services.access import require_keeper
from archives.states import FINDING_FLOW, CheckKind, CheckResult, FindingStatus, VolumeStatus
from core import audit, clock, limits
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.notifications import resolve

RULES = {CheckKind.MONTHLY: "ARCH-4", CheckKind.CONFIDENTIAL: "ARCH-11", CheckKind.FULL: "ARCH-11"}


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month (monthly), the half year (personal files) or the past year (the full check at the year's start)."""
    if kind == CheckKind.MONTHLY:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if kind == CheckKind.CONFIDENTIAL:
        first = 1 if day.month <= 6 else 7
        return dt.date(day.year, first, 1), (dt.date(day.year, 6, 30) if first == 1 else dt.date(day.year, 12, 31))
    return dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31)


def expected(project: Project, kind: str):
    """The volumes a check of this kind expects on the shelves, in shelf order (category, then volume)."""
    qs = Volume.objects.filter(project=project, shelf__isnull=False).exclude(status=VolumeStatus.DESTROYED)
    if kind == CheckKind.CONFIDENTIAL:
        qs = qs.filter(category__confidential=True)
    return qs.order_by("room", "cabinet", "shelf", "position")


@audit.atomic()
def start_check(*, project: Project, by: User, kind: str, note: str = "") -> ShelfCheck:
    """Begin this period's check of a kind; one per period (ARCH-4, ARCH-11)."""
    require_keeper(by, project)
    if kind not in CheckKind.values:
        raise DomainError(_("Unknown kind of check."), code="invalid_kind", rule="ARCH-4", details={"field": "kind"})
    note = limits.fit(ShelfCheck, "note", note, rule=RULES[kind])
    start, end = period_of(kind, clock.today())
    try:
        with transaction.atomic():
            check = ShelfCheck.objects.create(project=project, kind=kind, period_start=start, period_end=end,
                                              checked_by=by, started_at=clock.now(), note=note)
    except IntegrityError:
        raise Conflict(_("This period's check has already begun."), code="already_checked", rule=RULES[kind])
    ShelfCheckLine.objects.bulk_create(
        [ShelfCheckLine(check_record=check, volume_id=pk) for pk in expected(project, kind).values_list("pk", flat=True)],
        batch_size=2000)
    audit.record(actor=by, action="archives.check.started", target=check, project=project,
                 data={"kind": kind, "period": start.isoformat(), "volumes": check.lines.count()})
    return check


def _locked_open(check: ShelfCheck, by: User) -> ShelfCheck:
    check = ShelfCheck.objects.select_for_update().select_related("project").get(pk=check.pk)
    require_keeper(by, check.project)
    if check.done:
        raise Conflict(_("This check is completed."), code="check_completed", rule=RULES[check.kind])
    return check


@audit.atomic()
def record_results(*, check: ShelfCheck, by: User, results: dict[int, tuple[str, str]]) -> int:
    """Record (or correct, while the check is open) found / missing / misplaced for volumes of the check:
    `results` maps a volume's id to (result, note). A volume the check does not list is refused."""
    check = _locked_open(check, by)
    rule = RULES[check.kind]
    limits.count(list(results), field="results")
    lines = {line.volume_id: line for line in check.lines.filter(volume_id__in=list(results))}
    stray = [pk for pk in results if pk not in lines]
    if stray:
        raise DomainError(_("A volume that this check does not list was named."), code="unexpected_volume", rule=rule,
                          details={"volumes": stray[:20]})
    changed = []
    for pk, (result, note) in results.items():
        if result not in CheckResult.values:
            raise DomainError(_("Say found, missing or misplaced."), code="invalid_result", rule=rule,
                              details={"volume": pk})
        line = lines[pk]
        line.result, line.note = result, limits.fit(ShelfCheckLine, "note", note, rule=rule)
        changed.append(line)
    ShelfCheckLine.objects.bulk_update(changed, ["result", "note"], batch_size=1000)
    audit.record(actor=by, action="archives.check.recorded", target=check, project=check.project,
                 data={"volumes": len(changed),
                       "missing": sum(line.result == CheckResult.MISSING for line in changed)})
    return len(changed)


@audit.atomic()
def complete_check(*, check: ShelfCheck, by: User) -> ShelfCheck:
    """Complete the check once every listed volume has a result; each missing one opens a finding (ARCH-4)."""
    check = _locked_open(check, by)
    rule = RULES[check.kind]
    pending = check.lines.filter(result="").count()
    if pending:
        raise DomainError(_("%(n)s volume(s) of this check have no result yet.") % {"n": pending},
                          code="results_incomplete", rule=rule, details={"pending": pending},
                          clause="002 篇1 §1.1.3 核对……做到帐物相符")
    counts = {r: check.lines.filter(result=r).count() for r in CheckResult.values}
    now = clock.now()
    Finding.objects.bulk_create([
        Finding(project=check.project, line=line, volume_id=line.volume_id, result=line.result, opened_at=now)
        for line in check.lines.filter(result=CheckResult.MISSING)])
    check.found, check.missing, check.misplaced = (counts[CheckResult.FOUND], counts[CheckResult.MISSING],
                                                   counts[CheckResult.MISPLACED])
    check.checked_at = now
    check.save(update_fields=["found", "missing", "misplaced", "checked_at"])
    audit.record(actor=by, action="archives.check.completed", target=check, project=check.project,
                 data={"kind": check.kind, "period": check.period_start.isoformat(), **counts})
    resolve(subject=check_subject(check.project, check.kind, check.period_start))
    return check


def check_subject(project: Project, kind: str, period_start: dt.date) -> str:
    return f"archives.check:{project.pk}:{kind}:{period_start.isoformat()}"


@audit.atomic()
def close_finding(*, finding: Finding, by: User, note: str) -> Finding:
    """A missing volume is found again or accounted for: the archivist says how, and the finding closes."""
    finding = Finding.objects.select_for_update().select_related("project").get(pk=finding.pk)
    require_keeper(by, finding.project)
    FINDING_FLOW.check(finding.status, FindingStatus.CLOSED)
    note = limits.fit(Finding, "closure_note", note, required=True, rule="ARCH-4")
    finding.status, finding.closed_at, finding.closed_by, finding.closure_note = (
        FindingStatus.CLOSED, clock.now(), by, note)
    finding.save(update_fields=["status", "closed_at", "closed_by", "closure_note"])
    audit.record(actor=by, action="archives.finding.closed", target=finding, project=finding.project,
                 data={"volume": finding.volume_id, "note": note})
    resolve(subject=f"archives.finding:{finding.pk}")
    return finding
