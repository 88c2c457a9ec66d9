"""Writing the duty log (DUTY-LOG-1, DUTY-LOG-2). Other modules write into it only through record_entry."""
from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import DomainError, NotAllowed
from core.models import Project, Unit, User
from core.permissions import has_role, is_member, require_member
from core.retention import retain_until
from duty.models import DutyEntry, EmergencyReport
from duty.selectors.roster import assignment_at
from duty.states import ENTRY_FLOW, SERIOUS, EntryKind, EntryStatus, Severity

# Kinds whose entry must name the people involved: a phone complaint names its complainant (001 篇2 b(1)).
PEOPLE_REQUIRED = frozenset({EntryKind.COMPLAINT_CALL})
# The kind a new entry starts as on the page: the catch-all "other matters for management" (001 篇2 c),
# which asks for nothing beyond what happened. A phone complaint is chosen on purpose, then names its caller.
ENTRY_KIND_DEFAULT = EntryKind.MANAGEMENT


def may_read_log(user: User, project: Project) -> bool:
    """Internal staff in the policy's roles only: the log is confidential (DUTY-LOG-5)."""
    if user.is_superuser:
        return True
    return is_member(user, project) and has_role(user, project, *policies.value("duty.log.reader_roles", project))


def require_log_reader(user: User, project: Project) -> None:
    """Pages and API refuse the log to anyone outside the reader roles (DUTY-LOG-5)."""
    require_member(user, project)
    if not may_read_log(user, project):
        rule = policies.resolve("duty.log.reader_roles", project)
        raise NotAllowed(_("The duty log is internal and confidential; your role may not read it."),
                         code="log_confidential", rule="DUTY-LOG-5", clause=rule.clause)


def report_due_for(project: Project, occurred_at: dt.datetime) -> dt.datetime:
    """End (Beijing) of the day after the event: the written report is due then (DUTY-LOG-3, 001 篇4 §1.6)."""
    days = int(policies.value("duty.log.report_due_days", project))
    day = clock.beijing(occurred_at).date() + dt.timedelta(days=days)
    return clock.day_bounds(day)[1]


def _shift_code(project: Project, person: User, at: dt.datetime) -> str:
    """The writer's shift from the issued roster, so each shift starts its own page (DUTY-LOG-1)."""
    assignment = assignment_at(project=project, person=person, at=at)  # none without an issued roster
    return assignment.shift.code if assignment else ""


def _required(value: str, field: str) -> str:
    # A duty log's event may run to several paragraphs: the long-text limit.
    return limits.text(value, field=field, kind=limits.LONG, required=True, rule="DUTY-LOG-1")


@audit.atomic()
def record_entry(*, project: Project, recorded_by: User, kind: str, what_happened: str,
                 severity: str = Severity.NORMAL, occurred_at: dt.datetime | None = None, handling: str = "",
                 result: str = "", unit: Unit | None = None, location: str = "", people: str = "",
                 shift_code: str = "", source: str = "") -> DutyEntry:
    """Write one event to the duty log with the server's time (DUTY-LOG-1, DUTY-LOG-2, DUTY-LOG-3, CORE-4).

    `occurred_at` may name an earlier moment the writer learnt of later; never a future one. A phone
    complaint names its complainant in `people`. A major or emergency event opens its emergency form,
    whose written report is due by the end of the next day. Other modules (keys, handover) write here
    as members of the project: only reading the log is restricted to the reader roles."""
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
        raise DomainError(_("The time of an event cannot be in the future."), code="future_time", rule="DUTY-LOG-1")
    location = limits.fit(DutyEntry, "location", location)
    people = limits.fit(DutyEntry, "people", people)
    if kind in PEOPLE_REQUIRED and not people:
        raise DomainError(_("Name the complainant of a phone complaint."), code="people_required",
                          rule="DUTY-LOG-2", clause="001 篇2 b(1) 一般需要记录的事项:客户之投诉电话投诉人", details={"field": "people"})
    shift_code = shift_code or _shift_code(project, recorded_by, now)
    entry = DutyEntry.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], day=clock.beijing(now).date(), shift_code=shift_code[:20],
        kind=kind, severity=severity, occurred_at=occurred_at, recorded_at=now, recorded_by=recorded_by, unit=unit,
        location=location, people=people,
        what_happened=_required(what_happened, _("what happened")), handling=handling.strip(),
        result=result.strip(), source=source[:80],
        retain_until=retain_until(int(policies.value("duty.log.retention_years", project))),
    )
    entry.serial = f"ZB{clock.beijing(now):%Y%m%d}-{entry.pk:06d}"
    entry.save(update_fields=["serial"])
    if severity in SERIOUS:
        # The 《紧急情况处理登记表》 is opened with the entry so its next-day deadline exists from the start.
        EmergencyReport.objects.create(entry=entry, filled_by=recorded_by, filled_at=now,
                                       report_due_at=report_due_for(project, occurred_at),
                                       retain_until=entry.retain_until)
    audit.record(actor=recorded_by, action="duty.entry.recorded", target=entry, project=project,
                 data={"serial": entry.serial, "kind": kind, "severity": severity, "source": source})
    return entry


@audit.atomic()
def resolve_entry(*, entry: DutyEntry, resolved_by: User, result: str, handling: str = "") -> DutyEntry:
    """Close an event with its final result (善后处理, DUTY-LOG-1).

    A serious event may be closed before its emergency form is complete: the form and the written
    report keep their own deadline and stay listed until done (DUTY-LOG-3)."""
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
