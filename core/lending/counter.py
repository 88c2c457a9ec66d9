"""Lending and taking back at the counter: two people, counted face to face, both sign.

A room's service locks its loan, makes its own checks (the right key scanned, an archive that may leave the
room), then calls these in order; each refuses with a stable code and changes nothing when it refuses."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError
from django.utils.translation import gettext as _

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.lending.states import LOAN_FLOW, LoanStatus
from core.models import User

LENT_FIELDS = ["status", "checked_out_at", "issued_by", "due_at", "due_rule"]
RETURNED_FIELDS = ["status", "returned_at", "received_by", "returned_intact", "closing_note"]


def require_lendable(loan, issuer: User, *, rule: str) -> None:
    """Approved and not yet lent; the issuer is not the borrower (self_issue)."""
    LOAN_FLOW.check(loan.status, LoanStatus.LENT)
    if issuer.pk == loan.holder_id:
        raise NotAllowed(_("The issuer and the borrower must be two people."), code="self_issue", rule=rule)


def require_count(*, expected: int, counted, rule: str, code: str = "count_mismatch", message: str | None = None):
    """What is handed over is counted together; a different count is refused (nothing is lent or taken back)."""
    try:
        counted = int(counted)
    except (TypeError, ValueError):
        counted = None
    if counted != expected:
        raise DomainError(message or _("Counted %(counted)s, the register says %(expected)s; count again together.")
                          % {"counted": counted if counted is not None else "?", "expected": expected},
                          code=code, rule=rule, details={"ledger": expected, "counted": counted})
    return counted


def mark_lent(loan, *, issuer: User, due_at: dt.datetime | None, taken: Conflict, due_rule: str = "",
              extra_fields=()) -> None:
    """The loan is out from now. `taken` (the room's own words: "key K-12 is already out") is raised when the
    database says the thing is already out (a unique constraint on what is lent): two clerks, one thing, one
    winner."""
    loan.status, loan.checked_out_at, loan.issued_by = LoanStatus.LENT, clock.now(), issuer
    loan.due_at, loan.due_rule = due_at, due_rule
    try:
        loan.save(update_fields=[*LENT_FIELDS, *extra_fields])
    except IntegrityError as exc:
        raise taken from exc


def sign_lent(loan, *, issuer: User, holder_password: str) -> None:
    """The borrower signs with their own password, the issuer with the session they are signed in with."""
    signatures.sign_with_credentials(target=loan, project=loan.project, capacity="borrower", person=loan.holder,
                                     password=holder_password)
    signatures.sign_as_session_user(target=loan, project=loan.project, capacity="issuer", person=issuer)


def require_returnable(loan) -> None:
    LOAN_FLOW.check(loan.status, LoanStatus.RETURNED)


def mark_returned(loan, *, receiver: User, intact: bool = True, note: str = "", extra_fields=()) -> dt.datetime:
    """Back from now; answers the moment (late when after `due_at`)."""
    now = clock.now()
    loan.status, loan.returned_at, loan.received_by = LoanStatus.RETURNED, now, receiver
    loan.returned_intact, loan.closing_note = intact, note
    loan.save(update_fields=[*RETURNED_FIELDS, *extra_fields])
    return now


def is_late(loan, at: dt.datetime | None = None) -> bool:
    at = at or loan.returned_at or clock.now()
    return bool(loan.due_at and at > loan.due_at)
