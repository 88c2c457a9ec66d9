"""Duty-desk models, one module per area. Each area's module is owned by that area's code."""
from .log import DaySignoff, DutyEntry, DutyRound, EmergencyReport
from .roster import ChangeKind, Roster, RosterAssignment, ShiftChangeRequest, ShiftPattern

__all__ = [
    "ChangeKind", "DaySignoff", "DutyEntry", "DutyRound", "EmergencyReport", "Roster", "RosterAssignment",
    "ShiftChangeRequest", "ShiftPattern",
]
from .attendance import *  # noqa: F401,F403,E402
from .handover import *  # noqa: F401,F403,E402
from .holidays import *  # noqa: F401,F403,E402
