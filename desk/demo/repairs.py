"""Demo records of the repairs area."""


def build(world) -> None:
    return None
