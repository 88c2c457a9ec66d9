"""Demo records of the complaints area."""


def build(world) -> None:
    return None
