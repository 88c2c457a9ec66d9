"""Demo records of the front desk, built through the services (idempotent)."""
from __future__ import annotations

from django.db import transaction

from core.demo import World
from desk.demo import closing, complaints, intake, lost, paid, passes, quality, registers, repairs, visits


@transaction.atomic
def build_desk(world: World) -> None:
    # Order matters: contacts first, then the matters they became, then the visits of closed matters.
    for area in (intake, repairs, paid, complaints, visits, quality, registers, passes, lost, closing):
        area.build(world)
