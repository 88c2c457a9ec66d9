"""Demo records of the intake area."""


def build(world) -> None:
    return None
