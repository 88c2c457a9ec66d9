"""Pages, print view and Excel export of the duty log."""
import io

import pytest
from openpyxl import load_workbook

from core import clock
from duty.models import DaySignoff, DutyEntry, DutyRound
from duty.tests.log_helpers import PNG, clerk, entry, major, shows  # noqa: F401


@pytest.mark.req("DUTY-LOG-1")
def test_the_log_page_shows_the_day_in_chinese_and_records_an_entry(clerk, project, users):
    entry(project, users["kefu2"], what_happened="地下车库照明故障")
    response = clerk.get("/duty/log/")
    html = response.content.decode()
    assert response.status_code == 200 and "地下车库照明故障" in html and shows(html, "Record entry")
    assert 'name="what_happened"' in html and 'class="big"' in html
    response = clerk.post("/duty/log/", {"kind": "theft", "severity": "normal", "what_happened": "自行车被盗"})
    assert response.status_code == 302 and DutyEntry.objects.filter(what_happened="自行车被盗").exists()


@pytest.mark.req("DUTY-LOG-2")
def test_a_refused_entry_shows_the_reason_and_changes_nothing(clerk, project):
    response = clerk.post("/duty/log/", {"kind": "complaint_call", "severity": "normal", "what_happened": "投诉"})
    html = response.content.decode()
    assert response.status_code == 200 and shows(html, "Name the complainant of a phone complaint.")
    assert "DUTY-LOG-2" in html and not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-1", "DUTY-LOG-3")
def test_the_entry_page_resolves_and_takes_a_photo(clerk, project, users):
    e = major(project, users["kefu1"])
    url = f"/duty/log/entries/{e.pk}/"
    assert clerk.get(url).status_code == 200
    upload = io.BytesIO(PNG)
    upload.name = "scene.png"
    assert clerk.post(url, {"action": "photo", "photo": upload}).status_code == 302
    response = clerk.post(url, {"action": "report", "report_text": "报告"})
    assert shows(response.content.decode(), "Complete the emergency form first.")
    assert clerk.post(url, {"action": "resolve", "result": "火已扑灭"}).status_code == 302
    e.refresh_from_db()
    assert e.status == "resolved" and e.result == "火已扑灭"


@pytest.mark.req("DUTY-LOG-4")
def test_the_manager_signs_from_the_page(client, project, users):
    entry(project, users["kefu1"])
    client.force_login(users["jingli"])
    html = client.get("/duty/log/").content.decode()
    assert 'value="manager_signoff"' in html
    response = client.post("/duty/log/sign/", {"day": clock.today().isoformat(), "kind": "manager_signoff"})
    assert response.status_code == 302 and DaySignoff.objects.filter(signed_by=users["jingli"]).exists()


@pytest.mark.req("DUTY-LOG-6")
def test_a_round_is_walked_from_the_pages(clerk, users):
    response = clerk.post("/duty/log/rounds/")
    r = DutyRound.objects.get()
    assert response.status_code == 302
    html = clerk.get(f"/duty/log/rounds/{r.pk}/").content.decode()
    assert "售楼处" in html
    response = clerk.post(f"/duty/log/rounds/{r.pk}/", {"checked-0": "1", "condition-0": "1", "hygiene-0": "1",
                                                         "lighting": "1"})
    r.refresh_from_db()
    assert response.status_code == 302 and r.finished_at and r.checks[0]["discipline_ok"] is False
    assert DutyEntry.objects.filter(kind="round").exists()


@pytest.mark.req("DUTY-LOG-1", "DUTY-LOG-4")
def test_the_day_prints_as_the_duty_record_sheet_with_signature_lines(clerk, project, users):
    entry(project, users["kefu1"], what_happened="电梯困人", shift_code="early")
    html = clerk.get("/duty/log/print/", {"day": clock.today().isoformat()}).content.decode()
    assert "值班记录表" in html and "电梯困人" in html and 'class="signatures"' in html
    assert users["kefu1"].display_name in html


@pytest.mark.req("DUTY-LOG-3")
def test_the_emergency_form_prints(clerk, project, users):
    e = major(project, users["kefu1"])
    html = clerk.get(f"/duty/log/entries/{e.pk}/emergency/print/").content.decode()
    assert "紧急情况处理登记表" in html and "配电房冒烟" in html


def test_the_entries_of_a_range_export_to_excel(clerk, project, users):
    entry(project, users["kefu1"], what_happened="水管渗漏")
    day = clock.today().isoformat()
    response = clerk.get("/duty/log/export.xlsx", {"from": day, "to": day})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "水管渗漏" in values and sheet.max_row == 2
