"""Preparing for a holiday: notices, calls, noise-free work requests, guest parking (HOLIDAY-1) and the safety
inspection before a long break (HOLIDAY-2)."""
import datetime as dt

import pytest

from core.errors import DomainError
from core.models import AuditEvent, Notification
from duty.models import DecorationCall, HolidayGuestParking, HolidayInspection, HolidayNotice, QuietWorkRequest
from duty.selectors import holidays as sel
from duty.services import holidays as svc
from duty.tests.holidays_helpers import (  # noqa: F401
    DRAGON_BOAT,
    NATIONAL_DAY,
    at,
    calendar_2026,
    household,
    national_day_prep,
    unit_of,
)

DAY = dt.timedelta(days=1)


@pytest.mark.req("HOLIDAY-1")
def test_notices_are_due_four_days_before_national_day_and_three_before_dragon_boat(calendar_2026, project, users,
                                                                                   travel):
    travel(at(dt.date(2026, 6, 1)))
    dragon = svc.open_prep(project=project, opened_by=users["kefu1"], start=DRAGON_BOAT)
    assert (dragon.holiday_name, dragon.days) == ("端午节", 3)
    assert sel.checklist(dragon)["notice_due"] == DRAGON_BOAT - 3 * DAY
    national = svc.open_prep(project=project, opened_by=users["kefu1"], start=NATIONAL_DAY)
    assert sel.checklist(national)["notice_due"] == NATIONAL_DAY - 4 * DAY


@pytest.mark.req("HOLIDAY-1")
def test_a_notice_posted_on_time_is_not_late_and_one_posted_after_the_due_day_is_flagged(national_day_prep, users,
                                                                                       travel):
    travel(at(NATIONAL_DAY - 4 * DAY, 16))
    on_time = svc.record_notice(prep=national_day_prep, kind="decoration_stop", channel="bulletin",
                                posted_by=users["kefu1"])
    assert on_time.late is False and on_time.due == NATIONAL_DAY - 4 * DAY
    travel(at(NATIONAL_DAY - 3 * DAY, 9))
    late = svc.record_notice(prep=national_day_prep, kind="decoration_stop", channel="wechat_group",
                             posted_by=users["kefu1"])
    assert late.late is True and late.posted_at == at(NATIONAL_DAY - 3 * DAY, 9)
    with pytest.raises(DomainError) as twice:
        svc.record_notice(prep=national_day_prep, kind="decoration_stop", channel="bulletin", posted_by=users["kefu2"])
    assert twice.value.code == "notice_already_posted"
    assert HolidayNotice.objects.filter(prep=national_day_prep).count() == 2
    checklist = sel.checklist(national_day_prep, today=NATIONAL_DAY - 3 * DAY)
    missing = [n for n in checklist["notices"] if n["overdue"]]
    assert len(missing) == 4  # subscription account for decoration; all three for safety


@pytest.mark.req("HOLIDAY-1")
def test_every_call_to_a_household_under_decoration_is_recorded_with_server_time_and_caller(
        national_day_prep, household, users, travel):
    travel(at(NATIONAL_DAY - 5 * DAY, 11, 5))
    missed = svc.record_call(prep=national_day_prep, household=household, called_by=users["kefu1"], reached=False,
                             note="无人接听")
    travel(at(NATIONAL_DAY - 2 * DAY, 9))
    reached = svc.record_call(prep=national_day_prep, household=household, called_by=users["kefu2"], reached=True,
                              note="已告知停工")
    assert (missed.called_at, missed.called_by, missed.reached, missed.late) == (
        at(NATIONAL_DAY - 5 * DAY, 11, 5), users["kefu1"], False, False)
    assert reached.late is True and reached.called_by == users["kefu2"]
    row = sel.checklist(national_day_prep)["households"][0]
    assert row["reached"] is True and len(row["calls"]) == 2
    assert AuditEvent.objects.filter(action="duty.holidays.call_recorded").count() == 2


@pytest.mark.req("HOLIDAY-1")
def test_a_household_not_called_by_three_days_before_is_overdue(national_day_prep, household):
    assert sel.checklist(national_day_prep, today=NATIONAL_DAY - 3 * DAY)["households"][0]["overdue"] is False
    assert sel.checklist(national_day_prep, today=NATIONAL_DAY - 2 * DAY)["households"][0]["overdue"] is True


@pytest.mark.req("HOLIDAY-1")
def test_a_noise_free_work_request_is_accepted_the_day_before_and_handed_to_order_maintenance(
        national_day_prep, project, users, django_capture_on_commit_callbacks, travel):
    travel(at(NATIONAL_DAY - DAY, 17))
    with django_capture_on_commit_callbacks(execute=True):
        request = svc.receive_quiet_request(prep=national_day_prep, received_by=users["kefu1"],
                                            unit=unit_of(project), applicant="王业主", work="安装窗帘",
                                            work_from=NATIONAL_DAY + DAY, work_to=NATIONAL_DAY + 2 * DAY)
    assert request.handed_to == "order"
    told = Notification.objects.filter(kind="duty.holidays.quiet_request", project=project)
    assert told.filter(recipient=users["baz"]).exists() and not told.filter(recipient=users["kefu2"]).exists()


