"""The holiday calendar: loaded from the `chinesecalendar` package, extended by an administrator for the years
the package does not cover yet (HOLIDAY-1; the State Council publishes each year's arrangement in advance)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import has_role, require_member
from duty.models import CalendarDay, CalendarSource, DayKind

# The package names holidays in English; the desk and the notices use the Chinese names.
CHINESE_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
MAX_PERIOD_DAYS = 14


def package_years() -> list[int]:
    import chinese_calendar
    return sorted({d.year for d in chinese_calendar.holidays})


def chinese_name(english: str) -> str:
    return CHINESE_NAMES.get(english, english)


@audit.atomic()
def load_from_package(*, year: int | None = None) -> dict:
    """Write the package's holidays and make-up workdays as CalendarDay rows (idempotent). A day an
    administrator entered is left as it is: the administrator's word is the later one."""
    import chinese_calendar
    years = set(package_years())
    if year is not None and year not in years:
        raise DomainError(_("The calendar package does not cover %(year)s; enter it on the calendar page.")
                          % {"year": year}, code="year_not_covered", rule="HOLIDAY-1")
    wanted = {year} if year is not None else years
    existing = {row.date: row for row in CalendarDay.objects.select_for_update().filter(date__year__in=wanted)}
    now = clock.now()
    created = updated = 0
    days = [(d, DayKind.HOLIDAY, n) for d, n in chinese_calendar.holidays.items() if d.year in wanted]
    days += [(d, DayKind.MAKEUP_WORKDAY, n) for d, n in chinese_calendar.workdays.items() if d.year in wanted]
    new_rows = []
    for day, kind, english in days:
        name = chinese_name(english)
        row = existing.get(day)
        if row is None:
            new_rows.append(CalendarDay(date=day, kind=kind, name=name, source=CalendarSource.PACKAGE, created_at=now))
        elif row.source == CalendarSource.PACKAGE and (row.kind != kind or row.name != name):
            row.kind, row.name = kind, name
            row.save(update_fields=["kind", "name"])
            updated += 1
    CalendarDay.objects.bulk_create(new_rows)
    created = len(new_rows)
    if created or updated:
        audit.record(actor=None, action="duty.holidays.calendar_loaded", target=("duty.calendarday", "package"),
                     data={"years": sorted(wanted), "created": created, "updated": updated})
    return {"created": created, "updated": updated, "years": sorted(wanted)}


def may_edit_calendar(user: User, project: Project | None) -> bool:
    if user.is_superuser:
        return True
    if project is None:
        return False
    return has_role(user, project, *policies.value("duty.holidays.calendar_roles", project))


def _require_editor(user: User, project: Project) -> None:
    require_member(user, project)
    if not may_edit_calendar(user, project):
        raise NotAllowed(_("Only a system administrator or the site manager may change the holiday calendar."),
                         code="calendar_not_allowed", rule="HOLIDAY-1",
                         clause=policies.resolve("duty.holidays.calendar_roles", project).clause)


def _name(name: str) -> str:
    return limits.fit(CalendarDay, "name", name, required=True, rule="HOLIDAY-1", label=_("holiday"))


@audit.atomic()
def add_holiday_period(*, project: Project, entered_by: User, name: str, start: dt.date | None,
                       end: dt.date | None) -> list[CalendarDay]:
    """Enter a holiday's days off for a year the package does not cover (HOLIDAY-1). Every day from start to end
    becomes a holiday day; days already in the calendar are refused so nothing is silently overwritten."""
    _require_editor(entered_by, project)
    name = _name(name)
    if start is None or end is None or end < start or (end - start).days >= MAX_PERIOD_DAYS:
        raise DomainError(_("The holiday's dates are not valid."), code="invalid_period", rule="HOLIDAY-1")
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    taken = list(CalendarDay.objects.select_for_update().filter(date__in=days).values_list("date", flat=True))
    if taken:
        raise Conflict(_("These days are already in the calendar: %(days)s.")
                       % {"days": ", ".join(d.isoformat() for d in sorted(taken))},
                       code="day_taken", rule="HOLIDAY-1")
    now = clock.now()
    rows = CalendarDay.objects.bulk_create([CalendarDay(date=d, kind=DayKind.HOLIDAY, name=name,
                                                        source=CalendarSource.ADMIN, created_by=entered_by,
                                                        created_at=now) for d in days])
    audit.record(actor=entered_by, action="duty.holidays.period_added", target=("duty.calendarday", start),
                 project=project, data={"name": name, "start": start, "end": end})
    return rows


@audit.atomic()
def add_makeup_workday(*, project: Project, entered_by: User, name: str, day: dt.date | None) -> CalendarDay:
    """Enter a 调休 make-up workday (a Saturday or Sunday that is worked) (HOLIDAY-1)."""
    _require_editor(entered_by, project)
    name = _name(name)
    if day is None:
        raise DomainError(_("“%(field)s” is required.") % {"field": _("date")}, code="required", rule="HOLIDAY-1")
    if day.weekday() < 5:
        raise DomainError(_("A make-up workday is a Saturday or a Sunday."), code="not_weekend", rule="HOLIDAY-1")
    if CalendarDay.objects.select_for_update().filter(date=day).exists():
        raise Conflict(_("These days are already in the calendar: %(days)s.") % {"days": day.isoformat()},
                       code="day_taken", rule="HOLIDAY-1")
    row = CalendarDay.objects.create(date=day, kind=DayKind.MAKEUP_WORKDAY, name=name, source=CalendarSource.ADMIN,
                                     created_by=entered_by, created_at=clock.now())
    audit.record(actor=entered_by, action="duty.holidays.makeup_added", target=row, project=project,
                 data={"name": name, "day": day})
    return row


@audit.atomic()
def remove_admin_day(*, project: Project, removed_by: User, day: dt.date) -> None:
    """Take back a day an administrator entered by mistake; the package's days are not removable here."""
    _require_editor(removed_by, project)
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None or row.source != CalendarSource.ADMIN:
        raise Conflict(_("Only days entered by an administrator can be removed."), code="not_admin_day",
                       rule="HOLIDAY-1")
    audit.record(actor=removed_by, action="duty.holidays.day_removed", target=row, project=project,
                 data={"day": day, "kind": row.kind, "name": row.name})
    row.delete()
