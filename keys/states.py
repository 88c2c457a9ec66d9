"""Status enums and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from core.flow import Flow
from core.lending.states import LOAN_FLOW, LoanStatus  # noqa: F401  (the shared lending engine's)


class KeyStatus(models.TextChoices):
    IN_STORE = "in_store", gettext_lazy("In store")
    LENT = "lent", gettext_lazy("Lent")
    SEALED = "sealed", gettext_lazy("Sealed")
    LOST = "lost", gettext_lazy("Lost")
    DAMAGED = "damaged", gettext_lazy("Damaged")
    RETIRED = "retired", gettext_lazy("Retired")


# A key in these states is on the hook and can be counted.
KEY_ON_HOOK = frozenset({KeyStatus.IN_STORE, KeyStatus.SEALED, KeyStatus.DAMAGED})

# Where a key may go from each status; every change goes through keys.services.ledger.set_status, which checks it.
# Lent only from the store (KEY-LOAN-5); back to the store, damaged or lost on return; sealed while a resident's
# deposit keeps it (KEY-DEPOSIT-1); found again or written off after a loss (KEY-LOSS-1); retired is final.
KEY_FLOW = Flow("key", {
    KeyStatus.IN_STORE: {KeyStatus.LENT, KeyStatus.SEALED, KeyStatus.LOST, KeyStatus.DAMAGED, KeyStatus.RETIRED},
    KeyStatus.LENT: {KeyStatus.IN_STORE, KeyStatus.DAMAGED, KeyStatus.LOST},
    KeyStatus.SEALED: {KeyStatus.IN_STORE, KeyStatus.LOST, KeyStatus.DAMAGED, KeyStatus.RETIRED},
    KeyStatus.DAMAGED: {KeyStatus.IN_STORE, KeyStatus.SEALED, KeyStatus.LOST, KeyStatus.RETIRED},
    KeyStatus.LOST: {KeyStatus.IN_STORE, KeyStatus.DAMAGED, KeyStatus.RETIRED},
    KeyStatus.RETIRED: set(),
})


class RequestStatus(models.TextChoices):
    """Extension and transfer requests."""

    PENDING = "pending", gettext_lazy("Pending")
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")


class FollowStatus(models.TextChoices):
    """Incidents, faults, inventory discrepancies: open until resolved."""

    OPEN = "open", gettext_lazy("Open")
    RESOLVED = "resolved", gettext_lazy("Resolved")


REQUEST_FLOW = Flow("request", {RequestStatus.PENDING: {RequestStatus.APPROVED, RequestStatus.REJECTED}})
FOLLOW_FLOW = Flow("follow-up", {FollowStatus.OPEN: {FollowStatus.RESOLVED}})