@pytest.mark.req("HOLIDAY-1")
def test_a_noise_free_work_request_on_the_first_day_off_is_refused_by_rule(national_day_prep, project, users,
                                                                           travel):
    travel(at(NATIONAL_DAY, 9))
    with pytest.raises(DomainError) as refused:
        svc.receive_quiet_request(prep=national_day_prep, received_by=users["kefu1"], unit=unit_of(project),
                                  applicant="王业主", work="安装窗帘", work_from=NATIONAL_DAY + DAY,
                                  work_to=NATIONAL_DAY + DAY)
    assert refused.value.code == "quiet_request_too_late" and refused.value.rule == "HOLIDAY-1"
    assert "003 篇7 §3.2" in refused.value.clause
    assert not QuietWorkRequest.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_guest_parking_is_registered_in_advance_and_refused_once_the_holiday_started(national_day_prep, project,
                                                                                     users, travel):
    travel(at(NATIONAL_DAY - DAY, 20))
    parking = svc.register_guest_parking(prep=national_day_prep, registered_by=users["kefu1"],
                                         unit=unit_of(project), plate="粤b12345", guest="李先生", day=NATIONAL_DAY)
    assert parking.plate == "粤B12345"
    travel(at(NATIONAL_DAY, 8))
    with pytest.raises(DomainError) as refused:
        svc.register_guest_parking(prep=national_day_prep, registered_by=users["kefu1"], unit=unit_of(project),
                                   plate="粤B99999", guest="张先生", day=NATIONAL_DAY + DAY)
    assert refused.value.code == "holiday_started" and refused.value.rule == "HOLIDAY-1"
    assert HolidayGuestParking.objects.count() == 1


@pytest.mark.req("HOLIDAY-1")
def test_a_security_guard_may_not_record_preparations(national_day_prep, household, users, travel):
    with pytest.raises(DomainError) as refused:
        svc.record_call(prep=national_day_prep, household=household, called_by=users["baoan1"], reached=True)
    assert refused.value.code == "role_not_allowed"
    assert not DecorationCall.objects.exists()


@pytest.mark.req("HOLIDAY-1")
def test_opening_a_preparation_twice_gives_the_same_record(national_day_prep, project, users):
    again = svc.open_prep(project=project, opened_by=users["kefu2"], start=NATIONAL_DAY)
    assert again.pk == national_day_prep.pk
    with pytest.raises(DomainError) as none:
        svc.open_prep(project=project, opened_by=users["kefu2"], start=dt.date(2026, 8, 3))
    assert none.value.code == "no_such_holiday"


@pytest.mark.req("HOLIDAY-2")
def test_a_long_holiday_needs_an_inspection_by_the_site_manager_with_hazards_and_fixes(national_day_prep, users,
                                                                                      travel):
    assert sel.checklist(national_day_prep)["inspection_needed"] is True
    with pytest.raises(DomainError) as clerk:
        svc.record_inspection(prep=national_day_prep, organised_by=users["kefu1"], summary="x")
    assert clerk.value.code == "role_not_allowed" and clerk.value.rule == "HOLIDAY-2"
    assert not HolidayInspection.objects.exists()
    travel(at(NATIONAL_DAY - 2 * DAY))
    inspection = svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"], participants="工程、保安",
                                       findings=[{"place": "地下车库", "hazard": "消防通道堆物", "fix": "已清理",
                                                  "fixed": True},
                                                 {"place": "2栋", "hazard": "应急灯不亮", "fix": "更换电池"}])
    assert inspection.late is False and inspection.findings.count() == 2
    finding = inspection.findings.get(fixed=False)
    svc.fix_finding(finding=finding, fixed_by=users["jingli"])
    finding.refresh_from_db()
    assert finding.fixed is True
    with pytest.raises(DomainError) as twice:
        svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"])
    assert twice.value.code == "inspection_already_recorded"


@pytest.mark.req("HOLIDAY-2")
def test_a_long_holiday_without_inspection_before_the_first_day_off_is_flagged(national_day_prep, project, users,
                                                                              travel):
    assert not sel.uninspected_preps(project=project, today=NATIONAL_DAY - DAY).exists()
    assert list(sel.uninspected_preps(project=project, today=NATIONAL_DAY)) == [national_day_prep]
    assert sel.checklist(national_day_prep, today=NATIONAL_DAY)["inspection_overdue"] is True
    travel(at(NATIONAL_DAY, 10))
    late = svc.record_inspection(prep=national_day_prep, organised_by=users["jingli"], summary="补查")
    assert late.late is True


@pytest.mark.req("HOLIDAY-2")
def test_a_short_break_needs_no_inspection(calendar_2026, project, users, travel):
    travel(at(dt.date(2026, 3, 30)))
    # 清明 2026: 04-04..04-06 is three days off, so it does need one; a policy of 4 days lifts it.
    prep = svc.open_prep(project=project, opened_by=users["kefu1"], start=dt.date(2026, 4, 4))
    assert sel.checklist(prep)["inspection_needed"] is True
    from core.models import Policy
    Policy.objects.create(key="duty.holidays.inspection_min_days", project=project, value=4, clause="test")
    assert sel.checklist(prep)["inspection_needed"] is False
    assert not sel.uninspected_preps(project=project, today=dt.date(2026, 4, 5)).exists()
