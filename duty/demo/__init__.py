"""Demo records of the duty desk, built through the services (idempotent)."""
from __future__ import annotations

from django.db import transaction

from core.demo import World
from duty.demo import attendance, handover, holidays, log, roster


@transaction.atomic
def build_duty(world: World) -> None:
    # Order matters: rosters first (who is on which shift), then the log, handovers, attendance, holidays.
    for area in (roster, log, handover, attendance, holidays):
        area.build(world)
