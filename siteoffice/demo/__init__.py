"""Demo records of the site office, built through the services (idempotent): the price list, a morning's receipts
(one of them a large fee), yesterday's day closed and received, a reversal awaiting the supervisor, fees due
with one overdue and reminded; decorations under way, awaiting approval and finished (see demo/decoration.py)."""
from __future__ import annotations

from django.db import transaction

from core.demo import World


@transaction.atomic
def build_siteoffice(world: World) -> None:
    from siteoffice.demo.decoration import build_decoration
    from siteoffice.demo.fees import build_fees

    for project, prefix in zip(world.projects, ("", "bj_")):
        build_fees(world, project, prefix)
        build_decoration(world, project, prefix)
