"""The satisfaction rate month by month over the last twelve months, and per category (the service a question or
a matter is about) over the same window (SURVEY-1, SURVEY-2): what the statistics page draws. Survey answers and
the residents' own ratings of closed matters are kept apart — two series, never one figure."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from core import clock
from core.models import Project
from residents.models import Answer, MatterRating, QuestionKind
from residents.selectors.satisfaction import Rate
from residents.services.portal import satisfied_from

MONTHS = 12


@dataclass
class Month:
    start: dt.date
    survey: Rate = field(default_factory=lambda: Rate(""))
    online: Rate = field(default_factory=lambda: Rate(""))

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m}"


def month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The first day of each of the last `months` months, oldest first, ending with today's month."""
    year, month = today.year, today.month
    out = []
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def window(today: dt.date | None = None, months: int = MONTHS) -> tuple[dt.datetime, dt.datetime, list[dt.date]]:
    """[start, end) in Beijing time: from the first day of the oldest month to the first day of next month."""
    starts = month_starts(today or clock.today(), months)
    last = starts[-1]
    following = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return clock.at_beijing(starts[0], dt.time(0)), clock.at_beijing(following, dt.time(0)), starts


def _scored(project: Project, start, end):
    return Answer.objects.filter(response__campaign__project=project, response__answered_at__gte=start,
                                 response__answered_at__lt=end, score__isnull=False,
                                 question__kind__in=[QuestionKind.RATING, QuestionKind.YES_NO])


def _ratings(project: Project, start, end):
    return MatterRating.objects.filter(project=project, rated_at__gte=start, rated_at__lt=end)


def _month_key(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = clock.beijing(value) if value.tzinfo else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def by_month(project: Project, today: dt.date | None = None) -> list[Month]:
    """Each of the last twelve months: survey answers (rated or satisfied/not) answered in it, and the residents'
    own ratings given in it, each with how many were satisfied (a score at least `residents.satisfied_from`)."""
    start, end, starts = window(today)
    threshold = satisfied_from(project)
    months = {s: Month(s) for s in starts}
    for rows, field_name, attr in ((_scored(project, start, end), "response__answered_at", "survey"),
                                   (_ratings(project, start, end), "rated_at", "online")):
        counted = (rows.annotate(month=TruncMonth(field_name, tzinfo=clock.BEIJING)).values("month")
                   .annotate(n=Count("pk"), ok=Count("pk", filter=Q(score__gte=threshold))).order_by("month"))
        for row in counted:
            month = months.get(_month_key(row["month"]))
            if month is not None:
                rate = getattr(month, attr)
                rate.answered, rate.satisfied = row["n"], row["ok"]
    return [months[s] for s in starts]


def by_category(project: Project, today: dt.date | None = None) -> dict[str, list[Rate]]:
    """Per service over the last twelve months: survey answers by the question's service (its text when none is
    named) and the residents' own ratings by the kind of matter, each sorted by its words."""
    start, end, _starts = window(today)
    threshold = satisfied_from(project)
    survey: dict[str, Rate] = {}
    for row in (_scored(project, start, end).values("question__service", "question__text")
                .annotate(n=Count("pk"), ok=Count("pk", filter=Q(score__gte=threshold)))):
        label = row["question__service"] or row["question__text"][:40]
        rate = survey.setdefault(label, Rate(label))
        rate.answered += row["n"]
        rate.satisfied += row["ok"]
    online: dict[str, Rate] = {}
    for row in _ratings(project, start, end).values("service").annotate(
            n=Count("pk"), ok=Count("pk", filter=Q(score__gte=threshold))):
        online[row["service"]] = Rate(row["service"], row["n"], row["ok"])
    return {"survey": sorted(survey.values(), key=lambda r: r.label),
            "online": sorted(online.values(), key=lambda r: r.label)}
