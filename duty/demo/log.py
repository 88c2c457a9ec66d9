"""Demo data of the log area."""


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
