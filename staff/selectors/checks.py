"""The daily checks read (STAFF-2): a day's checks, the days a staff member was not checked."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock, policies
from core.models import Project, User
from staff.models import DailyCheck
from staff.selectors.people import staff_of


def checks_on(*, project: Project, day: dt.date) -> QuerySet[DailyCheck]:
    return (DailyCheck.objects.filter(project=project, day=day).select_related("person", "checked_by")
            .order_by("person__full_name", "checked_at"))


def missed(*, project: Project, today: dt.date | None = None) -> list[dict]:
    """Past days (within the policy's lookback, today excluded) on which a staff member had no check — at least
    one a day is required (003 篇11 §4.1.1). Days before the person joined are not counted."""
    today = today or clock.today()
    days = int(policies.value("staff.daily_check.lookback_days", project))
    first = today - dt.timedelta(days=days)
    done = set(DailyCheck.objects.filter(project=project, day__gte=first, day__lt=today)
               .values_list("person_id", "day"))
    rows = []
    for person in staff_of(project):
        joined = clock.beijing(person.date_joined).date() if person.date_joined else first
        for n in range(days, 0, -1):
            day = today - dt.timedelta(days=n)
            if day >= joined and (person.pk, day) not in done:
                rows.append({"person": person, "day": day})
    return rows


def unchecked_today(*, project: Project, today: dt.date | None = None) -> list[User]:
    today = today or clock.today()
    done = set(DailyCheck.objects.filter(project=project, day=today).values_list("person_id", flat=True))
    return [p for p in staff_of(project) if p.pk not in done]
