"""Training records read (STAFF-1): sessions, a person's record, who is due."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock, policies
from core.models import Project, User
from staff.models import Attendance, DiaryEntry, Induction, TrainingSession
from staff.selectors.people import staff_of
from staff.states import InductionStatus, TrainingKind


def sessions(*, project: Project) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(project=project).select_related("recorded_by").order_by("-held_on", "-pk")


def record_of(*, project: Project, person: User) -> QuerySet[Attendance]:
    return (Attendance.objects.filter(session__project=project, person=person).select_related("session")
            .order_by("-session__held_on", "-pk"))


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def due(*, project: Project, today: dt.date | None = None) -> list[dict]:
    """Each staff member and each kind of periodic training they have not completed within its period: never
    attended, or attended too long ago, or the last test failed."""
    today = today or clock.today()
    refresh = policies.value("staff.training.refresh_months", project)
    people = staff_of(project)
    rows = []
    for kind, months in refresh.items():
        since = months_before(today, int(months))
        done = set(Attendance.objects.filter(session__project=project, session__kind=kind, attended=True,
                                             session__held_on__gt=since, person__in=people)
                   .exclude(passed=False).values_list("person_id", flat=True))
        for person in people:
            if person.pk not in done:
                last = (Attendance.objects.filter(session__project=project, session__kind=kind, person=person,
                                                  attended=True).order_by("-session__held_on")
                        .values_list("session__held_on", flat=True).first())
                rows.append({"person": person, "kind": kind, "kind_label": TrainingKind(kind).label, "last": last})
    return rows


def inductions(*, project: Project) -> QuerySet[Induction]:
    return Induction.objects.filter(project=project).select_related("person", "mentor").order_by("-starts", "-pk")


def unread_diary(*, project: Project, mentor: User | None = None) -> QuerySet[DiaryEntry]:
    qs = DiaryEntry.objects.filter(induction__project=project, induction__status=InductionStatus.ACTIVE,
                                   read_at__isnull=True).select_related("induction__person", "induction__mentor")
    return qs.filter(induction__mentor=mentor) if mentor is not None else qs
