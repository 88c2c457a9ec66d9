"""Weekly self-check and monthly full inventory, discrepancies followed to resolution (KEY-DAILY-2)."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import in_department, require_member
from keys.models import InventoryCount, InventoryKind, InventoryLine, InventoryStatus, KeySet, LineResult
from keys.services.ledger import set_status
from keys.states import FollowStatus, KeyStatus


@audit.atomic()
def start_inventory(*, project: Project, kind: str, started_by: User) -> InventoryCount:
    require_member(started_by, project)
    if kind not in InventoryKind.values:
        raise DomainError(_("Unknown kind of inventory."), code="invalid_kind")
    policy = policies.resolve("keys.inventory", project)
    scope = policy.value[kind]
    if not in_department(started_by, scope["department"]):
        raise NotAllowed(_("This inventory is made by another department."), code="wrong_department",
                         rule="KEY-DAILY-2", clause=policy.clause)
    if InventoryCount.objects.filter(project=project, kind=kind, status=InventoryStatus.COUNTING).exists():
        raise Conflict(_("A count of this kind is already in progress."), code="already_counting")
    keys = KeySet.objects.filter(project=project).exclude(status=KeyStatus.RETIRED)
    if scope["categories"]:
        keys = keys.filter(category__in=scope["categories"])
    count = InventoryCount.objects.create(project=project, kind=kind, department=scope["department"],
                                          categories=scope["categories"], started_by=started_by,
                                          started_at=clock.now())
    InventoryLine.objects.bulk_create([
        InventoryLine(count=count, key=key, expected_status=key.status, expected_pieces=key.pieces)
        for key in keys.order_by("number").only("pk", "status", "pieces")
    ])
    audit.record(actor=started_by, action="keys.inventory.started", target=count, project=project,
                 data={"kind": kind, "lines": count.lines.count()})
    return count


def _result(line: InventoryLine, counted: int | None) -> str:
    if line.expected_status == KeyStatus.LENT:
        return LineResult.OUT_ON_LOAN if counted is None else (
            LineResult.PRESENT if counted == line.expected_pieces else LineResult.PIECES_MISMATCH)
    if counted is None or counted == 0:
        return LineResult.MISSING
    return LineResult.PRESENT if counted == line.expected_pieces else LineResult.PIECES_MISMATCH


@audit.atomic()
def submit_inventory(*, count: InventoryCount, counted_by: User, counts: dict[int, int | None],
                     faulty: Iterable[int] = ()) -> InventoryCount:
    """Every line counted against the ledger; a difference becomes a discrepancy to resolve.

    counts maps line id → pieces found on the hook (None: not on its hook). faulty names the lines whose key was
    found but does not work (KEY-DAILY-3, 000 §4(三)3 完整性、功能性): every key found is marked working or not,
    and one that does not work is taken out of service (damaged) until it is repaired or replaced."""
    count = InventoryCount.objects.select_for_update().get(pk=count.pk)
    require_member(counted_by, count.project)
    if count.status != InventoryStatus.COUNTING:
        raise Conflict(_("This inventory has already been submitted."), code="not_counting")
    lines = list(count.lines.all())
    missing = [line.pk for line in lines if line.pk not in counts]
    if missing:
        raise DomainError(_("%(n)s key(s) not yet counted.") % {"n": len(missing)}, code="lines_uncounted",
                          rule="KEY-DAILY-2", details={"lines": missing[:50]})
    faulty = {int(pk) for pk in faulty}
    unknown = sorted(faulty - {line.pk for line in lines})
    if unknown:
        raise DomainError(_("A key marked as not working is not on this count."), code="invalid_line",
                          rule="KEY-DAILY-3", details={"lines": unknown[:50]})
    discrepancies = 0
    broken: list[InventoryLine] = []
    for line in lines:
        counted = counts[line.pk]
        if counted is not None and int(counted) < 0:
            raise DomainError(_("The count cannot be negative."), code="invalid_count")
        line.counted_pieces = None if counted is None else int(counted)
        line.result = _result(line, line.counted_pieces)
        line.discrepancy = line.result in {LineResult.MISSING, LineResult.PIECES_MISMATCH} or (
            line.expected_status == KeyStatus.LENT and line.result != LineResult.OUT_ON_LOAN)
        found = line.counted_pieces not in (None, 0)
        line.works = (line.pk not in faulty) if found else None
        if line.pk in faulty:
            if not found:
                raise DomainError(_("Only a key found on its hook can be marked as not working."),
                                  code="faulty_not_found", rule="KEY-DAILY-3", details={"line": line.pk})
            if line.expected_status == KeyStatus.LENT:
                raise Conflict(_("The key is out on a loan; return it first."), code="key_lent", rule="KEY-DAILY-3")
            line.result, line.discrepancy = LineResult.FAULTY, True
            broken.append(line)
        line.follow_status = FollowStatus.OPEN if line.discrepancy else ""
        discrepancies += int(line.discrepancy)
    InventoryLine.objects.bulk_update(lines, ["counted_pieces", "result", "discrepancy", "follow_status", "works"])
    for line in broken:  # out of service until repaired or replaced (KEY-DAILY-3)
        set_status(key=KeySet.objects.select_for_update().get(pk=line.key_id), status=KeyStatus.DAMAGED)
    now = clock.now()
    count.submitted_at = now
    count.status = InventoryStatus.RECONCILING if discrepancies else InventoryStatus.CLOSED
    count.closed_at = None if discrepancies else now
    count.save()
    audit.record(actor=counted_by, action="keys.inventory.submitted", target=count, project=count.project,
                 data={"lines": len(lines), "discrepancies": discrepancies,
                       "out_of_service": [line.key_id for line in broken]})
    return count


@audit.atomic()
def resolve_discrepancy(*, line: InventoryLine, resolved_by: User, resolution: str,
                        key_status: str | None = None) -> InventoryLine:
    """Investigate and close one discrepancy; the count closes when the last one is resolved."""
    line = InventoryLine.objects.select_for_update().select_related("count", "key").get(pk=line.pk)
    count = line.count
    require_member(resolved_by, count.project)
    if not in_department(resolved_by, count.department):
        raise NotAllowed(_("Discrepancies are resolved by the department that counted."), code="wrong_department",
                         rule="KEY-DAILY-2")
    if not line.discrepancy or line.follow_status != FollowStatus.OPEN:
        raise Conflict(_("This line has no open discrepancy."), code="not_open")
    resolution = limits.fit(InventoryLine, "resolution", resolution, label=_("resolution"))
    if not resolution:
        raise DomainError(_("Describe how the discrepancy was resolved."), code="required", rule="KEY-DAILY-2")
    if line.result == LineResult.FAULTY:
        # A key that does not work comes back into service only repaired, or is retired for its replacement.
        if key_status not in {KeyStatus.IN_STORE, KeyStatus.RETIRED}:
            raise DomainError(_("Record whether the key was repaired or replaced."), code="repair_or_replace",
                              rule="KEY-DAILY-3")
        if key_status == KeyStatus.IN_STORE and line.expected_status == KeyStatus.SEALED:
            key_status = KeyStatus.SEALED  # a resident's sealed key goes back under its seal
    elif key_status and key_status not in {KeyStatus.IN_STORE, KeyStatus.LOST, KeyStatus.DAMAGED}:
        raise DomainError(_("Unknown key status."), code="invalid_status")
    now = clock.now()
    line.follow_status, line.resolution, line.resolved_by, line.resolved_at = (
        FollowStatus.RESOLVED, resolution, resolved_by, now)
    line.save()
    if key_status:
        key = KeySet.objects.select_for_update().get(pk=line.key_id)
        if key.status == KeyStatus.LENT:
            raise Conflict(_("The key is out on a loan; return it first."), code="key_lent")
        set_status(key=key, status=key_status)
    if not count.lines.filter(discrepancy=True, follow_status=FollowStatus.OPEN).exists():
        count.status, count.closed_at = InventoryStatus.CLOSED, now
        count.save(update_fields=["status", "closed_at"])
    audit.record(actor=resolved_by, action="keys.inventory.discrepancy_resolved", target=line.count,
                 project=count.project, data={"line": line.pk, "key": line.key.number, "resolution": line.resolution,
                                              "key_status": key_status})
    return line
