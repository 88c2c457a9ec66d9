"""Handing a key over and taking it back at the desk (KEY-LOAN-5, -7, -10, -12)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, policies, signatures
from core.errors import Conflict, DomainError
from core.lending import counter
from core.models import Project, User
from core.notifications import resolve
from keys.categories import Category
from keys.models import IncidentKind, KeyLoan, LoanIncident
from keys.selectors.loss import reported_damaged
from keys.services.common import lock_loan, require_custodian_staff, scanned_matches
from keys.services.deposit import log_deposited_loan
from keys.services.ledger import set_status
from keys.states import KeyStatus


def end_of_working_day(project: Project, day: dt.date) -> dt.datetime:
    return clock.at_beijing(day, clock.parse_hhmm(policies.value("keys.end_of_working_day", project)))


def due_time(loan: KeyLoan, lent_at: dt.datetime) -> tuple[dt.datetime, str]:
    """When the key must be back, by the category's rule (KEY-LOAN-7)."""
    rule = policies.value(f"keys.due.{loan.category}", loan.project)
    kind = rule["rule"]
    if kind == "same_day":
        return end_of_working_day(loan.project, clock.beijing(lent_at).date()), kind
    if kind == "after_use":
        return min(loan.period_end, lent_at + dt.timedelta(hours=int(rule.get("max_hours", 4)))), kind
    cap = lent_at + dt.timedelta(days=int(rule.get("max_days", 7)))
    return min(loan.period_end, cap), kind


@audit.atomic()
def checkout_key(*, loan: KeyLoan, issuer: User, scanned: str, pieces_counted: int, borrower_password: str) -> KeyLoan:
    """Issuer and borrower check number and pieces together, both sign; one open loan per key (KEY-LOAN-5)."""
    # The loan and its key are locked together: two clerks lending the same key queue here; the
    # partial unique index on (key) WHERE status='lent' is the last line of defence.
    loan = lock_loan(loan)
    key = loan.key
    require_custodian_staff(issuer, key)
    counter.require_lendable(loan, issuer, rule="KEY-LOAN-5")
    if not scanned_matches(key, scanned):
        raise DomainError(_("The scanned key is not %(number)s, the key approved for this loan.")
                          % {"number": key.number}, code="key_mismatch", rule="KEY-LOAN-5")
    counter.require_count(expected=key.pieces, counted=pieces_counted, rule="KEY-LOAN-5", code="piece_count_mismatch",
                          message=_("Piece count %(counted)s does not match the ledger's %(pieces)s; count again together.")
                          % {"counted": pieces_counted, "pieces": key.pieces})
    if key.status != KeyStatus.IN_STORE:
        code = "key_already_lent" if key.status == KeyStatus.LENT else "key_not_available"
        raise Conflict(_("Key %(number)s is not in store (%(status)s).")
                       % {"number": key.number, "status": key.get_status_display()}, code=code)
    loan.pieces_out = key.pieces
    due_at, due_rule = due_time(loan, clock.now())
    # No savepoint: a refusal here ends the whole checkout, which rolls back with it.
    counter.mark_lent(loan, issuer=issuer, due_at=due_at, due_rule=due_rule, extra_fields=["pieces_out"],
                      taken=Conflict(_("Key %(number)s has just been lent by someone else.") % {"number": key.number},
                                     code="key_already_lent"))
    set_status(key=key, status=KeyStatus.LENT)
    counter.sign_lent(loan, issuer=issuer, holder_password=borrower_password)
    audit.record(actor=issuer, action="keys.loan.checked_out", target=loan, project=loan.project,
                 data={"key": key.number, "pieces": key.pieces, "holder": loan.holder_id, "due_at": loan.due_at})
    if loan.category == Category.DEPOSITED:  # KEY-DEPOSIT-9: every loan of a deposited key goes to the duty log
        log_deposited_loan(loan, "lent")
    return loan


