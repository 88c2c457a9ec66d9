"""Demo data of the holidays area: the statutory calendar, one household under decoration in cuihu and the
preparation record of the next statutory holiday opened."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from duty.models import CalendarDay, DecorationHousehold, HolidayPrep
from duty.selectors import holidays as sel
from duty.services import holidays as svc
from duty.services.holidays_calendar import add_holiday_period, load_from_package, package_years

WITHIN_DAYS = 120


def build(world) -> None:
    """Add this area's demo records (idempotent), through the services."""
    load_from_package()
    project = next(p for p in world.projects if p.code == "cuihu")
    if not DecorationHousehold.objects.filter(project=project).exists():
        _household(world, project)
    if not HolidayPrep.objects.filter(project=project).exists():
        _open_next_prep(world, project)


def _household(world, project) -> None:
    unit = Unit.objects.filter(project=project).select_related("building").order_by(
        "building__code", "-floor", "number").first()
    if unit is None:
        return
    today = clock.today()
    svc.register_household(project=project, registered_by=world.users["kefu1"], unit=unit, contact_name="王先生",
                           contact_phone="13800138000", contractor="美家装饰工程有限公司",
                           starts=today - dt.timedelta(days=20), ends=today + dt.timedelta(days=70))

def _open_next_prep(world, project) -> None:
    """The front desk opens the preparation of the next statutory holiday (HOLIDAY-1).

    When the package does not cover next year yet, the site manager enters New Year's Day, 1 January — a
    statutory day off every year, whatever the State Council's arrangement adds around it (HOLIDAY-1)."""
    today = clock.today()

    def coming():
        return [p for p in sel.upcoming_holidays(project=project, today=today, within_days=WITHIN_DAYS)
                if p.start > today]

    periods = coming()
    new_year = dt.date(today.year + 1, 1, 1)
    if (not periods and (new_year - today).days <= WITHIN_DAYS and new_year.year not in package_years()
            and not CalendarDay.objects.filter(date=new_year).exists()):
        add_holiday_period(project=project, entered_by=world.users["jingli"], name="元旦", start=new_year,
                           end=new_year)
        periods = coming()
    if periods:
        svc.open_prep(project=project, opened_by=world.users["kefu1"], start=periods[0].start)
