"""The holiday calendar: loaded from the package, extended by an administrator, read by the selectors."""
import datetime as dt

import chinese_calendar
import pytest
from django.core.management import call_command

from core.errors import DomainError
from duty.models import CalendarDay, CalendarSource, DayKind
from duty.selectors import holidays as sel
from duty.services import holidays_calendar as cal
from duty.tests.holidays_helpers import calendar_2026  # noqa: F401


@pytest.mark.req("HOLIDAY-1")
def test_a_makeup_saturday_is_a_workday_and_holidays_are_not(calendar_2026):
    # Verified against the package itself: 2026-02-14 is a Saturday worked in lieu of the Spring Festival.
    saturday = dt.date(2026, 2, 14)
    assert saturday.weekday() == 5 and chinese_calendar.is_workday(saturday)
    assert sel.is_workday(saturday) is True
    assert CalendarDay.objects.get(date=saturday).kind == DayKind.MAKEUP_WORKDAY
    assert sel.is_workday(dt.date(2026, 2, 17)) is False
    assert CalendarDay.objects.get(date=dt.date(2026, 2, 17)).name == "春节"
    assert sel.is_workday(dt.date(2026, 3, 7)) is False  # an ordinary Saturday
    assert sel.is_workday(dt.date(2026, 3, 9)) is True


@pytest.mark.req("HOLIDAY-1")
def test_holiday_periods_join_weekends_and_stop_at_makeup_workdays(calendar_2026):
    periods = sel.upcoming_holidays(today=dt.date(2026, 9, 15), within_days=30)
    national = [p for p in periods if p.name == "国庆节"]
    assert len(national) == 1
    assert (national[0].start, national[0].end, national[0].days) == (dt.date(2026, 10, 1), dt.date(2026, 10, 7), 7)
    assert dt.date(2026, 10, 10) in national[0].makeup_days
    mid_autumn = next(p for p in periods if p.name == "中秋节")
    assert (mid_autumn.start, mid_autumn.end, mid_autumn.days) == (dt.date(2026, 9, 25), dt.date(2026, 9, 27), 3)
    dragon = sel.upcoming_holidays(today=dt.date(2026, 6, 1), within_days=30)
    assert [(p.name, p.start, p.days) for p in dragon] == [("端午节", dt.date(2026, 6, 19), 3)]


@pytest.mark.req("HOLIDAY-1")
def test_loading_is_idempotent_and_leaves_administrator_days_alone(db, project, users):
    first = cal.load_from_package(year=2026)
    assert first["created"] > 30
    again = cal.load_from_package(year=2026)
    assert again == {"created": 0, "updated": 0, "years": [2026]}
    row = CalendarDay.objects.get(date=dt.date(2026, 10, 1))
    row.source, row.name = CalendarSource.ADMIN, "国庆"
    row.save()
    cal.load_from_package(year=2026)
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 1)).name == "国庆"


@pytest.mark.req("HOLIDAY-1")
def test_the_command_loads_a_year_and_refuses_a_year_beyond_the_package(db):
    call_command("load_holidays", "--year", "2026")
    count = CalendarDay.objects.count()
    call_command("load_holidays", "--year", "2026")
    assert CalendarDay.objects.count() == count > 0
    from django.core.management.base import CommandError
    with pytest.raises(CommandError):
        call_command("load_holidays", "--year", "2099")
    assert CalendarDay.objects.count() == count


@pytest.mark.req("HOLIDAY-1")
def test_a_2027_period_entered_by_the_site_manager_is_seen_by_the_selectors(project, users):
    assert 2027 not in cal.package_years()
    cal.add_holiday_period(project=project, entered_by=users["jingli"], name="春节",
                           start=dt.date(2027, 2, 6), end=dt.date(2027, 2, 12))
    cal.add_makeup_workday(project=project, entered_by=users["jingli"], name="春节", day=dt.date(2027, 2, 20))
    periods = sel.upcoming_holidays(today=dt.date(2027, 1, 20), within_days=30)
    assert [(p.name, p.start, p.end, p.days) for p in periods] == [("春节", dt.date(2027, 2, 6), dt.date(2027, 2, 14), 9)]
    assert sel.is_workday(dt.date(2027, 2, 8)) is False
    assert sel.is_workday(dt.date(2027, 2, 20)) is True  # a Saturday worked
    assert sel.is_workday(dt.date(2027, 2, 27)) is False  # an ordinary Saturday


@pytest.mark.req("HOLIDAY-1")
def test_a_clerk_may_not_change_the_calendar_and_nothing_is_written(project, users):
    with pytest.raises(DomainError) as refused:
        cal.add_holiday_period(project=project, entered_by=users["kefu1"], name="春节",
                               start=dt.date(2027, 2, 6), end=dt.date(2027, 2, 12))
    assert refused.value.code == "calendar_not_allowed" and refused.value.rule == "HOLIDAY-1"
    assert not CalendarDay.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_a_day_already_in_the_calendar_is_not_overwritten(calendar_2026, project, users):
    before = CalendarDay.objects.count()
    with pytest.raises(DomainError) as refused:
        cal.add_holiday_period(project=project, entered_by=users["admin"], name="X",
                               start=dt.date(2026, 9, 30), end=dt.date(2026, 10, 2))
    assert refused.value.code == "day_taken"
    with pytest.raises(DomainError) as weekday:
        cal.add_makeup_workday(project=project, entered_by=users["admin"], name="X", day=dt.date(2027, 3, 3))
    assert weekday.value.code == "not_weekend"
    assert CalendarDay.objects.count() == before


def test_the_roster_reads_the_calendar_through_its_adapter(calendar_2026, project, travel):
    from duty.services.roster_holidays import upcoming_holidays
    from duty.tests.holidays_helpers import at
    travel(at(dt.date(2026, 9, 10)))
    names = [h["name"] for h in upcoming_holidays(project)]
    assert "国庆节" in names and "中秋节" in names
