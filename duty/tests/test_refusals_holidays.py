"""Holiday preparation and the holiday calendar refused, and nothing written (HOLIDAY-1, HOLIDAY-2)."""
import datetime as dt

import pytest

from core.errors import DomainError
from core.models import Unit
from duty.models import CalendarDay, DecorationCall, HolidayGuestParking, HolidayNotice, InspectionFinding
from duty.services import holidays as svc
from duty.services import holidays_calendar as cal
from duty.tests.holidays_helpers import (  # noqa: F401 (fixtures)
    NATIONAL_DAY,
    at,
    calendar_2026,
    household,
    national_day_prep,
    unit_of,
)

AFTER = NATIONAL_DAY + dt.timedelta(days=8)  # the day after National Day's last day off (10-07)


@pytest.mark.req("HOLIDAY-1")
def test_a_notice_for_a_holiday_that_is_over_is_refused(national_day_prep, users, travel, unchanged):
    travel(at(AFTER))
    with unchanged(national_day_prep), pytest.raises(DomainError) as refused:
        svc.record_notice(prep=national_day_prep, kind="safety", channel="bulletin", posted_by=users["kefu1"])
    assert refused.value.code == "holiday_over" and refused.value.status == 409
    assert not HolidayNotice.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_a_call_after_the_holiday_is_refused(national_day_prep, household, users, travel, unchanged):
    travel(at(AFTER))
    with unchanged(national_day_prep, household), pytest.raises(DomainError) as refused:
        svc.record_call(prep=national_day_prep, household=household, called_by=users["kefu1"], reached=True)
    assert refused.value.code == "holiday_over"
    assert not DecorationCall.objects.exists()


@pytest.mark.req("HOLIDAY-2")
def test_an_inspection_after_the_holiday_is_refused(national_day_prep, users, travel, unchanged):
    travel(at(AFTER))
    with unchanged(national_day_prep), pytest.raises(DomainError) as refused:
        svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"], summary="补录")
    assert refused.value.code == "holiday_over" and refused.value.rule == "HOLIDAY-2"


@pytest.mark.req("HOLIDAY-1")
def test_a_household_whose_decoration_ended_before_the_holiday_gets_no_call(national_day_prep, project, users,
                                                                              unchanged):
    done = svc.register_household(project=project, registered_by=users["kefu1"], unit=unit_of(project, "1202"),
                                  contact_name="钱业主", contact_phone="13800000000", starts=dt.date(2026, 8, 1),
                                  ends=dt.date(2026, 9, 15))
    with unchanged(national_day_prep, done), pytest.raises(DomainError) as refused:
        svc.record_call(prep=national_day_prep, household=done, called_by=users["kefu1"], reached=False)
    assert refused.value.code == "not_under_decoration"
    assert not DecorationCall.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_a_unit_of_another_project_is_not_found(national_day_prep, project, other_project, users, unchanged):
    theirs = Unit.objects.filter(project=other_project).first()
    with unchanged(), pytest.raises(DomainError) as refused:
        svc.register_household(project=project, registered_by=users["kefu1"], unit=theirs, contact_name="王",
                               contact_phone="13800000000", starts=dt.date(2026, 9, 1), ends=dt.date(2026, 12, 1))
    assert refused.value.code == "unit_not_found" and refused.value.status == 404
    with unchanged(national_day_prep), pytest.raises(DomainError) as refused:
        svc.register_guest_parking(prep=national_day_prep, registered_by=users["kefu1"], unit=theirs.pk,
                                   plate="粤B12345", guest="亲友", day=NATIONAL_DAY)
    assert refused.value.code == "unit_not_found"
    assert not HolidayGuestParking.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_guest_parking_on_a_day_outside_the_holiday_is_refused(national_day_prep, project, users, unchanged):
    with unchanged(national_day_prep), pytest.raises(DomainError) as refused:
        svc.register_guest_parking(prep=national_day_prep, registered_by=users["kefu1"], unit=unit_of(project),
                                   plate="粤B12345", guest="亲友", day=NATIONAL_DAY + dt.timedelta(days=7))
    assert refused.value.code == "invalid_day"
    assert not HolidayGuestParking.objects.exists()


@pytest.mark.req("HOLIDAY-2")
def test_a_hazard_is_fixed_once(national_day_prep, users, unchanged):
    inspection = svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"], findings=[
        {"place": "地下车库", "hazard": "消防通道堆物", "fix": "清理", "fixed": False}])
    finding = svc.fix_finding(finding=inspection.findings.get(), fixed_by=users["jingli"], fix="已清理")
    with unchanged(finding), pytest.raises(DomainError) as refused:
        svc.fix_finding(finding=finding, fixed_by=users["jingli"], fix="再清理")
    assert refused.value.code == "already_fixed"
    assert InspectionFinding.objects.get().fix == "已清理"


# --- the calendar -------------------------------------------------------------------------------------------

@pytest.mark.req("HOLIDAY-1")
def test_a_year_the_package_does_not_cover_is_refused(db, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        cal.load_from_package(year=2099)
    assert refused.value.code == "year_not_covered"
    assert not CalendarDay.objects.filter(date__year=2099).exists()


@pytest.mark.req("HOLIDAY-1")
def test_a_day_from_the_package_cannot_be_removed_by_hand(calendar_2026, project, users, unchanged):
    day = CalendarDay.objects.get(date=NATIONAL_DAY)
    with unchanged(day), pytest.raises(DomainError) as refused:
        cal.remove_admin_day(project=project, removed_by=users["jingli"], day=NATIONAL_DAY)
    assert refused.value.code == "not_admin_day"
    with unchanged(), pytest.raises(DomainError) as refused:
        cal.remove_admin_day(project=project, removed_by=users["jingli"], day=dt.date(2099, 1, 1))
    assert refused.value.code == "not_admin_day"


@pytest.mark.req("HOLIDAY-1")
@pytest.mark.parametrize("path, query", [("periods", {"start": "2026-02-30", "end": "2026-03-01"}),
                                         ("periods", {"start": "2026-01-01"}),
                                         ("workday", {"date": "next friday"})])
def test_the_calendar_api_refuses_a_date_that_is_not_one(calendar_2026, api_as, users, unchanged, path, query):
    with unchanged():
        response = api_as(users["kefu1"]).get(f"/api/duty/holidays/calendar/{path}/", query)
    assert response.status_code == 400 and response.json()["code"] == "invalid_date"


@pytest.mark.req("HOLIDAY-2", "CORE-5")
def test_fixing_a_hazard_is_on_the_record(national_day_prep, users, audited):
    inspection = svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"], findings=[
        {"place": "配电房", "hazard": "门未上锁", "fix": "", "fixed": False}])
    finding = svc.fix_finding(finding=inspection.findings.get(), fixed_by=users["jingli"], fix="已加锁")
    event = audited("duty.holidays.finding_fixed", finding)
    assert event.actor_id == users["jingli"].pk and event.data == {"fix": "已加锁"}
