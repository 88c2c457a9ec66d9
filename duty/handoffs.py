"""What the duty desk answers for the other rooms through core's hand-offs (registered in duty/apps.py)."""
from __future__ import annotations

from core import handoffs
from core.handoffs import LogNote
from duty.models import DutyEntry
from duty.selectors.holidays import is_workday
from duty.services.log import record_entry, resolve_entry
from duty.states import EntryKind, EntryStatus, Severity


def log_key_custody(note: LogNote) -> int:
    """A key-custody event another room reports becomes a duty-log entry (KEY-DEPOSIT-9, KEY-LOSS-1)."""
    entry = record_entry(project=note.project, recorded_by=note.recorded_by, kind=EntryKind.KEY_CUSTODY,
                         what_happened=note.what_happened, severity=note.severity or Severity.NORMAL,
                         occurred_at=note.occurred_at, handling=note.handling, unit=note.unit,
                         # Composed by the other room (a slip's kind, the witnesses' names): cut to the column;
                         # what a person typed there was held to its own column by that room's service.
                         location=note.location[:200], people=note.people[:200], source=note.source)
    return entry.pk


def log_duty_note(note: LogNote) -> int:
    """Another room's note (a patrol finding) becomes a duty-log entry of kind "round finding" (DUTY-LOG-6,
    PATROL-1)."""
    entry = record_entry(project=note.project, recorded_by=note.recorded_by, kind=EntryKind.ROUND,
                         what_happened=note.what_happened, severity=note.severity or Severity.NORMAL,
                         occurred_at=note.occurred_at, handling=note.handling, unit=note.unit,
                         location=note.location[:200], people=note.people[:200], source=note.source)
    return entry.pk


def resolve_logged(*, project, source: str, resolved_by, result: str) -> int:
    """Close the open entries written for `source` with the result the other room recorded."""
    entries = list(DutyEntry.objects.filter(project=project, source=source, status=EntryStatus.OPEN))
    for entry in entries:
        resolve_entry(entry=entry, resolved_by=resolved_by, result=result)
    return len(entries)


def appraisal_measures(project, person, start, end) -> list[handoffs.Measure]:
    """The person's late arrivals at a handover and their handovers refused in the month (STAFF-3; HANDOVER-3, -5)."""
    from django.db.models import Q
    from django.utils.translation import gettext as _

    from duty.models import Handover, HandoverRefusal

    late = (Handover.objects.filter(project=project, incoming=person, shift_change_at__gte=start,
                                    shift_change_at__lt=end).filter(Q(late_minutes__gt=0) | Q(arrived_late=True))
            .order_by("shift_change_at"))
    refused = HandoverRefusal.objects.filter(handover__project=project, handover__outgoing=person,
                                             attempted_at__gte=start, attempted_at__lt=end)
    return [handoffs.Measure("duty.late_handovers", _("Late for a shift handover"), late.count(),
                             tuple(f"#{pk}" for pk in late.values_list("pk", flat=True)[:50])),
            handoffs.Measure("duty.refused_handovers", _("Handovers refused"), refused.count(),
                             tuple(f"#{pk}" for pk in refused.values_list("handover_id", flat=True)[:50]))]


def provide() -> None:
    handoffs.appraisal_measures.register("duty", appraisal_measures)
    handoffs.log_key_custody.provide(log_key_custody, owner="duty")
    handoffs.resolve_logged.provide(resolve_logged, owner="duty")
    handoffs.log_duty_note.provide(log_duty_note, owner="duty")
    handoffs.is_workday.provide(is_workday, owner="duty")
