"""Complaints refused, and nothing written: a period summarised once (COMPLAINT-2), the pages' and API's own
choices and dates (CORE-1)."""
import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from core.errors import DomainError
from core.models import Unit
from core.testing.fixtures import login
from desk.models import Complaint, ComplaintSummary
from desk.services import complaints as svc
from desk.services import complaints_summary
from desk.tests.complaints_helpers import complaint

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(15, 0))
API = "/api/desk/complaints/"


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("COMPLAINT-2")
def test_a_period_is_summarised_once(project, users, unchanged, audited):
    first = complaints_summary.save_summary(project=project, created_by=users["kfzg"], kind="month",
                                            day=dt.date(2026, 4, 3), proposals="加强装修巡查")
    assert audited("desk.complaint.summary_saved", first).actor_id == users["kfzg"].pk
    with unchanged(first), pytest.raises(DomainError) as refused:
        complaints_summary.save_summary(project=project, created_by=users["kfzg"], kind="month",
                                        day=dt.date(2026, 4, 28), proposals="另一份")
    assert refused.value.code == "summary_exists" and refused.value.status == 409
    assert ComplaintSummary.objects.get().proposals == "加强装修巡查"


@pytest.mark.req("COMPLAINT-1", "CORE-1")
@pytest.mark.parametrize("field", ["unit", "resident"])
def test_the_complaint_page_takes_a_unit_or_resident_only_from_its_lists(client, project, other_project, users,
                                                                          unchanged, field):
    login(client, users["kefu1"], project)
    theirs = Unit.objects.filter(project=other_project).first().pk if field == "unit" else "x"
    with unchanged():
        response = client.post(reverse("desk:complaints-new"), {
            "person_name": "业主乙", "phone": "13900001234", "channel": "visit", "subject": "环境卫生",
            "department": "admin", "content": "楼道脏", field: theirs})
    assert response.context["err"]["code"] == "invalid_choice"
    assert not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-1", "CORE-1")
def test_the_api_refuses_a_unit_of_another_project(project, other_project, users, api_as, unchanged):
    theirs = Unit.objects.filter(project=other_project).first()
    with unchanged():
        response = api_as(users["kefu1"]).post(API, {"project": project.pk, "person_name": "业主丙", "content": "噪音",
                                                     "channel": "call", "unit": theirs.pk}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_choice")
    assert not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-2")
@pytest.mark.parametrize("day", ["2026-02-30", "yesterday"])
def test_the_statistics_api_refuses_a_day_that_is_not_one(project, users, api_as, unchanged, day):
    with unchanged():
        response = api_as(users["kfzg"]).get(f"{API}summaries/statistics/", {"project": project.pk, "day": day})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_date")


@pytest.mark.req("COMPLAINT-2", "CORE-5")
def test_escalating_a_complaint_is_on_the_record(project, users, audited):
    major = svc.escalate_complaint(complaint=complaint(project, users["kefu1"]), escalated_by=users["kefu1"],
                                   note="多户联名")
    event = audited("desk.complaint.escalated", major)
    assert event.actor_id == users["kefu1"].pk and event.data["note"] == "多户联名" and major.major
