"""Demo records of the visits area."""


def build(world) -> None:
    return None
