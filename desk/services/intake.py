"""Changes of the intake area: register, route, escalate, close contacts (DESK-INTAKE-1..2)."""
from __future__ import annotations

from django.db import transaction

from core import audit, clock
from core.models import User
from desk.models import Contact, ContactStatus


@transaction.atomic
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
