"""Changes of visitor reception (FRONT-1; 003 篇11 §4.5; 001 篇1 前台 来访接待): the visitor registered with the
identification shown, the host contacted and agreeing — who, how, at the server's time — before the visitor is
let in, or the refusal with its reason; the departure."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import DomainError, NotFound
from core.models import Project, Resident, Unit, User
from core.permissions import is_member
from desk.models import VISITOR_FLOW, ContactMethod, HostKind, RefusalReason, Visitor, VisitorStatus
from desk.services.common import lock_project, next_serial
from desk.services.identity import checked_id, in_project, require_register_staff

RULE = "FRONT-1"


def lock(visitor: Visitor | int) -> Visitor:
    found = (Visitor.objects.select_for_update(of=("self",)).select_related("project")
             .filter(pk=getattr(visitor, "pk", visitor)).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _party(project: Project, value) -> int:
    most = int(policies.value("desk.visitors.max_party", project))
    if isinstance(value, bool) or not str(value).strip().isdigit() or not 1 <= int(str(value).strip()) <= most:
        raise DomainError(_("The number of people must be a whole number from 1 to %(max)s.") % {"max": most},
                          code="invalid_party_size", rule=RULE, clause=policies.resolve("desk.visitors.max_party",
                                                                                        project).clause,
                          details={"field": "party_size"})
    return int(str(value).strip())


def _host(project: Project, host_kind: str, unit: Unit | None, resident: Resident | None,
          host_staff: User | None, host_name: str) -> tuple[str, Unit | None, Resident | None, User | None, str]:
    if host_kind == HostKind.RESIDENT:
        in_project(project, unit=unit, resident=resident)
        if unit is None and resident is None:
            raise DomainError(_("Name the unit or resident visited."), code="host_required", rule=RULE,
                              details={"field": "unit"})
        unit = unit or (resident.units.first() if resident else None)
        name = host_name or (resident.name if resident else "")
        return host_kind, unit, resident, None, limits.fit(Visitor, "host_name", name or (unit.label if unit else ""),
                                                           required=True, rule=RULE)
    if host_kind == HostKind.STAFF:
        if host_staff is None or not is_member(host_staff, project):
            raise DomainError(_("Name the staff member visited."), code="host_required", rule=RULE,
                              details={"field": "host_staff"})
        return host_kind, None, None, host_staff, limits.fit(Visitor, "host_name", host_staff.display_name)
    raise DomainError(_("Say whom the visitor visits: a resident or a staff member."), code="invalid_host_kind",
                      rule=RULE, details={"field": "host_kind"})


@audit.atomic()
def register_visitor(*, project: Project, registered_by: User, visitor_name: str, id_type: str = "",
                     id_number: str = "", host_kind: str, unit: Unit | None = None, resident: Resident | None = None,
                     host_staff: User | None = None, host_name: str = "", purpose: str,
                     party_size=1) -> Visitor:
    """A visitor at the desk: name, identification (if shown), whom they visit, why, how many (FRONT-1).
    A visitor without identification may be registered — to be refused with the reason `no_id`."""
    require_register_staff(registered_by, project, rule=RULE)
    name = limits.fit(Visitor, "visitor_name", visitor_name, required=True, rule=RULE)
    purpose = limits.fit(Visitor, "purpose", purpose, required=True, rule=RULE)
    party = _party(project, party_size)
    host_kind, unit, resident, host_staff, host_name = _host(project, host_kind, unit, resident, host_staff,
                                                             host_name)
    cipher = hint = ""
    if id_type or id_number:
        id_type, cipher, hint = checked_id(id_type, id_number, rule=RULE)
    lock_project(project)
    visitor = Visitor.objects.create(
        project=project, serial=next_serial(Visitor, project, "FK"), arrived_at=clock.now(),
        registered_by=registered_by, visitor_name=name, party_size=party, id_type=id_type if hint else "",
        id_number_cipher=cipher, id_number_hint=hint, host_kind=host_kind, unit=unit, resident=resident,
        host_staff=host_staff, host_name=host_name, purpose=purpose)
    audit.record(actor=registered_by, action="desk.visitor.registered", target=visitor, project=project,
                 data={"serial": visitor.serial, "visitor": name, "id_hint": hint, "host": host_name,
                       "party": party})
    return visitor


@audit.atomic()
def admit_visitor(*, visitor: Visitor, contacted_by: User, method: str, agreed_by: str) -> Visitor:
    """The desk contacted the host, who agreed: the visitor is let in. Never without the identification shown
    (`id_not_shown`) nor without the name of who agreed (`host_agreement_required`) (FRONT-1; 003 篇11 §4.5.2)."""
    visitor = lock(visitor)
    require_register_staff(contacted_by, visitor.project, rule=RULE)
    VISITOR_FLOW.check(visitor.status, VisitorStatus.ADMITTED)
    if not visitor.id_number_hint:
        raise DomainError(_("The visitor has shown no identification: refuse entry with the reason, or record the "
                            "identification first."), code="id_not_shown", rule=RULE)
    if method not in ContactMethod.values:
        raise DomainError(_("Say how the host was contacted."), code="invalid_contact_method", rule=RULE,
                          details={"field": "method"})
    agreed_by = limits.fit(Visitor, "agreed_by", agreed_by)
    if not agreed_by:
        raise DomainError(_("The visitor goes in only when the host has agreed: name who agreed."),
                          code="host_agreement_required", rule=RULE, details={"field": "agreed_by"})
    visitor.status, visitor.contacted_by, visitor.contact_method = VisitorStatus.ADMITTED, contacted_by, method
    visitor.agreed_by, visitor.host_answered_at = agreed_by, clock.now()
    visitor.save()
    audit.record(actor=contacted_by, action="desk.visitor.admitted", target=visitor, project=visitor.project,
                 data={"method": method, "agreed_by": agreed_by})
    return visitor


@audit.atomic()
def show_identification(*, visitor: Visitor, recorded_by: User, id_type: str, id_number: str) -> Visitor:
    """The waiting visitor shows identification after all (FRONT-1)."""
    visitor = lock(visitor)
    require_register_staff(recorded_by, visitor.project, rule=RULE)
    if visitor.status != VisitorStatus.WAITING:
        VISITOR_FLOW.check(visitor.status, VisitorStatus.WAITING)
    id_type, visitor.id_number_cipher, visitor.id_number_hint = checked_id(id_type, id_number, rule=RULE)
    visitor.id_type = id_type
    visitor.save()
    audit.record(actor=recorded_by, action="desk.visitor.identified", target=visitor, project=visitor.project,
                 data={"id_hint": visitor.id_number_hint})
    return visitor


@audit.atomic()
def refuse_visitor(*, visitor: Visitor, refused_by: User, reason: str, note: str = "") -> Visitor:
    """Entry refused, with its reason: the host refused, could not be reached, or no identification (FRONT-1;
    003 篇11 §4.5.5, §4.5.7). The host was asked at the server's time."""
    visitor = lock(visitor)
    require_register_staff(refused_by, visitor.project, rule=RULE)
    VISITOR_FLOW.check(visitor.status, VisitorStatus.REFUSED)
    if reason not in RefusalReason.values:
        raise DomainError(_("Choose the reason for refusing entry."), code="invalid_refusal_reason", rule=RULE,
                          details={"field": "reason"})
    note = limits.fit(Visitor, "refusal_note", note, required=reason == RefusalReason.OTHER, rule=RULE)
    visitor.status, visitor.refusal_reason, visitor.refusal_note = VisitorStatus.REFUSED, reason, note
    visitor.contacted_by, visitor.host_answered_at = refused_by, clock.now()
    visitor.save()
    audit.record(actor=refused_by, action="desk.visitor.refused", target=visitor, project=visitor.project,
                 data={"reason": reason, "note": note})
    return visitor


@audit.atomic()
def record_departure(*, visitor: Visitor, recorded_by: User) -> Visitor:
    """The visitor leaves, at the server's time (FRONT-1; 003 篇11 §4.5.8)."""
    visitor = lock(visitor)
    require_register_staff(recorded_by, visitor.project, rule=RULE)
    VISITOR_FLOW.check(visitor.status, VisitorStatus.LEFT)
    visitor.status, visitor.left_at, visitor.left_recorded_by = VisitorStatus.LEFT, clock.now(), recorded_by
    visitor.save()
    audit.record(actor=recorded_by, action="desk.visitor.left", target=visitor, project=visitor.project, data={})
    return visitor
