"""Telling people what needs them: overdue keys, paperwork to complete, approvals waiting.

Each notification may name its subject — the record it is about ("keys.loan:7") — so that the service
which does the task can resolve() every note about it: a resolved note no longer counts as unread or open."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import clock
from core.errors import NotFound
from core.models import Notification, Project, User

# The rooms a notification's kind starts with ("keys.overdue" → keys), named in words on the pages.
ROOMS = {"keys": pgettext_lazy("notification room", "Key room"),
         "duty": pgettext_lazy("notification room", "Duty desk"),
         "desk": pgettext_lazy("notification room", "Front desk"),
         "archives": pgettext_lazy("notification room", "Archive room")}
STATES = ("unread", "open", "resolved", "all")


def notify(*, project: Project, recipient: User, kind: str, title: str, dedupe_key: str, link: str = "",
           subject: str = "") -> bool:
    """Queue one notification; returns False when the same one was already queued (never sent twice).

    One statement, no savepoint: the insert stands aside on a dedupe key already queued (ON CONFLICT DO NOTHING,
    PostgreSQL and SQLite alike) and answers whether it wrote a row."""
    values = [getattr(project, "pk", project), getattr(recipient, "pk", recipient), kind, subject[:100], title[:200],
              link[:300], dedupe_key[:200], connection.ops.adapt_datetimefield_value(clock.now())]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, values)
        return cursor.fetchone() is not None


_INSERT = (f"INSERT INTO {Notification._meta.db_table} (project_id, recipient_id, kind, subject, title, link, "
           "dedupe_key, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (dedupe_key) DO NOTHING "
           "RETURNING id")


def resolve(*, subject: str, kinds: Iterable[str] | None = None) -> int:
    """The task is done: stamp every open notification about `subject` (only `kinds`, if given) as resolved."""
    if not subject:
        return 0
    # Plain SQL: every finished task runs this, and the ORM's compiling of it cost more than the statement.
    sql = f"UPDATE {Notification._meta.db_table} SET resolved_at = %s WHERE subject = %s AND resolved_at IS NULL"
    params = [connection.ops.adapt_datetimefield_value(clock.now()), subject]
    if kinds is not None:
        kinds = list(kinds)
        if not kinds:
            return 0
        sql += f" AND kind IN ({', '.join(['%s'] * len(kinds))})"
        params += kinds
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def unread_for(user: User) -> QuerySet[Notification]:
    """Neither read nor resolved: what still asks for the user's attention."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True, resolved_at__isnull=True)


def unread_count(user: User) -> int:
    return unread_for(user).count()


def for_user(user: User, *, state: str = "all", room: str = "", project: int | None = None) -> QuerySet[Notification]:
    """The user's own notifications, newest first, filtered by state, room (kind prefix) and project."""
    qs = Notification.objects.filter(recipient=user)
    if state == "unread":
        qs = qs.filter(read_at__isnull=True, resolved_at__isnull=True)
    elif state == "open":
        qs = qs.filter(resolved_at__isnull=True)
    elif state == "resolved":
        qs = qs.filter(resolved_at__isnull=False)
    if room in ROOMS:
        qs = qs.filter(kind__startswith=f"{room}.")
    if project is not None:
        qs = qs.filter(project_id=project)
    return qs.select_related("project").order_by("-created_at", "-pk")


def room_of(notification: Notification) -> str:
    room = notification.kind.split(".", 1)[0]
    return room if room in ROOMS else ""


def state_of(notification: Notification) -> str:
    if notification.resolved_at is not None:
        return "resolved"
    return "open" if notification.read_at is not None else "unread"


def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read: exactly `ids`, or, with ids=None, every unread one.

    An id that is not one of the user's own notifications refuses the whole request (NotFound) and
    nothing is marked; ids already read or resolved are left as they are."""
    qs = unread_for(user)
    if ids is not None:
        wanted = set(ids)
        if Notification.objects.filter(recipient=user, pk__in=wanted).count() != len(wanted):
            raise NotFound(_("No such notification."), code="not_found")
        qs = qs.filter(pk__in=wanted)
    return qs.update(read_at=clock.now())


def safe_link(link: str) -> str:
    """The notification's link if it is a path on this site ("/keys/loans/7/"), else "" (never an open redirect)."""
    if not link.startswith("/") or link.startswith("//") or "\\" in link or any(c in link for c in "\r\n\t"):
        return ""
    return link if url_has_allowed_host_and_scheme(link, allowed_hosts=None) else ""


def undelivered() -> QuerySet[Notification]:
    """The outbox for external channels."""
    return Notification.objects.filter(delivered_at__isnull=True).order_by("pk")


def notify_each(*, project: Project, people, kind: str, title: str, dedupe_key: str, link: str = "",
                subject: str = "") -> int:
    """Queue the same notification for several people; returns how many were new (each once per key)."""
    return sum(notify(project=project, recipient=person, kind=kind, title=title, link=link, subject=subject,
                      dedupe_key=f"{dedupe_key}:{person.pk}") for person in people)
