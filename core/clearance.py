"""Clearing a departing employee (ARCH-7; the same holds for keys and, later, tools).

Every room says, through `core.handoffs.clearance_sections`, what a person still has out there; nobody here
knows the rooms. An account is deactivated only when nothing is out: the refusal lists what is, room by room,
so the supervisor knows what to chase. The Django admin (where accounts are kept) goes through `deactivate`.
"""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.errors import Conflict
from core.handoffs import Outstanding, clearance_sections
from core.models import User


def outstanding(person: User) -> list[Outstanding]:
    """What this person still has out, in every room, longest out first within each room."""
    found: list[Outstanding] = []
    for items in clearance_sections.gather(person).values():
        found.extend(items)
    return found


def describe(items: list[Outstanding]) -> str:
    return "；".join(f"{item.room}：{item.what}（{item.document}）" for item in items)


def not_cleared(person: User, items: list[Outstanding]) -> Conflict:
    return Conflict(_("%(name)s still has %(count)s item(s) out and cannot be deactivated: %(items)s")
                    % {"name": person.display_name, "count": len(items), "items": describe(items)},
                    code="not_cleared", rule="ARCH-7",
                    details={"items": [{"room": str(i.room), "what": i.what, "document": i.document,
                                        "project": i.project} for i in items]})


@transaction.atomic
def deactivate(*, person: User, by: User, reason: str = "") -> User:
    """Deactivate an account whose holder has nothing out; refuses `not_cleared` otherwise (nothing changes)."""
    person = User.objects.select_for_update().get(pk=person.pk)
    items = outstanding(person)
    if items:
        raise not_cleared(person, items)
    if person.is_active:
        person.is_active = False
        person.save(update_fields=["is_active"])
        audit.record(actor=by, action="core.person.deactivated", target=person, data={"reason": reason[:300]})
    return person
