"""Quality checks refused, and nothing written: one check per handover (QUALITY-1), the page's and API's own
choices and dates; the check and the closing of a nonconformity are on the record (CORE-5)."""
import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from core.errors import DomainError
from core.testing.fixtures import login
from desk.models import Nonconformity, QualityCheck
from desk.services import quality as svc
from desk.tests.quality_helpers import check, completed_handover, nc

NOW = clock.at_beijing(dt.date(2026, 5, 12), dt.time(15, 0))
API = "/api/desk/quality/checks/"


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("QUALITY-1")
def test_a_handover_is_checked_once(project, users, unchanged):
    handover = completed_handover(project, users)
    first = check(project, users, kind="handover", handover=handover)
    with unchanged(first, handover), pytest.raises(DomainError) as refused:
        check(project, users, by="jingli", kind="handover", handover=handover, failed=["值班记录"], rows=[nc(users)])
    assert refused.value.code == "handover_already_checked" and refused.value.status == 409
    assert QualityCheck.objects.count() == 1 and not Nonconformity.objects.exists()


@pytest.mark.req("QUALITY-1", "CORE-1")
def test_the_api_refuses_a_handover_of_another_project(project, other_project, users, api_as, unchanged):
    theirs = completed_handover(other_project, {**users, "kefu1": users["bj_kefu1"], "kefu2": users["bj_kefu2"]})
    with unchanged(theirs):
        response = api_as(users["kfzg"]).post(API, {"project": project.pk, "kind": "handover",
                                                    "handover": theirs.pk}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_choice")
    assert not QualityCheck.objects.exists()


@pytest.mark.req("QUALITY-1")
def test_the_check_page_refuses_a_handover_that_is_not_one_of_its_choices(client, project, users, unchanged):
    login(client, users["kfzg"], project)
    with unchanged():
        response = client.post(reverse("desk:quality-new"), {"kind": "handover", "handover": "上一班"})
    assert response.status_code == 400 and response.context["err"]["code"] == "invalid_choice"
    assert not QualityCheck.objects.exists()


@pytest.mark.req("QUALITY-1")
@pytest.mark.parametrize("path", ["weeks", "people"])
def test_the_api_refuses_a_month_that_is_not_one(project, users, api_as, unchanged, path):
    with unchanged():
        response = api_as(users["kfzg"]).get(f"{API}{path}/", {"project": project.pk, "month": "2026-13"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_date")


@pytest.mark.req("QUALITY-1", "CORE-5")
def test_the_check_and_the_closing_of_its_nonconformity_are_on_the_record(project, users, audited):
    record = check(project, users, failed=["值班记录"], rows=[nc(users)])
    assert audited("desk.quality.checked", record).data["failed"] == ["值班记录"]
    closed = svc.close_nonconformity(nonconformity=record.nonconformities.get(), closed_by=users["kfzg"],
                                     note="已补记，复核无误")
    event = audited("desk.quality.nonconformity_closed", closed)
    assert event.actor_id == users["kfzg"].pk and event.data["on_time"] is True
