"""Where a request for consent to use a deposited key stands (RES-2, KEY-DEPOSIT): asked and not yet answered,
consented, or refused. Derived from the row (answered_at, consent), never stored twice."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentState(models.TextChoices):
    PENDING = "pending", _("Awaiting the household's answer")
    CONSENTED = "consented", _("Consented")
    REFUSED = "refused", _("Refused")


def consent_state(consent) -> ConsentState:
    if consent.answered_at is None:
        return ConsentState.PENDING
    return ConsentState.CONSENTED if consent.consent else ConsentState.REFUSED
