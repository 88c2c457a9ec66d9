"""The states of anything lent, and the one way between them (core.flow)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from core.flow import Flow


class LoanStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Awaiting approval")
    APPROVED = "approved", gettext_lazy("Approved, awaiting checkout")
    LENT = "lent", gettext_lazy("Lent")
    RETURNED = "returned", gettext_lazy("Returned")
    REJECTED = "rejected", gettext_lazy("Rejected")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")

    @classmethod
    def open_states(cls) -> frozenset[str]:
        return frozenset({cls.PENDING, cls.APPROVED, cls.LENT})


# Applied for → approved (every step of the chain, or none needed) → lent at the counter → returned.
# PENDING → PENDING: one more step decided, more to go.
LOAN_FLOW = Flow("loan", {
    LoanStatus.PENDING: {LoanStatus.APPROVED, LoanStatus.REJECTED, LoanStatus.CANCELLED, LoanStatus.PENDING},
    LoanStatus.APPROVED: {LoanStatus.LENT, LoanStatus.CANCELLED},
    LoanStatus.LENT: {LoanStatus.RETURNED},
})


class Decision(models.TextChoices):
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")
