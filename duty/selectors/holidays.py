"""Reads of the holiday calendar and of holiday preparations (HOLIDAY-1, HOLIDAY-2).

The calendar lives in CalendarDay (loaded from the `chinesecalendar` package, extended by an administrator for
years the package does not cover). Holiday periods are derived, never stored: contiguous days off (holiday days
joined with adjacent weekends, minus make-up workdays) that contain at least one holiday day."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from core import clock, handoffs, policies
from duty.models import CalendarDay, DayKind, DecorationHousehold, HolidayInspection, HolidayPrep

ONE = dt.timedelta(days=1)
# A holiday period is never longer than this; it bounds the walk outwards from a holiday day.
MAX_PERIOD_DAYS = 20


@dataclass(frozen=True)
class HolidayPeriod:
    name: str
    start: dt.date
    end: dt.date
    days: int
    holiday_days: tuple[dt.date, ...] = field(default=(), compare=False)
    makeup_days: tuple[dt.date, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return self.start.isoformat()


def _package_answer(day: dt.date) -> bool | None:
    """The package's answer for a year it covers that nobody has loaded yet; None beyond its coverage."""
    try:
        import chinese_calendar
        return bool(chinese_calendar.is_workday(day))
    except (NotImplementedError, ImportError):
        return None


def _calendar(start: dt.date, end: dt.date) -> dict[dt.date, CalendarDay]:
    return {row.date: row for row in CalendarDay.objects.filter(date__gte=start, date__lte=end)}


def _is_off(day: dt.date, rows: dict[dt.date, CalendarDay]) -> bool:
    row = rows.get(day)
    if row is not None:
        return row.kind == DayKind.HOLIDAY
    return day.weekday() >= 5


def is_workday(day: dt.date) -> bool:
    """Whether people work on this day: a 调休 make-up Saturday/Sunday is a workday, a holiday is not."""
    row = CalendarDay.objects.filter(date=day).only("kind").first()
    if row is not None:
        return row.kind == DayKind.MAKEUP_WORKDAY
    if not CalendarDay.objects.filter(date__year=day.year).exists():
        answer = _package_answer(day)
        if answer is not None:
            return answer
    return day.weekday() < 5


def is_holiday(day: dt.date) -> bool:
    return not is_workday(day)


def periods_between(start: dt.date, end: dt.date) -> list[HolidayPeriod]:
    """Every holiday period that overlaps [start, end]."""
    pad = dt.timedelta(days=MAX_PERIOD_DAYS)
    rows = _calendar(start - pad, end + pad)
    holidays = sorted(d for d, r in rows.items() if r.kind == DayKind.HOLIDAY and start - pad <= d <= end + pad)
    out: list[HolidayPeriod] = []
    seen: set[dt.date] = set()
    for day in holidays:
        if day in seen:
            continue
        first = day
        while _is_off(first - ONE, rows) and (day - first).days < MAX_PERIOD_DAYS:
            first -= ONE
        last = day
        while _is_off(last + ONE, rows) and (last - day).days < MAX_PERIOD_DAYS:
            last += ONE
        span = [first + ONE * n for n in range((last - first).days + 1)]
        seen.update(span)
        if last < start or first > end:
            continue
        in_period = [rows[d] for d in span if d in rows and rows[d].kind == DayKind.HOLIDAY]
        name = Counter(r.name for r in in_period).most_common(1)[0][0]
        makeups = tuple(d for d, r in rows.items() if r.kind == DayKind.MAKEUP_WORKDAY and r.name == name
                        and abs((d - first).days) <= MAX_PERIOD_DAYS)
        out.append(HolidayPeriod(name=name, start=first, end=last, days=len(span),
                                 holiday_days=tuple(r.date for r in in_period), makeup_days=tuple(sorted(makeups))))
    return out


def upcoming_holidays(*, project=None, today: dt.date | None = None, within_days: int = 60) -> list[HolidayPeriod]:
    """Holiday periods not yet over that start within `within_days` (the current one included)."""
    today = today or clock.today()
    return periods_between(today, today + dt.timedelta(days=within_days))


def period_starting(start: dt.date) -> HolidayPeriod | None:
    for period in periods_between(start, start):
        if period.start == start:
            return period
    return None


def notice_days_ahead(*, project, name: str, days: int) -> int:
    """Notices go up 3 days ahead of a one-day statutory holiday and 4 days ahead of a three-day one (春节,
    国庆节) (003 篇7 §3.1); a policy may instead class a holiday as long by its days off."""
    long_names = [n.strip() for n in policies.value("duty.holidays.long_notice_holidays", project)]
    by_days = int(policies.value("duty.holidays.long_holiday_days_off", project) or 0)
    is_long = name.strip() in long_names or (by_days > 0 and days >= by_days)
    key = "duty.holidays.notice_days_long" if is_long else "duty.holidays.notice_days_short"
    return int(policies.value(key, project))


