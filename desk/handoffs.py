"""What the front desk answers for the other rooms through core's hand-offs (registered in desk/apps.py)."""
from __future__ import annotations

from core import handoffs
from desk.selectors.lost import held as lost_items_held
from desk.services.repairs import open_repair_for_lock_change


def lock_change_repair(*, project, reported_by, description: str, unit, source_ref: str) -> str:
    """A lock change the key room orders becomes a repair for engineering; answers its document number."""
    repair = open_repair_for_lock_change(project=project, reported_by=reported_by, description=description,
                                         unit=unit, source_ref=source_ref)
    return repair.serial


def repair_from_finding(*, project, reported_by, description: str, location: str, source_ref: str) -> str:
    """A patrol finding becomes a repair of a public area for engineering; answers its document number."""
    from core import policies
    from desk.services.repairs import report_repair

    categories = policies.value("desk.repairs.categories", project)
    # What the patrol composed from its checkpoint, not typed here: cut to the columns.
    return report_repair(project=project, reported_by=reported_by, person_name=reported_by.display_name[:100],
                         phone=reported_by.phone, unit=None, location=location[:200], content=description,
                         category=categories[-1] if categories else "", public_area=True,
                         source_ref=source_ref).serial


def repair_open_for_materials(project, repair_ref: str) -> str:
    """The repair's number when `repair_ref` (its number or its slip's) names one of the project's repairs whose
    slip is issued and not yet signed: materials may still be drawn for it (STOCK-2)."""
    from django.db.models import Q

    from desk.models import Repair, RepairStatus

    ref = (repair_ref or "").strip()
    if not ref:
        return ""
    found = (Repair.objects.filter(project=project, status__in=[RepairStatus.DISPATCHED, RepairStatus.SET_OUT,
                                                                 RepairStatus.COMPLETED])
             .filter(Q(serial=ref) | Q(slip_number=ref)).values_list("serial", flat=True).first())
    return found or ""


def lost_property(project) -> list[dict]:
    """Lost property held at the desk, handed over at every shift change with where each item is kept (LOST-1,
    HANDOVER-2)."""
    held = lost_items_held(project=project).order_by("found_at")[:200]
    return [{"id": item.pk, "serial": item.serial, "item": item.description, "kept_at": item.kept_at,
             "found_at": item.found_at.isoformat()} for item in held]


def appraisal_measures(project, person, start, end) -> list[handoffs.Measure]:
    """The person's quality nonconformities, unsatisfied return visits on matters they closed, and complaints they
    sent or handled past the timer, in the month (STAFF-3; QUALITY-1, VISIT-*, COMPLAINT-*)."""
    from django.db.models import F, Q
    from django.utils.translation import gettext as _

    from desk.models import Complaint, Nonconformity, ReturnVisit
    from desk.models.visits import Satisfaction

    found = Nonconformity.objects.filter(project=project, person=person, check_record__checked_at__gte=start,
                                         check_record__checked_at__lt=end).order_by("pk")
    unsatisfied = ReturnVisit.objects.filter(project=project, closure__registered_by=person, visited_at__gte=start,
                                             visited_at__lt=end, satisfaction=Satisfaction.UNSATISFIED).order_by("pk")
    late = Complaint.objects.filter(project=project).filter(
        Q(sent_by=person, sent_at__gte=start, sent_at__lt=end, sent_at__gt=F("dispatch_due_at"))
        | Q(handled_by=person, handled_at__gte=start, handled_at__lt=end, handled_at__gt=F("handling_due_at"))
    ).order_by("pk")
    return [
        handoffs.Measure("desk.nonconformities", _("Quality nonconformities"), found.count(),
                         tuple(found.values_list("check_record__serial", flat=True)[:50])),
        handoffs.Measure("desk.unsatisfied_visits", _("Return visits found unsatisfied"), unsatisfied.count(),
                         tuple(unsatisfied.values_list("number", flat=True)[:50])),
        handoffs.Measure("desk.complaints_late", _("Complaints past their time limit"), late.count(),
                         tuple(late.values_list("serial", flat=True)[:50])),
    ]


def provide() -> None:
    from desk.services import online

    handoffs.appraisal_measures.register("desk", appraisal_measures)
    handoffs.open_lock_change_repair.provide(lock_change_repair, owner="desk")
    handoffs.open_repair_from_finding.provide(repair_from_finding, owner="desk")
    handoffs.repair_open_for_materials.provide(repair_open_for_materials, owner="desk")
    handoffs.open_resident_contact.provide(online.open_online_contact, owner="desk")
    handoffs.resident_matters.provide(online.household_matters, owner="desk")
    handoffs.confirm_resident_repair.provide(online.confirm_repair, owner="desk")
    provide_registers()


# --- The desk's daily registers in the shift handover (FRONT-3, FRONT-4; HANDOVER-2) ---------------------------
def held_for_others(project) -> list[dict]:
    """Items deposited or passed on that the desk still holds, and residents' mail not yet collected."""
    from desk.selectors.registers import deposits_held, mail_held

    held = [{"serial": d.serial, "what": d.description, "pieces": d.pieces, "for": d.recipient_name,
             "since": d.signed_in_at.isoformat() if d.signed_in_at else None, "kind": "deposit"}
            for d in deposits_held(project=project)[:200]]
    held += [{"serial": m.serial, "what": str(m.get_kind_display()), "pieces": m.copies, "for": m.addressee,
              "since": m.received_at.isoformat(), "kind": "mail"} for m in mail_held(project=project)[:200]]
    return held


def last_close(project) -> dict | None:
    """The latest close of the desk: who closed, to whom, what was handed over (FRONT-4)."""
    from desk.selectors.registers import latest_close

    close = latest_close(project=project)
    if close is None:
        return None
    return {"id": close.pk, "day": close.day.isoformat(), "closed_at": close.closed_at.isoformat(),
            "clerk": close.clerk.display_name, "next_clerk": close.next_clerk.display_name,
            "cabinet_locked": close.cabinet_locked, "keys_returned": close.keys_returned,
            "keys_counted": close.keys_counted, "unfinished": close.unfinished, "items_handed": close.items_handed}


def provide_registers() -> None:
    handoffs.handover_sections.register("desk_held_items", held_for_others)
    handoffs.handover_sections.register("desk_close", last_close)
    handoffs.handover_sections.register("lost_property", lost_property)
