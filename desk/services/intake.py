"""Changes of the intake area: register, route, escalate, close contacts (DESK-INTAKE-1..2).

《客户信息登记表》: every call, visit, letter is written with the server's time and a serial, routed to
the responsible department (its head is told) and followed until its matter closes or the desk
records the outcome (001 篇1 第四章). What the desk cannot handle goes to the supervisor, major
matters to the manager (003 篇14 §4.2.3)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.labels import ref_words
from core.models import Project, Resident, Unit, User
from core.notifications import notify_each, resolve
from core.permissions import has_role, is_department_head, require_member, staff_in_policy_roles
from core.retention import retain_until
from core.roles import DepartmentCode
from desk.models import CONTACT_FLOW, Contact, ContactChannel, ContactKind, ContactStatus, EscalationLevel
from desk.services.common import next_serial, text

ESCALATION_POLICY = {EscalationLevel.SUPERVISOR: "desk.intake.supervisor_roles",
                     EscalationLevel.MANAGER: "desk.intake.manager_roles"}


def is_desk_staff(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.intake.desk_roles", project))


def require_desk_staff(user: User, project: Project, rule: str = "DESK-INTAKE-1") -> None:
    require_member(user, project)
    if not is_desk_staff(user, project):
        raise NotAllowed(_("Only front-desk staff may do this."), code="not_desk_staff", rule=rule,
                         clause=policies.resolve("desk.intake.desk_roles", project).clause)


def department_heads(project: Project, department: str) -> list[User]:
    from core.models import User as UserModel

    people = UserModel.objects.filter(memberships__project=project, is_active=True,
                                      department__code=department).distinct().order_by("pk")
    return [p for p in people if is_department_head(p, project, department)]


def lock_contact(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().select_related("project").get(pk=contact.pk)


def _link(contact: Contact) -> str:
    return reverse("desk:intake-detail", args=[contact.pk])


def _route(contact: Contact, department: str, actor: User) -> None:
    if department not in DepartmentCode.values:
        raise DomainError(_("Choose the responsible department."), code="invalid_department", rule="DESK-INTAKE-1",
                          details={"field": "department"})
    contact.department, contact.routed_at, contact.routed_by = department, clock.now(), actor
    contact.status = ContactStatus.ROUTED if contact.status != ContactStatus.ESCALATED else contact.status
    title = (_("Contact %(serial)s for your department: %(content)s") if not contact.is_vip
             else _("URGENT (important customer) contact %(serial)s for your department: %(content)s")) % {
        "serial": contact.serial, "content": contact.content[:80]}
    notify_each(project=contact.project, people=department_heads(contact.project, department),
                kind="desk.contact.routed", title=title, dedupe_key=f"desk.contact.routed:{contact.pk}:{department}",
                link=_link(contact), subject=f"desk.contact:{contact.pk}")


@audit.atomic()
def register_contact(*, project: Project, received_by: User, channel: str, kind: str, person_name: str,
                     content: str, phone: str = "", unit: Unit | None = None, resident: Resident | None = None,
                     department: str = "") -> Contact:
    """Register one contact with the server's time and a serial (DESK-INTAKE-1); a VIP's is urgent."""
    require_desk_staff(received_by, project)
    if channel not in ContactChannel.values:
        raise DomainError(_("Choose how the contact came in."), code="invalid_channel", rule="DESK-INTAKE-1",
                          details={"field": "channel"})
    if kind not in ContactKind.values:
        raise DomainError(_("Choose what the contact is about."), code="invalid_kind", rule="DESK-INTAKE-1",
                          details={"field": "kind"})
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    if resident is not None and resident.project_id != project.pk:
        raise DomainError(_("The resident is not in this project."), code="resident_not_in_project", rule="CORE-1")
    person_name = limits.fit(Contact, "person_name", person_name or (resident.name if resident else ""),
                             required=True, rule="DESK-INTAKE-1", label=_("name"))
    phone = limits.fit(Contact, "phone", phone or (resident.phone if resident else ""))
    content = text(content, _("content"), "DESK-INTAKE-1")
    if unit is None and resident is not None:
        unit = resident.units.first()
    contact = Contact.objects.create(
        project=project, serial=next_serial(Contact, project, "KF"), channel=channel, kind=kind,
        received_at=clock.now(), received_by=received_by, resident=resident, unit=unit, person_name=person_name,
        phone=phone, content=content,
        is_vip=bool(resident and resident.is_vip),
        retain_until=retain_until(int(policies.value("desk.intake.retention_years", project))))
    if department:
        _route(contact, department, received_by)
        contact.save()
    audit.record(actor=received_by, action="desk.contact.registered", target=contact, project=project,
                 data={"serial": contact.serial, "channel": channel, "kind": kind, "vip": contact.is_vip,
                       "department": department})
    return contact


@audit.atomic()
def route_contact(*, contact: Contact, routed_by: User, department: str) -> Contact:
    """Send the contact to the responsible department; its head is told (DESK-INTAKE-1)."""
    contact = lock_contact(contact)
    require_desk_staff(routed_by, contact.project)
    CONTACT_FLOW.check(contact.status, ContactStatus.ROUTED)
    _route(contact, department, routed_by)
    contact.save()
    audit.record(actor=routed_by, action="desk.contact.routed", target=contact, project=contact.project,
                 data={"department": department})
    return contact


@audit.atomic()
def escalate_contact(*, contact: Contact, escalated_by: User, level: str, reason: str) -> Contact:
    """What the desk cannot handle → the supervisor; a major matter → the manager (DESK-INTAKE-2)."""
    contact = lock_contact(contact)
    project = contact.project
    require_desk_staff(escalated_by, project, "DESK-INTAKE-2")
    if level not in ESCALATION_POLICY:
        raise DomainError(_("Escalate to the supervisor or to the manager."), code="invalid_level",
                          rule="DESK-INTAKE-2", details={"field": "level"})
    CONTACT_FLOW.check(contact.status, ContactStatus.ESCALATED)
    if contact.escalation == EscalationLevel.MANAGER or contact.escalation == level:
        raise Conflict(_("The contact is already escalated to %(level)s.") % {
            "level": contact.get_escalation_display()}, code="already_escalated", rule="DESK-INTAKE-2")
    contact.escalation_reason = limits.fit(Contact, "escalation_reason", reason, required=True, rule="DESK-INTAKE-2",
                                           label=_("reason for escalation"))
    contact.escalation, contact.escalated_at, contact.escalated_by = level, clock.now(), escalated_by
    contact.status = ContactStatus.ESCALATED
    contact.save()
    resolved = policies.resolve(ESCALATION_POLICY[level], project)
    people = staff_in_policy_roles(project, ESCALATION_POLICY[level])
    title = _("Escalated contact %(serial)s (%(name)s): %(reason)s") % {
        "serial": contact.serial, "name": contact.person_name, "reason": contact.escalation_reason[:80]}
    notify_each(project=project, people=people, kind="desk.contact.escalated", title=title,
                dedupe_key=f"desk.contact.escalated:{contact.pk}:{level}", link=_link(contact),
                subject=f"desk.contact:{contact.pk}")
    audit.record(actor=escalated_by, action="desk.contact.escalated", target=contact, project=project,
                 data={"level": level, "reason": contact.escalation_reason, "clause": resolved.clause,
                       "notified": [p.pk for p in people]})
    return contact


@audit.atomic()
def close_contact(*, contact: Contact, closed_by: User, outcome: str) -> Contact:
    """The desk records how the contact ended (DESK-INTAKE-1)."""
    contact = lock_contact(contact)
    require_desk_staff(closed_by, contact.project)
    CONTACT_FLOW.check(contact.status, ContactStatus.CLOSED)
    contact.outcome = text(outcome, _("outcome"), "DESK-INTAKE-1")
    contact.status, contact.closed_at, contact.closed_by = ContactStatus.CLOSED, clock.now(), closed_by
    contact.save()
    audit.record(actor=closed_by, action="desk.contact.closed", target=contact, project=contact.project,
                 data={"matter": contact.matter_ref, "by_desk": True})
    resolve(subject=f"desk.contact:{contact.pk}")
    return contact


def require_no_matter(contact: Contact) -> None:
    """A contact becomes one matter at most, and only while open (DESK-INTAKE-1)."""
    if contact.status == ContactStatus.CLOSED:
        raise Conflict(_("The contact is closed."), code="contact_closed", rule="DESK-INTAKE-1")
    if contact.matter_ref:
        raise Conflict(_("The contact has already become %(ref)s.") % {"ref": ref_words(contact.matter_ref) or "—"},
                       code="contact_has_matter", rule="DESK-INTAKE-1")


def link_matter(*, contact: Contact, matter_ref: str, actor: User) -> Contact:
    """Internal (inside the matter's creating transaction): the contact now follows `matter_ref`."""
    contact = lock_contact(contact)
    if contact.matter_ref == matter_ref:
        return contact  # already linked (the matter's area linked it itself)
    require_no_matter(contact)
    contact.matter_ref = matter_ref
    contact.save(update_fields=["matter_ref"])
    audit.record(actor=actor, action="desk.contact.became_matter", target=contact, project=contact.project,
                 data={"matter": matter_ref})
    return contact


@audit.atomic()
def follow_matter_closed(*, matter_ref: str, closed_by: User, outcome: str) -> int:
    """Close the contacts that became `matter_ref` ("repair:12") now that it is closed (DESK-INTAKE-1).

    Called by the repairs, complaints and paid-services areas inside their closing transaction.
    Returns the number of contacts closed."""
    closed = 0
    for contact in Contact.objects.select_for_update().filter(matter_ref=matter_ref).exclude(
            status=ContactStatus.CLOSED):
        contact.status = ContactStatus.CLOSED
        contact.closed_at = clock.now()
        contact.closed_by = closed_by
        contact.outcome = outcome
        contact.save(update_fields=["status", "closed_at", "closed_by", "outcome"])
        audit.record(actor=closed_by, action="desk.contact.closed", target=contact, project=contact.project,
                     data={"matter": matter_ref})
        closed += 1
    return closed
