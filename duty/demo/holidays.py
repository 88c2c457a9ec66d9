"""Demo data of the holidays area."""


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
