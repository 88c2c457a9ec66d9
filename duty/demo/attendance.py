"""Demo data of the attendance area."""


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
