"""A contact becomes a matter: a repair, a complaint (helper area) or a paid service (DESK-INTAKE-1).

Each matter stores the contact; the contact stores the matter's ref and closes when it closes."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from core.models import User
from desk.models import Contact
from desk.services.intake import link_matter, lock_contact, require_desk_staff, require_no_matter


@transaction.atomic
def contact_to_repair(*, contact: Contact, actor: User, category: str, location: str = "",
                      appointment_at: dt.datetime | None = None, public_area: bool = False):
    from desk.services.repairs import report_repair

    contact = lock_contact(contact)
    require_desk_staff(actor, contact.project)
    return report_repair(project=contact.project, reported_by=actor, person_name=contact.person_name,
                         phone=contact.phone, unit=contact.unit, resident=contact.resident, location=location,
                         content=contact.content, category=category, appointment_at=appointment_at,
                         public_area=public_area, contact=contact, source_ref=f"contact:{contact.pk}")


@transaction.atomic
def contact_to_complaint(*, contact: Contact, actor: User, subject: str = "", department: str = "",
                         major: bool = False):
    from desk.services.complaints import register_complaint

    contact = lock_contact(contact)
    require_desk_staff(actor, contact.project)
    require_no_matter(contact)
    channel = contact.channel if contact.channel in {"call", "visit", "letter"} else "other"
    complaint = register_complaint(
        project=contact.project, registered_by=actor, person_name=contact.person_name, phone=contact.phone,
        content=contact.content, channel=channel, unit=contact.unit, resident=contact.resident, subject=subject,
        department=department or contact.department, is_vip=contact.is_vip, major=major, contact=contact,
        source_ref=f"contact:{contact.pk}")
    link_matter(contact=contact, matter_ref=f"complaint:{complaint.pk}", actor=actor)
    return complaint


@transaction.atomic
def contact_to_paid(*, contact: Contact, actor: User, items: list[dict], note: str = ""):
    from desk.services.paid import register_service

    contact = lock_contact(contact)
    require_desk_staff(actor, contact.project)
    return register_service(project=contact.project, registered_by=actor, person_name=contact.person_name,
                            phone=contact.phone, unit=contact.unit, resident=contact.resident, items=items,
                            description=note or contact.content, contact=contact)
