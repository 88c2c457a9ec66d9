"""Demo records of the safety room, built through the services (idempotent): see demo/build.py."""
from __future__ import annotations

from django.db import transaction

from core.demo import World


@transaction.atomic
def build_safety(world: World) -> None:
    from safety.demo.build import build_project

    for project, prefix in zip(world.projects, ("", "bj_")):
        build_project(world, project, prefix)