def _viewing_checklist(loan: KeyLoan, checklist: dict | None, borrower_password: str) -> None:
    """After a viewing the borrower confirms power off, windows and doors closed, unit locked (KEY-LOAN-12)."""
    checklist = checklist or {}
    missing = [name for name in ("power_off", "windows_closed", "door_locked") if not checklist.get(name)]
    if missing:
        raise DomainError(_("After a viewing confirm power off, windows closed and the unit locked."),
                          code="viewing_checklist_incomplete", rule="KEY-LOAN-12", details={"missing": missing})
    signatures.check_credentials(person=loan.holder, password=borrower_password)


def _incident(loan: KeyLoan, receiver: User, kind: str, expected: str, actual: str, note: str) -> LoanIncident:
    responsible_rule = policies.value("keys.incident_responsible", loan.project).get(loan.category, "holder")
    responsible = loan.issued_by if responsible_rule == "issuer" and loan.issued_by else loan.holder
    incident = LoanIncident.objects.create(loan=loan, kind=kind, responsible=responsible, expected=expected,
                                           actual=actual, description=note[:300], opened_by=receiver,
                                           opened_at=clock.now())
    audit.record(actor=receiver, action="keys.incident.opened", target=incident, project=loan.project,
                 data={"loan": loan.serial, "kind": kind, "expected": expected, "actual": actual,
                       "responsible": responsible.pk})
    return incident


@audit.atomic()
def return_key(*, loan: KeyLoan, receiver: User, scanned: str, pieces_returned: int, intact: bool = True,
               checklist: dict | None = None, borrower_password: str = "", accept_discrepancy: bool = False,
               note: str = "") -> KeyLoan:
    """Take a lent key back: the custodian checks it; a mismatch opens an incident (KEY-LOAN-10)."""
    loan = lock_loan(loan)
    key = loan.key
    require_custodian_staff(receiver, key, rule="KEY-LOAN-10")
    counter.require_returnable(loan)
    if not scanned_matches(key, scanned):
        raise DomainError(_("The scanned key is not %(number)s, the key lent on this loan.") % {"number": key.number},
                          code="key_mismatch", rule="KEY-LOAN-10")
    if loan.is_viewing:
        _viewing_checklist(loan, checklist, borrower_password)
    pieces_returned = int(pieces_returned)
    problems = []
    if pieces_returned != loan.pieces_out:
        problems.append((IncidentKind.PIECES_MISMATCH, str(loan.pieces_out), str(pieces_returned)))
    if not intact:
        problems.append((IncidentKind.NOT_INTACT, _("intact"), _("damaged")))
    if problems and not accept_discrepancy:
        raise Conflict(_("Lent %(out)s piece(s), returned %(back)s%(damaged)s. Confirm to record the return and open an incident.")
                       % {"out": loan.pieces_out, "back": pieces_returned, "damaged": "" if intact else _(", damaged")},
                       code="return_mismatch", rule="KEY-LOAN-10",
                       details={"lent": loan.pieces_out, "returned": pieces_returned, "intact": intact})
    loan.pieces_in = pieces_returned
    if loan.is_viewing:
        loan.power_off = loan.windows_closed = loan.door_locked = True
    now = counter.mark_returned(loan, receiver=receiver, intact=intact, note=note[:300],
                                extra_fields=["pieces_in", "power_off", "windows_closed", "door_locked"])
    # A key reported damaged while out stays damaged, however it is handed back (KEY-LOSS-2).
    damaged = not intact or reported_damaged(key=key)
    set_status(key=key, status=KeyStatus.DAMAGED if damaged else KeyStatus.IN_STORE)
    for kind, expected, actual in problems:
        _incident(loan, receiver, kind, expected, actual, note)
    audit.record(actor=receiver, action="keys.loan.returned", target=loan, project=loan.project,
                 data={"key": key.number, "pieces": pieces_returned, "intact": intact,
                       "incidents": [p[0] for p in problems], "late": bool(loan.due_at and now > loan.due_at)})
    if loan.category == Category.DEPOSITED:  # KEY-DEPOSIT-9
        log_deposited_loan(loan, "returned")
    if loan.due_at and now > loan.due_at:  # only a late return can have overdue reminders to resolve
        resolve(subject=f"keys.loan:{loan.pk}", kinds=["keys.overdue"])
    return loan
