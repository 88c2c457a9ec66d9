"""Over-long text is refused by the duty desk's services, never cut (issue 14, finding 5): one character over the
column is `too_long` and changes nothing; exactly the column's length is stored whole."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from core import clock
from core.errors import DomainError
from duty.models import (
    AttendanceReport,
    CalendarDay,
    CarryItem,
    ChangeKind,
    DaySignoff,
    DecorationCall,
    DutyEntry,
    DutyRound,
    EmergencyReport,
    Handover,
    HandoverCount,
    PostLeave,
    Roster,
    RosterAssignment,
    ShiftChangeRequest,
)
from duty.services import (
    attendance,
    attendance_post,
    handover_extra,
    holidays,
    holidays_calendar,
    log_emergency,
    log_rounds,
    log_signoff,
    roster_changes,
    roster_holidays,
)
from duty.services import handover as handover_svc
from duty.services import roster as roster_svc
from duty.states import SignoffKind
from duty.tests.attendance_helpers import DAY, beijing
from duty.tests.handover_helpers import start
from duty.tests.holidays_helpers import *  # its fixtures
from duty.tests.holidays_helpers import NATIONAL_DAY, at
from duty.tests.log_helpers import PNG, entry, major
from duty.tests.roster_helpers import *  # its fixtures
from duty.tests.roster_helpers import draft, issue

CHAR = "长"


@pytest.fixture
def refused_then_whole(unchanged):
    """`check(call, stored, limit, *rows)`: `call(text)` refuses limit + 1 characters with too_long, leaving every
    duty and desk table and the given rows as they were, then stores exactly `limit` characters whole."""
    def check(call, stored, limit: int, *rows) -> None:
        with unchanged(*rows), pytest.raises(DomainError) as err:
            call(CHAR * (limit + 1))
        assert err.value.code == "too_long" and err.value.details["limit"] == limit
        call(CHAR * limit)
        assert stored() == CHAR * limit
    return check


@pytest.mark.req("DUTY-LOG-1")
def test_a_log_entry_location_is_refused_past_200_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: entry(project, users["kefu1"], location=text),
                       lambda: DutyEntry.objects.get().location, 200)


@pytest.mark.req("DUTY-LOG-3")
def test_who_was_told_of_an_emergency_is_refused_past_200_characters(project, users, refused_then_whole):
    report = major(project, users["kefu1"]).emergency_report
    refused_then_whole(lambda text: log_emergency.fill_emergency_form(report=report, filled_by=users["kefu1"],
                                                                      measures="切断电源", reported_to=text),
                       lambda: EmergencyReport.objects.get().reported_to, 200, report)


@pytest.mark.req("DUTY-LOG-4")
def test_a_sign_off_comment_is_refused_past_300_characters(project, users, refused_then_whole):
    entry(project, users["kefu1"])
    refused_then_whole(lambda text: log_signoff.sign_day(project=project, day=clock.today(),
                                                         kind=SignoffKind.MANAGER_SIGNOFF, signer=users["jingli"],
                                                         comment=text),
                       lambda: DaySignoff.objects.get().comment, 300)


@pytest.mark.req("DUTY-LOG-6")
def test_an_area_note_of_a_round_is_refused_past_300_characters(project, users, refused_then_whole):
    duty_round = log_rounds.start_round(project=project, person=users["kefu1"])
    check = {"area": "会所", "condition_ok": True, "hygiene_ok": True, "discipline_ok": True}
    refused_then_whole(lambda text: log_rounds.finish_round(duty_round=duty_round, person=users["kefu1"],
                                                            checks=[{**check, "note": text}]),
                       lambda: DutyRound.objects.get().checks[0]["note"], 300, duty_round)


@pytest.mark.req("HANDOVER-2")
def test_a_count_note_is_refused_past_300_characters(project, users, refused_then_whole):
    handover = start(project, users)
    row = handover.counts.first()
    refused_then_whole(lambda text: handover_svc.record_counts(handover=handover, counted_by=users["kefu1"], counts={
                           row.pk: {"counted": row.expected, "condition": "ok", "note": text}}),
                       lambda: HandoverCount.objects.get(pk=row.pk).note, 300, row)


@pytest.mark.req("HANDOVER-8")
def test_work_carried_forward_is_refused_past_300_characters(project, users, refused_then_whole):
    handover = start(project, users)
    refused_then_whole(lambda text: handover_extra.add_carry_item(handover=handover, added_by=users["kefu1"],
                                                                  text=text),
                       lambda: CarryItem.objects.get().text, 300)


@pytest.mark.req("ROSTER-2")
def test_a_review_comment_is_refused_past_300_characters(project, users, refused_then_whole):
    roster = draft(project, users)
    refused_then_whole(lambda text: roster_svc.review_roster(roster=roster, reviewer=users["kfzg"], comment=text),
                       lambda: Roster.objects.get().comment, 300, roster)


@pytest.mark.req("ROSTER-3")
def test_a_shift_change_reason_is_refused_past_300_characters(project, users, travel, refused_then_whole):
    travel(clock.at_beijing(dt.date(2026, 5, 11), dt.time(10, 0)))
    month = dt.date(2026, 7, 1)
    roster = issue(draft(project, users, month=month), users)
    shift = RosterAssignment.objects.get(roster=roster, person=users["kefu1"], day=month)
    refused_then_whole(lambda text: roster_changes.request_change(assignment=shift, requested_by=users["kefu1"],
                                                                  kind=ChangeKind.LEAVE, reason=text),
                       lambda: ShiftChangeRequest.objects.get().reason, 300, shift)


@pytest.mark.req("ROSTER-4")
def test_a_holiday_name_is_refused_past_40_characters(project, users, front_team, refused_then_whole):
    day = clock.today() + dt.timedelta(days=30)
    refused_then_whole(lambda text: roster_holidays.create_holiday_roster(project=project, holiday_name=text,
                                                                          start=day, end=day,
                                                                          drafted_by=users["kefu1"]),
                       lambda: Roster.objects.get().holiday_name, 40)


@pytest.mark.req("ATTEND-1")
def test_a_late_report_reason_is_refused_past_300_characters(project, users, travel, refused_then_whole):
    clerk = attendance.designate_clerk(project=project, person=users["kefu2"], actor=users["kfzg"]).person
    travel(beijing(dt.date(2026, 4, 26), 9))
    report = attendance.prepare_report(project=project, month=DAY, actor=clerk)
    refused_then_whole(lambda text: attendance.submit_report(report=report, actor=clerk, late_reason=text),
                       lambda: AttendanceReport.objects.get().late_reason, 300, report)


@pytest.mark.req("ATTEND-2")
def test_a_reason_for_leaving_the_post_is_refused_past_300_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: attendance_post.request_leave(project=project, person=users["kefu1"],
                                                                  reason=text),
                       lambda: PostLeave.objects.get().reason, 300)


@pytest.mark.req("HOLIDAY-1")
def test_a_decoration_call_note_is_refused_past_300_characters(national_day_prep, household, users, travel,
                                                               refused_then_whole):
    travel(at(NATIONAL_DAY - 5 * dt.timedelta(days=1), 11))
    refused_then_whole(lambda text: holidays.record_call(prep=national_day_prep, household=household,
                                                         called_by=users["kefu1"], reached=True, note=text),
                       lambda: DecorationCall.objects.get().note, 300)


@pytest.mark.req("HOLIDAY-1")
def test_a_calendar_holiday_name_is_refused_past_40_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: holidays_calendar.add_holiday_period(project=project, entered_by=users["jingli"],
                                                                         name=text, start=dt.date(2027, 2, 6),
                                                                         end=dt.date(2027, 2, 7)),
                       lambda: CalendarDay.objects.values_list("name", flat=True).distinct().get(), 40)


@pytest.mark.req("HANDOVER-5")
def test_the_api_answers_an_over_long_unfit_reason_with_400_too_long(project, users, api_as, unchanged):
    """The API's serializer takes any length here: the service's refusal is what the user sees."""
    handover = start(project, users)
    with unchanged(handover):
        response = api_as(users["kefu1"]).post(f"/api/duty/handovers/{handover.pk}/unfit/", {"reason": CHAR * 301},
                                               format="json")
    assert response.status_code == 400 and response.json()["code"] == "too_long"
    assert response.json()["details"]["limit"] == 300
    assert Handover.objects.get().unfit_reason == ""


@pytest.mark.req("HANDOVER-5")
def test_the_page_shows_an_over_long_unfit_reason_as_a_refusal(project, users, client, unchanged):
    handover = start(project, users)
    client.force_login(users["kefu1"])
    with unchanged(handover):
        response = client.post(f"/duty/handover/{handover.pk}/", {"action": "unfit", "reason": CHAR * 301})
    html = response.content.decode()
    assert 'data-code="too_long"' in html and "超过 300 个字符" in html


@pytest.mark.req("DUTY-LOG-3")
def test_a_multipart_upload_with_a_form_field_past_the_long_text_limit_is_refused(project, users, api_as, settings,
                                                                                  unchanged):
    """The emergency photos take a file: the plain fields beside it are bounded like any form (the bound of
    core.rest_parsers.BoundedMultiPartParser, which DRF skips once the NUL middleware has read the body)."""
    report = major(project, users["kefu1"]).emergency_report
    upload = io.BytesIO(PNG)
    upload.name = "scene.png"
    long = settings.TEXT_MAX_CHARS["long"]
    with unchanged(report):
        response = api_as(users["kefu1"]).post(f"/api/duty/log/emergency-reports/{report.pk}/photos/",
                                               {"file": upload, "note": CHAR * (long + 1)}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "too_long"
    assert response.json()["details"] == {"field": "note", "limit": long}
