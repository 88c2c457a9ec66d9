from .followups import FaultKind, IncidentKind, KeyFault, LoanExtension, LoanFollowUp, LoanIncident, LoanTransfer
from .ledger import KeySet
from .loans import Decision, KeyLoan, LoanApproval, PurposeKind
from .registers import (DailyReview, DailyReviewEntry, InventoryCount, InventoryKind, InventoryLine,
                        InventoryStatus, LineResult)

__all__ = [
    "DailyReview", "DailyReviewEntry", "Decision", "FaultKind", "IncidentKind", "InventoryCount", "InventoryKind",
    "InventoryLine", "InventoryStatus", "KeyFault", "KeyLoan", "KeySet", "LineResult", "LoanApproval",
    "LoanExtension", "LoanFollowUp", "LoanIncident", "LoanTransfer", "PurposeKind",
]
from .custody_checks import *  # noqa: F401,F403,E402
from .deposit import *  # noqa: F401,F403,E402
from .loss import *  # noqa: F401,F403,E402
