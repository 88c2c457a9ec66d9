"""Document numbers of the store room: a prefix, the month, a number without gaps (core.numbering)."""
from __future__ import annotations

from core import clock, numbering

PREFIX = {"in": "RK", "out": "CK", "transfer": "DB", "stocktake": "PD", "requisition": "SL", "loan": "JY",
          "damaged": "SH"}


def take(project, series: str) -> str:
    period = clock.today().strftime("%Y%m")
    n = numbering.take(project, f"stores.{series}", period)
    return f"{PREFIX[series]}{period}-{n:04d}"
