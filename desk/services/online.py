"""What residents send and see through the residents' door (RES-1), answered by the front desk through core's
hand-offs: a report becomes a contact with channel "online" (线上) that the desk handles like any other; the
household follows its own matters; an adult of the household confirms a completed repair with a drawn signature
(REPAIR-3's rule stands)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import attachments, audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, Resident, Unit
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from core.portal import portal_account
from core.retention import retain_until
from desk.models import Complaint, Contact, ContactChannel, ContactKind, Repair, RepairStatus
from desk.services.common import next_serial, text

RESIDENT_KINDS = (ContactKind.REPAIR, ContactKind.COMPLAINT, ContactKind.SUGGESTION, ContactKind.ENQUIRY,
                  ContactKind.PRAISE)
MAX_PHOTOS = 6


@transaction.atomic
def open_online_contact(project: Project, resident: Resident, unit: Unit, kind: str, content: str,
                        photos: list | tuple = ()) -> str:
    """A resident's report from the portal: a contact of their household, the desk told (DESK-INTAKE-1, RES-1)."""
    if unit.project_id != project.pk or resident.project_id != project.pk or \
            not resident.units.filter(pk=unit.pk).exists():
        raise NotFound(_("No such record."), code="not_found")
    if kind not in RESIDENT_KINDS:
        raise DomainError(_("Choose what the contact is about."), code="invalid_kind", rule="DESK-INTAKE-1",
                          details={"field": "kind"})
    content = text(content, _("content"), "DESK-INTAKE-1")
    if len(photos) > MAX_PHOTOS:
        raise limits.too_many("photos", MAX_PHOTOS)
    portal = portal_account(project.company)
    contact = Contact.objects.create(
        project=project, serial=next_serial(Contact, project, "KF"), channel=ContactChannel.ONLINE, kind=kind,
        received_at=clock.now(), received_by=portal, resident=resident, unit=unit, person_name=resident.name,
        phone=resident.phone, content=content, is_vip=resident.is_vip,
        retain_until=retain_until(int(policies.value("desk.intake.retention_years", project))))
    for name, data in photos:
        attachments.attach(target=contact, project=project, uploaded_by=portal, name=name, data=data,
                           from_portal=True)
    audit.record(actor=portal, action="desk.contact.registered", target=contact, project=project,
                 data={"serial": contact.serial, "channel": ContactChannel.ONLINE, "kind": kind,
                       "vip": contact.is_vip, "resident": resident.pk, "photos": len(photos)})
    notify_each(project=project, people=staff_in_policy_roles(project, "desk.intake.desk_roles"),
                kind="desk.contact.online", title=_("Online contact %(serial)s from %(unit)s: %(content)s") % {
                    "serial": contact.serial, "unit": unit.label, "content": content[:80]},
                dedupe_key=f"desk.contact.online:{contact.pk}", link=f"/desk/intake/{contact.pk}/",
                subject=f"desk.contact:{contact.pk}")
    return contact.serial


def _repair_matter(repair: Repair, unit: Unit, content: str = "") -> handoffs.ResidentMatter:
    steps = [(repair.reported_at, _("Reported"))]
    for when, words in ((repair.dispatched_at, _("Slip issued to engineering")),
                        (repair.appointment_at, _("Appointment booked")),
                        (repair.set_out_at, _("Technician set out")), (repair.completed_at, _("Work completed")),
                        (repair.signed_at, _("Confirmed and closed")), (repair.cancelled_at, _("Cancelled"))):
        if when:
            steps.append((when, words))
    return handoffs.ResidentMatter(
        ref=repair.ref, number=repair.slip_number or repair.serial, kind=str(_("Repair")),
        content=content or repair.content, status=str(repair.get_status_display()), reported_at=repair.reported_at,
        closed=repair.status in (RepairStatus.SIGNED, RepairStatus.CANCELLED),
        can_confirm=(repair.status == RepairStatus.COMPLETED and not repair.public_area and repair.unit_id == unit.pk),
        steps=tuple(sorted(steps, key=lambda s: s[0])), department=repair.department or "engineering")


def household_matters(project: Project, unit: Unit) -> list[handoffs.ResidentMatter]:
    """The unit's contacts (and what they became) and its repairs, newest first — only this household's."""
    if unit.project_id != project.pk:
        return []
    out, seen = [], set()
    contacts = Contact.objects.filter(project=project, unit=unit).order_by("-received_at", "-pk")[:100]
    repairs = {r.ref: r for r in Repair.objects.filter(project=project, unit=unit).order_by("-reported_at")[:100]}
    complaints = {f"complaint:{c.pk}": c for c in Complaint.objects.filter(project=project, unit=unit)[:100]}
    for contact in contacts:
        ref = contact.matter_ref
        if ref in repairs:
            out.append(_repair_matter(repairs[ref], unit, contact.content))
            seen.add(ref)
            continue
        if ref in complaints:
            c = complaints[ref]
            seen.add(ref)
            out.append(handoffs.ResidentMatter(ref=ref, number=c.serial, kind=str(_("Complaint")),
                                               content=contact.content, status=str(c.get_status_display()),
                                               reported_at=contact.received_at, closed=c.status == "closed",
                                               steps=((contact.received_at, _("Received")),)))
            continue
        steps = [(contact.received_at, _("Received"))]
        if contact.routed_at:
            steps.append((contact.routed_at, _("Sent to the responsible department")))
        if contact.closed_at:
            steps.append((contact.closed_at, _("Closed")))
        out.append(handoffs.ResidentMatter(ref=f"contact:{contact.pk}", number=contact.serial,
                                           kind=str(contact.get_kind_display()), content=contact.content,
                                           status=str(contact.get_status_display()), reported_at=contact.received_at,
                                           closed=not contact.is_open, steps=tuple(steps),
                                           department=contact.department))
    out += [_repair_matter(r, unit) for ref, r in repairs.items() if ref not in seen]
    return sorted(out, key=lambda m: m.reported_at, reverse=True)


@transaction.atomic
def confirm_repair(project: Project, unit: Unit, ref: str, name: str, image: str, is_adult: bool) -> str:
    """An adult of the household confirms the completed repair of their own unit with a drawn signature."""
    from desk.services.repairs_sign import sign_by_household

    pk = ref.split(":", 1)[1] if ref.startswith("repair:") else ""
    repair = Repair.objects.filter(project=project, unit=unit, pk=int(pk) if pk.isdigit() else 0).first()
    if repair is None:
        raise NotFound(_("No such record."), code="not_found")
    if repair.status != RepairStatus.COMPLETED:
        raise Conflict(_("Only a completed repair can be confirmed."), code="not_completed", rule="REPAIR-3")
    portal = portal_account(project.company)
    repair = sign_by_household(repair=repair, witnessed_by=portal, name=name, image=image, is_adult=is_adult,
                               from_portal=True)
    return repair.slip_number or repair.serial
