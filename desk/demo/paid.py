"""Demo records of the paid area."""


def build(world) -> None:
    return None
