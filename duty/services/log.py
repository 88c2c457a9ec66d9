"""Writing the duty log (DUTY-LOG-1, DUTY-LOG-2). Other modules write into it only through record_entry."""
from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, policies
from core.errors import DomainError
from core.models import Project, Unit, User
from core.permissions import require_member
from core.retention import retain_until
from duty.models import DutyEntry
from duty.states import ENTRY_FLOW, EntryKind, EntryStatus, Severity


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("“%(field)s” is required.") % {"field": field}, code="required", rule="DUTY-LOG-1",
                          details={"field": field})
    return value


@transaction.atomic
def record_entry(*, project: Project, recorded_by: User, kind: str, what_happened: str,
                 severity: str = Severity.NORMAL, occurred_at: dt.datetime | None = None, handling: str = "",
                 result: str = "", unit: Unit | None = None, location: str = "", people: str = "",
                 shift_code: str = "", source: str = "") -> DutyEntry:
    """Write one event to the duty log with the server's time (DUTY-LOG-1, CORE-4).

    `occurred_at` may name an earlier moment the writer learnt of later; never a future one."""
    require_member(recorded_by, project)
    if kind not in EntryKind.values:
        raise DomainError(_("Unknown kind of duty-log entry."), code="invalid_kind", rule="DUTY-LOG-2")
    if severity not in Severity.values:
        raise DomainError(_("Unknown severity."), code="invalid_severity", rule="DUTY-LOG-2")
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    now = clock.now()
    occurred_at = occurred_at or now
    if occurred_at > now:
        raise DomainError(_("The time of an event cannot be in the future."), code="future_time", rule="CORE-4")
    entry = DutyEntry.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], day=clock.beijing(now).date(), shift_code=shift_code[:20],
        kind=kind, severity=severity, occurred_at=occurred_at, recorded_at=now, recorded_by=recorded_by, unit=unit,
        location=location.strip()[:200], people=people.strip()[:200],
        what_happened=_required(what_happened, _("what happened")), handling=handling.strip(),
        result=result.strip(), source=source[:80],
        retain_until=retain_until(int(policies.value("duty.log.retention_years", project))),
    )
    entry.serial = f"ZB{clock.beijing(now):%Y%m%d}-{entry.pk:06d}"
    entry.save(update_fields=["serial"])
    audit.record(actor=recorded_by, action="duty.entry.recorded", target=entry, project=project,
                 data={"serial": entry.serial, "kind": kind, "severity": severity, "source": source})
    return entry


@transaction.atomic
def resolve_entry(*, entry: DutyEntry, resolved_by: User, result: str, handling: str = "") -> DutyEntry:
    """Close an event with its final result (善后处理, DUTY-LOG-1)."""
    entry = DutyEntry.objects.select_for_update().get(pk=entry.pk)
    require_member(resolved_by, entry.project)
    ENTRY_FLOW.check(entry.status, EntryStatus.RESOLVED)
    entry.result = _required(result, _("final result"))
    if handling.strip():
        entry.handling = handling.strip()
    entry.status = EntryStatus.RESOLVED
    entry.resolved_at, entry.resolved_by = clock.now(), resolved_by
    entry.save()
    audit.record(actor=resolved_by, action="duty.entry.resolved", target=entry, project=entry.project,
                 data={"serial": entry.serial})
    return entry
