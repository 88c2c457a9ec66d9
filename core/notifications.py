"""Telling people what needs them: overdue keys, paperwork to complete, approvals waiting."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from core import clock
from core.models import Notification, Project, User


def notify(*, project: Project, recipient: User, kind: str, title: str, dedupe_key: str, link: str = "") -> bool:
    """Queue one notification; returns False when the same one was already queued (never sent twice)."""
    try:
        with transaction.atomic():
            Notification.objects.create(project=project, recipient=recipient, kind=kind, title=title[:200],
                                        link=link[:300], dedupe_key=dedupe_key[:200], created_at=clock.now())
    except IntegrityError:
        return False
    return True


def unread_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = unread_for(user)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=clock.now())


def undelivered() -> QuerySet[Notification]:
    """The outbox for external channels."""
    return Notification.objects.filter(delivered_at__isnull=True).order_by("pk")


def notify_each(*, project: Project, people, kind: str, title: str, dedupe_key: str, link: str = "") -> int:
    """Queue the same notification for several people; returns how many were new (each once per key)."""
    return sum(notify(project=project, recipient=person, kind=kind, title=title, link=link,
                      dedupe_key=f"{dedupe_key}:{person.pk}") for person in people)