def notice_due(*, project, name: str, start: dt.date, days: int) -> dt.date:
    return start - dt.timedelta(days=notice_days_ahead(project=project, name=name, days=days))


def call_due(*, project, start: dt.date) -> dt.date:
    return start - dt.timedelta(days=int(policies.value("duty.holidays.call_days_ahead", project)))


def needs_inspection(*, project, days: int) -> bool:
    return days >= int(policies.value("duty.holidays.inspection_min_days", project))


def _copy_site_office_households(project, start: dt.date, end: dt.date) -> set[str] | None:
    """Where the site office provides the households under decoration (from its permits), copy them into the
    register (idempotent, keyed by the permit's record), so that each call has its household row. Households typed
    in by hand stay in the register alongside: a site not using the site office keeps working as before."""
    if not handoffs.households_under_decoration.provided:
        return None
    current = set()
    for h in handoffs.households_under_decoration(project, start, end):
        current.add(h.source)
        fields = {"unit": h.unit, "contact_name": h.contact_name[:100], "contact_phone": h.contact_phone[:30],
                  "contractor": h.contractor[:100], "starts": h.starts, "ends": h.ends}
        row, made = DecorationHousehold.objects.get_or_create(
            project=project, source=h.source,
            defaults={**fields, "created_by": h.registered_by, "created_at": clock.now()})
        if not made and any(getattr(row, name) != value for name, value in fields.items()):
            DecorationHousehold.objects.filter(pk=row.pk).update(**fields)
    return current


def households_under_decoration(*, project, start: dt.date, end: dt.date | None = None):
    """Households whose decoration period overlaps the holiday (or the given day): the site office's (copied in
    first) and those typed in by hand."""
    end = end or start
    current = _copy_site_office_households(project, start, end)
    rows = DecorationHousehold.objects.filter(project=project, starts__lte=end, ends__gte=start)
    if current is not None:  # a permit accepted or closed since it was copied is no longer under decoration
        rows = rows.filter(Q(source="") | Q(source__in=current))
    return (rows
            .select_related("unit", "unit__building").order_by("unit__building__code", "unit__floor", "unit__number"))


def preps(*, project):
    return HolidayPrep.objects.filter(project=project).select_related("created_by").order_by("-start")


def checklist(prep: HolidayPrep, *, today: dt.date | None = None) -> dict:
    """Everything the desk owes before this holiday, with what is done, what is late and what is missing."""
    from duty.models import NoticeChannel, NoticeKind
    today = today or clock.today()
    project = prep.project
    due = notice_due(project=project, name=prep.holiday_name, start=prep.start, days=prep.days)
    posted = {(n.kind, n.channel): n for n in prep.notices.select_related("posted_by")}
    notices = []
    for kind, kind_label in NoticeKind.choices:
        for channel, channel_label in NoticeChannel.choices:
            n = posted.get((kind, channel))
            notices.append({"kind": kind, "kind_label": kind_label, "channel": channel,
                            "channel_label": channel_label, "notice": n, "due": due,
                            "overdue": n is None and today > due})
    calls_by_household: dict[int, list] = {}
    for call in prep.calls.select_related("called_by").order_by("called_at"):
        calls_by_household.setdefault(call.household_id, []).append(call)
    cdue = call_due(project=project, start=prep.start)
    households = []
    for h in households_under_decoration(project=project, start=prep.start, end=prep.end):
        calls = calls_by_household.get(h.pk, [])
        households.append({"household": h, "calls": calls, "reached": any(c.reached for c in calls),
                           "overdue": not calls and today > cdue})
    inspection = HolidayInspection.objects.filter(prep=prep).prefetch_related("findings").first()
    need = needs_inspection(project=project, days=prep.days)
    return {
        "notice_due": due, "notices": notices, "call_due": cdue, "households": households,
        "quiet_deadline": prep.start - ONE, "inspection_needed": need, "inspection": inspection,
        "inspection_overdue": need and inspection is None and today >= prep.start,
        "quiet_requests": list(prep.quiet_requests.select_related("unit", "unit__building", "received_by")),
        "parkings": list(prep.parkings.select_related("unit", "unit__building", "registered_by")),
    }


def uninspected_preps(*, project, today: dt.date | None = None):
    """Preparations of long holidays already begun with no safety inspection: flagged (HOLIDAY-2)."""
    today = today or clock.today()
    min_days = int(policies.value("duty.holidays.inspection_min_days", project))
    return preps(project=project).filter(days__gte=min_days, start__lte=today, inspection__isnull=True)
