"""Reads worth naming: registers, inboxes, overdue lists. Overdue is a query on due_at, never a flag."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from core import clock
from core.models import Project, User
from core.permissions import restrict
from keys.models import KeyLoan, KeySet, LoanExtension, LoanTransfer
from keys.states import KEY_ON_HOOK, LoanStatus, RequestStatus


def keys_for(user: User) -> QuerySet[KeySet]:
    return restrict(KeySet.objects, user)


def loans_for(user: User) -> QuerySet[KeyLoan]:
    return restrict(KeyLoan.objects, user)


def search_ledger(*, project: Project, text: str = "", category: str = "", status: str = "",
                  spare: bool | None = None) -> QuerySet[KeySet]:
    qs = KeySet.objects.filter(project=project).select_related("unit__building", "building")
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(name__icontains=text) | Q(storage__icontains=text)
                       | Q(unit__number__icontains=text) | Q(equipment__icontains=text))
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    if spare is not None:
        qs = qs.filter(is_emergency_spare=spare)
    return qs.order_by("number")


def unreturned_loans(*, project: Project) -> QuerySet[KeyLoan]:
    """Every key out right now, oldest due first (KEY-DAILY-1)."""
    return (KeyLoan.objects.filter(project=project, status=LoanStatus.LENT)
            .select_related("key", "holder", "issued_by").order_by("due_at", "pk"))


def overdue_loans(*, project: Project, at: dt.datetime | None = None) -> QuerySet[KeyLoan]:
    return unreturned_loans(project=project).filter(due_at__lt=at or clock.now())


def keys_expected_on_hook(*, project: Project) -> int:
    return KeySet.objects.filter(project=project, status__in=KEY_ON_HOOK).count()


def emergency_paperwork_open(*, project: Project) -> QuerySet[KeyLoan]:
    """Emergency loans released before their approvals, still missing paperwork (KEY-LOAN-4)."""
    return (KeyLoan.objects.filter(project=project, is_emergency=True, paperwork_completed_at__isnull=True,
                                   approved_at__isnull=False)
            .exclude(status__in=[LoanStatus.REJECTED, LoanStatus.CANCELLED]).order_by("paperwork_due_at"))


def approvals_inbox(user: User) -> list[KeyLoan]:
    """Loans whose next step this user may decide, including emergency paperwork to complete."""
    from keys.services.loans import awaiting_paperwork, may_decide, next_step

    candidates = (loans_for(user).filter(Q(status=LoanStatus.PENDING)
                                         | Q(is_emergency=True, paperwork_completed_at__isnull=True,
                                             approved_at__isnull=False))
                  .exclude(applicant=user).exclude(status__in=[LoanStatus.REJECTED, LoanStatus.CANCELLED])
                  .select_related("key", "applicant__department", "project").prefetch_related("approvals")
                  .order_by("-is_emergency", "applied_at"))
    inbox = []
    for loan in candidates[:500]:
        found = next_step(loan)
        if found is None:
            continue
        if loan.status != LoanStatus.PENDING and not awaiting_paperwork(loan):
            continue
        if any(a.approver_id == user.pk and not a.is_emergency_release for a in loan.approvals.all()):
            continue
        if may_decide(user, loan, found[1]):
            inbox.append(loan)
    return inbox


def pending_extensions(*, project: Project) -> QuerySet[LoanExtension]:
    return LoanExtension.objects.filter(loan__project=project, status=RequestStatus.PENDING).select_related("loan__key")


def pending_transfers(*, project: Project) -> QuerySet[LoanTransfer]:
    return LoanTransfer.objects.filter(loan__project=project, status=RequestStatus.PENDING).select_related("loan__key")


def awaiting_checkout(*, key: KeySet) -> QuerySet[KeyLoan]:
    return key.loans.filter(status=LoanStatus.APPROVED).select_related("holder").order_by("approved_at")


def open_loan(*, key: KeySet) -> KeyLoan | None:
    return key.loans.filter(status=LoanStatus.LENT).select_related("holder").first()


def open_incidents(*, project: Project):
    from keys.models import LoanIncident
    from keys.states import FollowStatus

    return LoanIncident.objects.filter(loan__project=project, status=FollowStatus.OPEN).select_related(
        "loan__key", "responsible")


def open_faults(*, project: Project):
    from keys.models import KeyFault
    from keys.states import FollowStatus

    return KeyFault.objects.filter(key__project=project, status=FollowStatus.OPEN).select_related("key", "reported_by")
