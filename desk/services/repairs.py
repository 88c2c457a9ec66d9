"""Changes of the repairs area: report, issue the 《工作任务单》, set out, complete, cancel (REPAIR-1, -2, -5).

Signing (which closes the repair) is in desk.services.repairs_sign (REPAIR-3)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies
from core.errors import DomainError, NotAllowed
from core.models import Project, Resident, Unit, User
from core.notifications import resolve
from core.permissions import has_role, in_department, require_member, require_policy_role
from core.retention import retain_until
from desk.models import REPAIR_FLOW, Contact, Repair, RepairStatus
from desk.services.common import next_serial, text
from desk.services.intake import link_matter


def lock_repair(repair: Repair) -> Repair:
    # What the slip and its answer show comes with the lock (who reported it, where): no query afterwards.
    # The project is not locked and does not change with the repair: the caller's copy is used when it has one.
    known = repair.project if Repair.project.is_cached(repair) else None
    related = ("unit__building", "reported_by") if known else ("project", "unit__building", "reported_by")
    locked = Repair.objects.select_for_update(of=("self",)).select_related(*related).get(pk=repair.pk)
    if known is not None and known.pk == locked.project_id:
        locked.project = known
    return locked


def _policy_roles(user: User, project: Project, key: str, rule: str) -> None:
    require_policy_role(user, project, key, rule=rule)


def is_issuer(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.repairs.issuer_roles", project))


def is_technician(user: User, project: Project) -> bool:
    """Engineering staff in the technician roles (a security head is a dept_head too, but not engineering)."""
    if user.is_superuser:
        return True
    return (has_role(user, project, *policies.value("desk.repairs.technician_roles", project))
            and in_department(user, policies.value("desk.repairs.engineering_department", project)))


def require_technician(user: User, project: Project, rule: str) -> None:
    if not is_technician(user, project):
        raise NotAllowed(_("Only engineering staff on duty may do this."), code="not_technician", rule=rule,
                         clause=policies.resolve("desk.repairs.technician_roles", project).clause)


@audit.atomic()
def report_repair(*, project: Project, reported_by: User, person_name: str, phone: str, unit: Unit | None = None,
                  resident: Resident | None = None, location: str = "", content: str, category: str,
                  appointment_at: dt.datetime | None = None, public_area: bool = False,
                  contact: Contact | None = None, source_ref: str = "", department: str = "") -> Repair:
    """《住户报修记录表》: who, where, phone, what, appointment, with the server's time (REPAIR-1).

    A household repair names its unit; a public facility names its place. A VIP resident's repair
    is flagged. `contact` is the desk contact it came from: the contact then follows this repair."""
    require_member(reported_by, project)
    person_name = limits.fit(Repair, "person_name", person_name, required=True, rule="REPAIR-1", label=_("name"))
    phone = limits.fit(Repair, "phone", phone)
    content = text(content, _("content"), "REPAIR-1")
    categories = policies.resolve("desk.repairs.categories", project)
    if category not in categories.value:
        raise DomainError(_("Choose a repair category from the list."), code="invalid_category", rule="REPAIR-1",
                          clause=categories.clause, details={"field": "category"})
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("The unit is not in this project."), code="unit_not_in_project", rule="CORE-1")
    if resident is not None and resident.project_id != project.pk:
        raise DomainError(_("The resident is not in this project."), code="resident_not_in_project", rule="CORE-1")
    if contact is not None and contact.project_id != project.pk:
        raise DomainError(_("The contact is not in this project."), code="contact_not_in_project", rule="CORE-1")
    if unit is None and resident is not None:
        unit = resident.units.first()
    location = limits.fit(Repair, "location", location)
    if unit is None and not location:
        raise DomainError(_("Give the unit, or the place of a public facility."), code="place_required",
                          rule="REPAIR-1", details={"field": "location"})
    if not public_area and unit is None:
        public_area = True  # no household: a public facility (003 篇5 §4.2)
    now = clock.now()
    if appointment_at is not None and appointment_at < now - dt.timedelta(minutes=1):
        raise DomainError(_("An appointment cannot be in the past."), code="past_appointment", rule="REPAIR-2",
                          details={"field": "appointment_at"})
    if not department and public_area and reported_by.department is not None:
        department = reported_by.department.code
    repair = Repair.objects.create(
        project=project, serial=next_serial(Repair, project, "BX"), reported_at=now, reported_by=reported_by,
        person_name=person_name, phone=phone, resident=resident, unit=unit, location=location,
        public_area=public_area, department=department[:20], content=content, category=category,
        appointment_at=appointment_at, is_vip=bool(resident and resident.is_vip) or bool(contact and contact.is_vip),
        contact=contact, source_ref=source_ref[:80],
        retain_until=retain_until(int(policies.value("desk.repairs.retention_years", project))))
    if contact is not None:
        link_matter(contact=contact, matter_ref=repair.ref, actor=reported_by)
    audit.record(actor=reported_by, action="desk.repair.reported", target=repair, project=project,
                 data={"serial": repair.serial, "category": category, "public_area": public_area,
                       "contact": contact.pk if contact else None, "source": source_ref[:80]})
    return repair


@audit.atomic()
def open_repair_for_lock_change(*, project: Project, reported_by: User, description: str, unit: Unit | None = None,
                                source_ref: str) -> Repair:
    """A lock change ordered by the key room becomes a repair for engineering (KEY-LOSS-1, REPAIR-1)."""
    categories = policies.value("desk.repairs.categories", project)
    category = "门窗" if "门窗" in categories else (categories[-1] if categories else "")
    # What the key room composed, not what a person typed here: cut to the columns.
    return report_repair(project=project, reported_by=reported_by, person_name=reported_by.display_name[:100],
                         phone=reported_by.phone, unit=unit, location="" if unit else description[:200],
                         content=description, category=category, public_area=unit is None, source_ref=source_ref)


def setout_due(project: Project, dispatched_at: dt.datetime, appointment_at: dt.datetime | None) -> dt.datetime:
    """Set out within the policy minutes of the slip, or by the booked appointment (REPAIR-2)."""
    if appointment_at is not None:
        return appointment_at
    return dispatched_at + dt.timedelta(minutes=int(policies.value("desk.repairs.setout_minutes", project)))


@audit.atomic()
def dispatch_repair(*, repair: Repair, dispatched_by: User, technician: User | None = None,
                    appointment_at: dt.datetime | None = None) -> Repair:
    """The duty staff issue the 《工作任务单》 to engineering; it gets its own number (REPAIR-1, REPAIR-5).

    With nobody in the engineering duty room the desk books an appointment instead (REPAIR-2)."""
    repair = lock_repair(repair)
    project = repair.project
    require_member(dispatched_by, project)
    _policy_roles(dispatched_by, project, "desk.repairs.issuer_roles", "REPAIR-5")
    REPAIR_FLOW.check(repair.status, RepairStatus.DISPATCHED)
    if technician is not None and not is_technician(technician, project):
        raise DomainError(_("The technician must be engineering staff of this project."), code="not_technician",
                          rule="REPAIR-2", details={"field": "technician"})
    now = clock.now()
    if appointment_at is not None and appointment_at < now - dt.timedelta(minutes=1):
        raise DomainError(_("An appointment cannot be in the past."), code="past_appointment", rule="REPAIR-2",
                          details={"field": "appointment_at"})
    appointment_at = appointment_at or repair.appointment_at
    repair.slip_number = next_serial(Repair, project, "RW", "slip_number")
    repair.status = RepairStatus.DISPATCHED
    repair.dispatched_at, repair.dispatched_by, repair.technician = now, dispatched_by, technician
    repair.appointment_at = appointment_at
    repair.due_at = setout_due(project, now, appointment_at if appointment_at and appointment_at > now else None)
    repair.save(update_fields=["slip_number", "status", "dispatched_at", "dispatched_by", "technician",
                               "appointment_at", "due_at"])
    audit.record(actor=dispatched_by, action="desk.repair.dispatched", target=repair, project=project,
                 data={"slip": repair.slip_number, "technician": technician.pk if technician else None,
                       "due_at": repair.due_at.isoformat()})
    _notify_engineering(repair)
    resolve(subject=f"desk.repair:{repair.pk}", kinds=["desk.repair.undispatched"])
    return repair


def _notify_engineering(repair: Repair) -> None:
    from django.urls import reverse

    from core.notifications import notify, notify_each
    from desk.selectors.repairs import engineering_staff

    title = _("Work task slip %(slip)s: %(place)s — %(content)s") % {
        "slip": repair.slip_number, "place": repair.place, "content": repair.content[:60]}
    link = reverse("desk:repairs-detail", args=[repair.pk])
    if repair.technician_id:
        notify(project=repair.project, recipient=repair.technician, kind="desk.repair.slip", title=title,
               dedupe_key=f"desk.repair.slip:{repair.pk}:{repair.technician_id}", link=link,
               subject=f"desk.repair:{repair.pk}")
    else:
        notify_each(project=repair.project, people=engineering_staff(repair.project), kind="desk.repair.slip",
                    title=title, dedupe_key=f"desk.repair.slip:{repair.pk}", link=link,
                    subject=f"desk.repair:{repair.pk}")


@audit.atomic()
def book_appointment(*, repair: Repair, booked_by: User, appointment_at: dt.datetime) -> Repair:
    """Nobody in the engineering duty room: the desk books a visit time with the resident (REPAIR-2)."""
    repair = lock_repair(repair)
    require_member(booked_by, repair.project)
    _policy_roles(booked_by, repair.project, "desk.repairs.issuer_roles", "REPAIR-2")
    if repair.status not in (RepairStatus.REPORTED, RepairStatus.DISPATCHED):
        REPAIR_FLOW.check(repair.status, RepairStatus.DISPATCHED)  # raises illegal_transition
    if appointment_at is None or appointment_at < clock.now() - dt.timedelta(minutes=1):
        raise DomainError(_("An appointment cannot be in the past."), code="past_appointment", rule="REPAIR-2",
                          details={"field": "appointment_at"})
    repair.appointment_at = appointment_at
    if repair.status == RepairStatus.DISPATCHED:
        repair.due_at = appointment_at
    repair.save(update_fields=["appointment_at", "due_at"])
    audit.record(actor=booked_by, action="desk.repair.appointment_booked", target=repair, project=repair.project,
                 data={"appointment_at": appointment_at.isoformat()})
    return repair


@audit.atomic()
def set_out(*, repair: Repair, technician: User) -> Repair:
    """The technician acknowledges the slip and sets out; the server notes whether it was in time (REPAIR-2)."""
    repair = lock_repair(repair)
    require_member(technician, repair.project)
    require_technician(technician, repair.project, "REPAIR-2")
    REPAIR_FLOW.check(repair.status, RepairStatus.SET_OUT)
    now = clock.now()
    repair.status, repair.set_out_at, repair.set_out_by = RepairStatus.SET_OUT, now, technician
    if repair.technician_id is None:
        repair.technician = technician
    repair.save()
    audit.record(actor=technician, action="desk.repair.set_out", target=repair, project=repair.project,
                 data={"late": bool(repair.due_at and now > repair.due_at)})
    resolve(subject=f"desk.repair:{repair.pk}", kinds=["desk.repair.slip", "desk.repair.late"])
    return repair


@audit.atomic()
def complete_repair(*, repair: Repair, completed_by: User, work_done: str, materials: str = "",
                    drawn: list[handoffs.RepairMaterial] | tuple = ()) -> Repair:
    """The work is done; the slip still needs its signature before the repair counts as done (REPAIR-3).
    `drawn`: the materials the technician picked from the site's stock, issued now by the store room
    (core.handoffs.issue_materials_for_repair); the issue note's number and the lines head `materials`."""
    repair = lock_repair(repair)
    require_member(completed_by, repair.project)
    require_technician(completed_by, repair.project, "REPAIR-3")
    REPAIR_FLOW.check(repair.status, RepairStatus.COMPLETED)
    repair.work_done = text(work_done, _("work done"), "REPAIR-3")
    repair.materials = limits.fit(Repair, "materials", materials)
    if drawn:
        issued = handoffs.issue_materials_for_repair(repair.project, completed_by, repair.slip_number, list(drawn))
        listed = "、".join(f"{name}×{quantity}" for name, quantity, _price in issued.lines)
        repair.materials = f"{issued.document}: {listed}; {repair.materials}".rstrip("; ")[:300]
    repair.status, repair.completed_at, repair.completed_by = RepairStatus.COMPLETED, clock.now(), completed_by
    repair.save()
    audit.record(actor=completed_by, action="desk.repair.completed", target=repair, project=repair.project,
                 data={"slip": repair.slip_number})
    resolve(subject=f"desk.repair:{repair.pk}")
    return repair


@audit.atomic()
def cancel_repair(*, repair: Repair, cancelled_by: User, reason: str) -> Repair:
    """Withdraw a repair not yet done (the resident fixed it, a duplicate); the reason is kept."""
    repair = lock_repair(repair)
    require_member(cancelled_by, repair.project)
    _policy_roles(cancelled_by, repair.project, "desk.repairs.issuer_roles", "REPAIR-5")
    REPAIR_FLOW.check(repair.status, RepairStatus.CANCELLED)
    repair.cancel_reason = limits.fit(Repair, "cancel_reason", reason, required=True, rule="REPAIR-5", label=_("reason"))
    repair.status, repair.cancelled_at, repair.cancelled_by = RepairStatus.CANCELLED, clock.now(), cancelled_by
    repair.save()
    audit.record(actor=cancelled_by, action="desk.repair.cancelled", target=repair, project=repair.project,
                 data={"reason": repair.cancel_reason})
    resolve(subject=f"desk.repair:{repair.pk}")
    return repair
