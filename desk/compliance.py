"""What every front-desk area reports to the compliance view: one row per policy clause, beside its
measured adherence over a period (e.g. repair visit rate this quarter 34 % against 30 %)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ComplianceRow:
    rule: str              # requirement ID, e.g. "VISIT-2"
    policy_key: str        # the policy row whose value is the target, e.g. "desk.visits.rate.repair"
    clause: str            # the regulation clause the target comes from (the policy's clause)
    label: str             # what is measured, in the user's language (translated by the caller's gettext)
    target: str            # the target as shown, e.g. "≥ 30 %" or "≤ 5 min"
    measured: str          # the measured value as shown, e.g. "34 %" or "4 of 5"
    ok: bool | None        # met, missed, or None when there was nothing to measure
    numerator: int = 0     # e.g. visits made
    denominator: int = 0   # e.g. repairs closed
    link: str = ""         # a page listing the cases behind the figure


@dataclass(frozen=True)
class Period:
    start: dt.date         # inclusive, Beijing date
    end: dt.date           # inclusive, Beijing date
