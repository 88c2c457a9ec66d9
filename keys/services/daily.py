"""The custodian's daily review of the register (KEY-DAILY-1)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.permissions import require_member, require_role
from keys.models import DailyReview, DailyReviewEntry, LoanFollowUp
from keys.selectors import loans as selectors


@audit.atomic()
def record_daily_review(*, project: Project, reviewed_by: User, counted_on_hook: int, reasons: dict[int, str],
                        note: str = "") -> DailyReview:
    """Every unreturned key listed with its reason; the keys on the hooks counted (KEY-DAILY-1)."""
    require_member(reviewed_by, project)
    roles = policies.resolve("keys.daily_review.roles", project)
    require_role(reviewed_by, project, roles.value, rule="KEY-DAILY-1", clause=roles.clause)
    now = clock.now()
    out = list(selectors.unreturned_loans(project=project))
    missing = [loan.serial for loan in out if not (reasons.get(loan.pk) or "").strip()]
    if missing:
        raise DomainError(_("Record the reason for every unreturned key: %(list)s") % {"list": ", ".join(missing)},
                          code="reason_required", rule="KEY-DAILY-1", details={"missing": missing})
    fitted = {loan.pk: limits.fit(DailyReviewEntry, "reason", reasons[loan.pk]) for loan in out}
    note = limits.fit(DailyReview, "note", note)
    expected = selectors.keys_expected_on_hook(project=project)
    if int(counted_on_hook) < 0:
        raise DomainError(_("The count cannot be negative."), code="invalid_count")
    if int(counted_on_hook) != expected and not note:
        raise DomainError(_("Counted %(counted)s keys but the ledger expects %(expected)s on the hooks; explain the difference.")
                          % {"counted": counted_on_hook, "expected": expected}, code="count_mismatch_needs_note",
                          rule="KEY-DAILY-1", details={"expected": expected, "counted": counted_on_hook})
    try:
        with transaction.atomic():
            review = DailyReview.objects.create(project=project, day=clock.beijing(now).date(),
                                                reviewed_by=reviewed_by, completed_at=now,
                                                expected_on_hook=expected, counted_on_hook=int(counted_on_hook),
                                                note=note)
    except IntegrityError as exc:
        raise Conflict(_("Today's review has already been recorded."), code="already_reviewed") from exc
    for loan in out:
        reason = fitted[loan.pk]
        DailyReviewEntry.objects.create(review=review, loan=loan, overdue=bool(loan.due_at and loan.due_at < now),
                                        reason=reason)
        LoanFollowUp.objects.create(loan=loan, written_by=reviewed_by, written_at=now, note=reason)
    audit.record(actor=reviewed_by, action="keys.daily_review.recorded", target=review, project=project,
                 data={"unreturned": len(out), "expected": expected, "counted": int(counted_on_hook)})
    return review


def review_of(*, project: Project, day: dt.date) -> DailyReview | None:
    return DailyReview.objects.filter(project=project, day=day).first()
