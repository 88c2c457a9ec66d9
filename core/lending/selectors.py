"""What is out, and what is overdue, as queries over any room's loans (indexed on project, status, due_at)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock
from core.lending.states import LoanStatus


def out(loans: QuerySet) -> QuerySet:
    return loans.filter(status=LoanStatus.LENT)


def overdue(loans: QuerySet, at: dt.datetime | None = None) -> QuerySet:
    """Lent and past their due time at `at` (now by default), the longest overdue first."""
    return out(loans).filter(due_at__lt=at or clock.now()).order_by("due_at")


def held_by(loans: QuerySet, person) -> QuerySet:
    """What this person still has out: a departing employee is cleared only when this is empty."""
    return out(loans).filter(holder=person)
