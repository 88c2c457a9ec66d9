"""Holiday pages, print view, Excel export, API, reminders and demo data (HOLIDAY-1, HOLIDAY-2)."""
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from core.models import Notification
from core.testing.fixtures import login
from duty.models import CalendarDay, DecorationCall, DecorationHousehold, HolidayNotice, HolidayPrep
from duty.services import holidays as svc
from duty.sweeps import holidays as sweeps
from duty.tests.holidays_helpers import NATIONAL_DAY, at, calendar_2026, household, national_day_prep, unit_of  # noqa: F401

DAY = dt.timedelta(days=1)


@pytest.fixture
def as_user(client, project):
    return lambda user: login(client, user, project)


@pytest.mark.req("HOLIDAY-1", "HOLIDAY-2")
def test_the_holidays_page_lists_upcoming_holidays_in_chinese(calendar_2026, as_user, users, travel):
    travel(at(dt.date(2026, 9, 10)))
    page = as_user(users["kefu1"]).get(reverse("duty:holidays"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "国庆节" in text and "中秋节" in text


@pytest.mark.req("HOLIDAY-1")
def test_a_clerk_opens_a_preparation_and_records_a_notice_on_the_page(calendar_2026, as_user, users, travel,
                                                                      project):
    travel(at(NATIONAL_DAY - 6 * DAY))
    client = as_user(users["kefu1"])
    opened = client.post(reverse("duty:holidays-open"), {"start": "2026-10-01"})
    prep = HolidayPrep.objects.get(project=project)
    assert opened.status_code == 302 and opened["Location"] == reverse("duty:holidays-prep", args=[prep.pk])
    posted = client.post(reverse("duty:holidays-prep", args=[prep.pk]),
                         {"action": "notice", "kind": "safety", "channel": "wechat_group"}, follow=True)
    assert posted.status_code == 200 and HolidayNotice.objects.filter(prep=prep, channel="wechat_group").exists()
    assert "国庆节" in posted.content.decode() and "09-25 10:00" in posted.content.decode()


@pytest.mark.req("HOLIDAY-1")
def test_a_refused_parking_registration_shows_the_rule_on_the_page(national_day_prep, as_user, users, travel,
                                                                   project):
    travel(at(NATIONAL_DAY + DAY))
    page = as_user(users["kefu1"]).post(reverse("duty:holidays-prep", args=[national_day_prep.pk]), {
        "action": "parking", "unit": unit_of(project).pk, "plate": "粤B1", "guest": "李", "day": "2026-10-03"},
        follow=True)
    assert page.status_code == 200 and "HOLIDAY-1" in page.content.decode()
    assert not national_day_prep.parkings.exists()


@pytest.mark.req("HOLIDAY-1")
def test_the_site_manager_adds_a_2027_holiday_on_the_calendar_page_and_a_clerk_cannot(db, as_user, users, client,
                                                                                      project):
    page = as_user(users["jingli"]).post(reverse("duty:holidays-calendar") + "?year=2027",
                                         {"action": "period", "name": "元旦", "start": "2027-01-01",
                                          "end": "2027-01-03"}, follow=True)
    assert page.status_code == 200 and CalendarDay.objects.filter(date__year=2027).count() == 3
    assert "元旦" in page.content.decode()
    refused = as_user(users["kefu2"]).post(reverse("duty:holidays-calendar"), {
        "action": "makeup", "name": "春节", "day": "2027-02-20"}, follow=True)
    assert "HOLIDAY-1" in refused.content.decode()
    assert CalendarDay.objects.filter(date__year=2027).count() == 3


@pytest.mark.req("HOLIDAY-1")
def test_the_decoration_register_masks_phones_for_roles_without_the_need(household, as_user, users):
    desk = as_user(users["kefu1"]).get(reverse("duty:holidays-decoration")).content.decode()
    assert "13812345678" in desk
    guard = as_user(users["xingzheng"]).get(reverse("duty:holidays-decoration")).content.decode()
    assert "13812345678" not in guard and "138****5678" in guard


@pytest.mark.req("HOLIDAY-1", "HOLIDAY-2")
def test_the_printed_checklist_and_the_excel_call_list(national_day_prep, household, as_user, users, travel):
    travel(at(NATIONAL_DAY - 4 * DAY))
    svc.record_call(prep=national_day_prep, household=household, called_by=users["kefu1"], reached=True,
                    note="已告知")
    client = as_user(users["kefu1"])
    printed = client.get(reverse("duty:holidays-prep-print", args=[national_day_prep.pk]))
    text = printed.content.decode()
    assert printed.status_code == 200 and "国庆节" in text and "已告知" in text and 'class="signatures"' in text
    sheet = client.get(reverse("duty:holidays-calls-xlsx", args=[national_day_prep.pk]))
    assert sheet.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(sheet.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "王业主" in values and "13812345678" in values and "已告知" in values


def test_another_projects_preparation_is_not_found_on_the_pages(national_day_prep, client, users, other_project):
    login(client, users["bj_kefu1"], other_project)
    assert client.get(reverse("duty:holidays-prep", args=[national_day_prep.pk])).status_code == 404
    assert client.get(reverse("duty:holidays-prep-print", args=[national_day_prep.pk])).status_code == 404


@pytest.mark.req("HOLIDAY-1", "HOLIDAY-2")
def test_the_api_opens_a_preparation_records_a_call_and_refuses_late_requests(calendar_2026, household, api_as,
                                                                              users, project, travel):
    travel(at(NATIONAL_DAY - 5 * DAY))
    api = api_as(users["kefu1"])
    made = api.post("/api/duty/holidays/preps/", {"project": project.pk, "start": "2026-10-01"}, format="json")
    assert made.status_code == 201 and made.json()["holiday_name"] == "国庆节"
    assert made.json()["notice_due"] == "2026-09-27" and made.json()["inspection_needed"] is True
    pk = made.json()["id"]
    called = api.post(f"/api/duty/holidays/preps/{pk}/calls/", {"household": household.pk, "reached": False},
                      format="json")
    assert called.status_code == 201 and called.json()["calls"][0]["reached"] is False
    inspection = api.post(f"/api/duty/holidays/preps/{pk}/inspection/", {"summary": "x"}, format="json")
    assert inspection.status_code == 403 and inspection.json()["rule"] == "HOLIDAY-2"
    travel(at(NATIONAL_DAY))
    api = api_as(users["kefu1"])  # a fresh session: the clock jumped past the old one's expiry
    late = api.post(f"/api/duty/holidays/preps/{pk}/quiet-requests/", {
        "unit": unit_of(project).pk, "applicant": "王", "work": "安装", "work_from": "2026-10-02",
        "work_to": "2026-10-02"}, format="json")
    assert late.status_code == 409 and late.json()["code"] == "quiet_request_too_late"
    assert DecorationCall.objects.count() == 1
    outsider = api_as(users["bj_kefu1"]).get(f"/api/duty/holidays/preps/{pk}/")
    assert outsider.status_code == 404


@pytest.mark.req("HOLIDAY-1")
def test_the_api_answers_workdays_and_lets_an_administrator_add_a_year(calendar_2026, api_as, users, project):
    api = api_as(users["admin"])
    assert api.get("/api/duty/holidays/calendar/workday/?date=2026-02-14").json()["workday"] is True
    added = api.post("/api/duty/holidays/calendar/period/", {"project": project.pk, "name": "国庆节",
                                                             "start": "2027-10-01", "end": "2027-10-07"},
                     format="json")
    assert added.status_code == 201 and len(added.json()) == 7
    periods = api.get("/api/duty/holidays/calendar/periods/?start=2027-09-25&end=2027-10-20").json()
    assert [p["name"] for p in periods] == ["国庆节"]
    clerk = api_as(users["kefu1"]).post("/api/duty/holidays/calendar/makeup/", {
        "project": project.pk, "name": "国庆节", "day": "2027-10-09"}, format="json")
    assert clerk.status_code == 403 and clerk.json()["code"] == "calendar_not_allowed"
    bad = api.get("/api/duty/holidays/calendar/workday/?date=nope")
    assert bad.status_code == 400


@pytest.mark.req("HOLIDAY-1")
def test_the_api_masks_household_phones_for_roles_without_the_need(household, api_as, users):
    seen = api_as(users["xingzheng"]).get("/api/duty/holidays/households/").json()
    rows = seen["results"] if isinstance(seen, dict) else seen
    assert rows[0]["contact_phone"] == "138****5678"


@pytest.mark.req("HOLIDAY-1", "HOLIDAY-2")
def test_the_sweep_reminds_of_notices_calls_and_the_inspection_once_a_day(calendar_2026, household, project, users,
                                                                          travel):
    travel(at(NATIONAL_DAY - 5 * DAY))
    sent = sweeps.sweep_project(project)
    assert sent > 0
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"duty.holidays.notices", "duty.holidays.calls", "duty.holidays.inspection"} <= kinds
    assert Notification.objects.filter(kind="duty.holidays.inspection", recipient=users["jingli"]).exists()
    assert sweeps.sweep_project(project) == 0


@pytest.mark.req("HOLIDAY-1")
def test_the_demo_loads_the_calendar_and_one_decoration_household_in_cuihu(world):
    from duty.demo import holidays as demo
    demo.build(world)
    demo.build(world)
    assert CalendarDay.objects.filter(date=dt.date(2026, 2, 14), kind="makeup_workday").exists()
    assert DecorationHousehold.objects.filter(project__code="cuihu").count() == 1
    assert not DecorationHousehold.objects.filter(project__code="binjiang").exists()
