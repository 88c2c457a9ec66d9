"""Demo records of the quality area."""


def build(world) -> None:
    return None
