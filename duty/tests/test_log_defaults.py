"""A new duty-log entry starts as the general kind that needs nothing beyond what happened (DUTY-LOG-2)."""
import pytest

from duty.models import DutyEntry
from duty.services import log as log_service
from duty.states import EntryKind
from duty.tests.attendance_helpers import DAY, beijing
from duty.tests.form_html import form_values
from duty.tests.log_helpers import shows


def open_log(client, users, travel):
    travel(beijing(DAY, 10))
    client.force_login(users["kefu1"])
    response = client.get("/duty/log/")
    assert response.status_code == 200
    return form_values(response.content.decode(), "entry-form")


@pytest.mark.req("DUTY-LOG-2")
def test_the_default_kind_is_not_one_that_demands_more_fields():
    assert log_service.ENTRY_KIND_DEFAULT == EntryKind.MANAGEMENT
    assert log_service.ENTRY_KIND_DEFAULT not in log_service.PEOPLE_REQUIRED


@pytest.mark.req("DUTY-LOG-2")
def test_a_new_entry_defaults_to_the_general_kind_and_records_with_what_happened_alone(client, project, users,
                                                                                        travel):
    form = open_log(client, users, travel)
    assert form["kind"]["value"] == EntryKind.MANAGEMENT and form["severity"]["value"] == "normal"
    assert form["people"]["value"] == ""
    response = client.post("/duty/log/", {"kind": form["kind"]["value"], "severity": form["severity"]["value"],
                                          "occurred_at": "", "people": "", "location": "",
                                          "what_happened": "2栋电梯厅灯具闪烁", "handling": ""})
    assert response.status_code == 302
    entry = DutyEntry.objects.get()
    assert entry.kind == EntryKind.MANAGEMENT and entry.people == ""


@pytest.mark.req("DUTY-LOG-2")
def test_a_phone_complaint_chosen_still_demands_the_complainant_and_stays_chosen(client, project, users, travel):
    open_log(client, users, travel)
    response = client.post("/duty/log/", {"kind": EntryKind.COMPLAINT_CALL, "severity": "normal",
                                          "what_happened": "业主来电投诉噪音"})
    html = response.content.decode()
    assert shows(html, "Name the complainant of a phone complaint.") and not DutyEntry.objects.exists()
    assert form_values(html, "entry-form")["kind"]["value"] == EntryKind.COMPLAINT_CALL
    response = client.post("/duty/log/", {"kind": EntryKind.COMPLAINT_CALL, "severity": "normal",
                                          "people": "1-201 业主", "what_happened": "业主来电投诉噪音"})
    assert response.status_code == 302 and DutyEntry.objects.get().kind == EntryKind.COMPLAINT_CALL
