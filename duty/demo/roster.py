"""Demo data of the roster area."""


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
