"""What the archive room answers for the other rooms through core's hand-offs: nothing yet. The lending engine
will ask here whether a volume may be lent (`Volume.lendable`: confidential and documentary archives are not)."""


def provide() -> None:
    return None
