"""Demo records of the store room (for `manage.py demo_data`), built through the services; idempotent."""
from __future__ import annotations

from core.demo import World
from stores.demo.stock import build, build_more
from stores.demo.supply import build_supply


def build_stores(world: World) -> None:
    build(world)
    build_more(world)
    build_supply(world)
