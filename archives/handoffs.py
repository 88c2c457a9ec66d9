"""What the archive room answers for the other rooms through core's hand-offs (registered in archives/apps.py):
the volumes a departing employee still has out (ARCH-7)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import handoffs


def archives_held(person) -> list[handoffs.Outstanding]:
    from archives.selectors.lending import held_by

    return [handoffs.Outstanding(room=_("Archive room"), what=f"{loan.volume.number} {loan.volume.title}",
                                 document=loan.serial, since=loan.checked_out_at, due_at=loan.due_at,
                                 project=loan.project.name)
            for loan in held_by(person).order_by("checked_out_at")[:200]]


def provide() -> None:
    handoffs.clearance_sections.register("archives", archives_held)
