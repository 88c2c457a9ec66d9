"""Demo data of the handover area."""


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
