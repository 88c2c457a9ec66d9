"""An archive lost, damaged or leaked (ARCH-6; 002 篇1 §1.2.6, §2.5.4): a written report at once, then the
decision on accountability by the manager — never by the person reported, nor by the one who wrote it up."""
from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from archives.models import Accountability, ArchiveIncident, ArchiveLoan, IncidentKind, IncidentStatus, Volume
from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import User
from core.permissions import has_role, is_member, require_member

RULE = "ARCH-6"


@audit.atomic()
def report(*, volume: Volume, kind: str, text: str, reported_by: User, responsible: User | None = None,
           responsible_name: str = "", loan: ArchiveLoan | None = None) -> ArchiveIncident:
    """Write the report; the person responsible is a member of staff or, for an outsider, a name."""
    project = volume.project
    require_member(reported_by, project)
    if kind not in IncidentKind.values:
        raise DomainError(_("Say whether the archive was lost, damaged or leaked."), code="invalid_kind", rule=RULE,
                          details={"field": "kind"})
    text = limits.fit(ArchiveIncident, "report", text, required=True, rule=RULE)
    responsible_name = limits.fit(ArchiveIncident, "responsible_name", responsible_name)
    if responsible is not None and not is_member(responsible, project):
        raise DomainError(_("Choose a member of staff of this project."), code="invalid_choice", rule=RULE,
                          details={"field": "responsible"})
    if responsible is None and not responsible_name:
        raise DomainError(_("Name the person responsible."), code="required", rule=RULE,
                          details={"field": "responsible"})
    if loan is not None and loan.volume_id != volume.pk:
        raise DomainError(_("The loan is not of this volume."), code="invalid_choice", rule=RULE,
                          details={"field": "loan"})
    now = clock.now()
    incident = ArchiveIncident.objects.create(
        project=project, serial=uuid.uuid4().hex[:20], volume=volume, loan=loan, kind=kind,
        report=text, responsible=responsible, responsible_name=responsible_name or (
            responsible.display_name if responsible else ""), reported_by=reported_by, reported_at=now)
    incident.serial = f"DS{clock.beijing(now):%Y%m%d}-{incident.pk:06d}"
    incident.save(update_fields=["serial"])
    audit.record(actor=reported_by, action="archives.incident.reported", target=incident, project=project,
                 data={"volume": volume.number, "kind": kind, "responsible": incident.responsible_name,
                       "loan": loan.serial if loan else None})
    return incident


@audit.atomic()
def decide(*, incident: ArchiveIncident, decided_by: User, accountability: str, note: str) -> ArchiveIncident:
    incident = ArchiveIncident.objects.select_for_update().get(pk=incident.pk)
    project = incident.project
    require_member(decided_by, project)
    policy = policies.resolve("archives.incident_deciders", project)
    if not has_role(decided_by, project, *policy.value):
        raise NotAllowed(_("Accountability is decided by the manager."), code="role_not_allowed", rule=RULE,
                         clause=policy.clause)
    if decided_by.pk in {incident.responsible_id, incident.reported_by_id}:
        raise NotAllowed(_("Someone else decides: you are named in this report."), code="same_person", rule=RULE,
                         clause=policy.clause)
    if incident.status != IncidentStatus.OPEN:
        raise Conflict(_("This report is already decided."), code="already_decided", rule=RULE)
    if accountability not in Accountability.values:
        raise DomainError(_("Choose the accountability."), code="invalid_choice", rule=RULE,
                          details={"field": "accountability"})
    incident.decision_note = limits.fit(ArchiveIncident, "decision_note", note, required=True, rule=RULE)
    incident.accountability, incident.status = accountability, IncidentStatus.DECIDED
    incident.decided_by, incident.decided_at = decided_by, clock.now()
    incident.save(update_fields=["decision_note", "accountability", "status", "decided_by", "decided_at"])
    audit.record(actor=decided_by, action="archives.incident.decided", target=incident, project=project,
                 approved_by=decided_by.display_name,
                 data={"accountability": accountability, "note": incident.decision_note})
    return incident
