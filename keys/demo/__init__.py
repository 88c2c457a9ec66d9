"""Demo records of the key room, built through the services (idempotent)."""
from __future__ import annotations

from core.demo import World
from keys.demo import custody_checks, deposit, followups, imports, loans, loss


def build_keys(world: World, *, password: str | None = None) -> None:
    """Keys of every category and loans in different states, then deposits, losses, shift-key slips,
    supervision checks and the follow-up registers on top of them (order matters)."""
    loans.build(world, password=password)
    deposit.build(world)
    loss.build(world)
    custody_checks.build(world, password=password)
    followups.build(world, password=password)
    imports.build(world)  # a finished ledger import with its report (issue 22)
