"""Reads of the desk's daily registers (FRONT-1..4): today's visitors, mail held and uncollected, items held
for others, the latest close of the desk."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock, policies
from core.models import Project
from desk.models import (Deposit, DepositStatus, DeskClose, MailItem, MailStatus, Subscription, Visitor,
                         VisitorStatus)


def visitors_of_day(*, project: Project, day: dt.date | None = None) -> QuerySet[Visitor]:
    start, end = clock.day_bounds(day or clock.today())
    return (Visitor.objects.filter(project=project, arrived_at__gte=start, arrived_at__lte=end)
            .select_related("unit__building", "registered_by", "host_staff").order_by("-arrived_at", "-pk"))


def visitors_inside(*, project: Project) -> QuerySet[Visitor]:
    return Visitor.objects.filter(project=project, status=VisitorStatus.ADMITTED)


def mail_held(*, project: Project) -> QuerySet[MailItem]:
    return (MailItem.objects.filter(project=project, status=MailStatus.HELD)
            .select_related("unit__building", "received_by").order_by("received_at", "pk"))


def mail_uncollected(*, project: Project) -> QuerySet[MailItem]:
    """Held longer than the policy's days: derived from received_at, never flipped by a job."""
    days = int(policies.value("desk.mail.chase_after_days", project))
    return mail_held(project=project).filter(received_at__lt=clock.now() - dt.timedelta(days=days))


def current_subscriptions(*, project: Project) -> QuerySet[Subscription]:
    today = clock.today()
    return (Subscription.objects.filter(project=project, starts_on__lte=today, ends_on__gte=today)
            .select_related("resident", "unit__building"))


def deposits_held(*, project: Project) -> QuerySet[Deposit]:
    return (Deposit.objects.filter(project=project, status=DepositStatus.HELD)
            .select_related("unit__building").order_by("signed_in_at", "pk"))


def deposits_pending(*, project: Project) -> QuerySet[Deposit]:
    return Deposit.objects.filter(project=project, status=DepositStatus.PENDING)


def latest_close(*, project: Project) -> DeskClose | None:
    return (DeskClose.objects.filter(project=project).select_related("clerk", "next_clerk")
            .order_by("-closed_at", "-pk").first())
