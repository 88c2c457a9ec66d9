"""Pages of return visits: lists, the visit form, review, closures, quarter and analysis, print and
Excel; owner / member / outsider; phones masked unless the role (or the named visitor) may see them."""
import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEvent
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit
from desk.tests.visits_helpers import SIGNATURE, planned_visit, recorded

pytestmark = pytest.mark.django_db


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.req("VISIT-3", "VISIT-5")
def test_the_lists_show_due_overdue_and_my_visits(project, users):
    visit = planned_visit(project, users)
    client = as_user(users["kfzg"])
    for show in ("due", "overdue", "upcoming", "review", "done", "all", "bogus"):
        assert client.get(reverse("desk:visits-list"), {"show": show, "assignee": "me", "kind": "x"}).status_code == 200
    page = as_user(users["gczg"]).get(reverse("desk:visits-list"), {"show": "due"}).content.decode()
    assert visit.number in page and "138****5678" in page and "13812345678" not in page
    assert "13812345678" in client.get(reverse("desk:visits-list"), {"show": "due"}).content.decode()


@pytest.mark.req("VISIT-4")
def test_the_assignee_records_a_visit_from_the_form_and_sees_the_number_to_call(project, users):
    visit = planned_visit(project, users)
    client = as_user(visit.assignee)
    page = client.get(reverse("desk:visits-detail", args=[visit.pk])).content.decode()
    assert "tel:13812345678" in page and 'name="satisfaction"' in page
    assert AuditEvent.objects.filter(action="desk.visits.phone_shown").count() == 1
    bad = client.post(reverse("desk:visits-detail", args=[visit.pk]), {
        "action": "record", "method": "phone", "quality": "", "effect": "好", "satisfaction": "satisfied",
        "signer_name": "业主甲", "verbal_confirmed": "1"})
    assert bad.status_code == 200 and "error-box" in bad.content.decode()
    assert ReturnVisit.objects.get(pk=visit.pk).status == "planned"
    ok = client.post(reverse("desk:visits-detail", args=[visit.pk]), {
        "action": "record", "method": "in_person", "quality": "好", "effect": "好", "satisfaction": "satisfied",
        "signer_name": "业主甲", "signature": SIGNATURE})
    assert ok.status_code == 302 and ReturnVisit.objects.get(pk=visit.pk).status == "done"


@pytest.mark.req("VISIT-5")
def test_the_supervisor_reviews_from_the_page_and_a_clerk_cannot(project, users):
    visit = recorded(project, users)
    url = reverse("desk:visits-detail", args=[visit.pk])
    as_user(users["kefu2"]).post(url, {"action": "review", "opinion": "同意"})
    assert ReturnVisit.objects.get(pk=visit.pk).status == "done"
    assert as_user(users["kfzg"]).post(url, {"action": "review", "opinion": "同意"}).status_code == 302
    assert ReturnVisit.objects.get(pk=visit.pk).status == "reviewed"


@pytest.mark.req("VISIT-3")
def test_another_projects_visit_is_not_found_and_a_guard_is_refused(project, users):
    visit = planned_visit(project, users)
    url = reverse("desk:visits-detail", args=[visit.pk])
    assert as_user(users["bj_kfzg"]).get(url).status_code == 404
    assert as_user(users["baoan1"]).get(url).status_code == 403
    assert as_user(users["baoan1"]).get(reverse("desk:visits-list")).status_code == 403
    assert as_user(users["baoan1"]).get(reverse("desk:visits-print", args=[visit.pk])).status_code == 403
    assert as_user(users["bj_kfzg"]).get(reverse("desk:visits-print", args=[visit.pk])).status_code == 404


@pytest.mark.req("VISIT-1", "VISIT-2")
def test_the_desk_registers_a_closed_help_request_and_bad_input_changes_nothing(project, users):
    client = as_user(users["kefu1"])
    url = reverse("desk:visits-closures")
    assert client.post(url, {"kind": "repair", "person_name": "甲"}).status_code == 200
    assert client.post(url, {"kind": "help", "person_name": "甲", "unit": "abc"}).status_code == 200
    assert client.post(url, {"kind": "help", "person_name": ""}).status_code == 200
    assert not Closure.objects.exists()
    assert client.post(url, {"kind": "help", "person_name": "业主乙", "phone": "13900001111",
                             "subject": "代收快递"}).status_code == 302
    c = Closure.objects.get()
    assert c.kind == MatterKind.HELP and c.selected and c.visits.count() == 1
    assert "代收快递" in client.get(url).content.decode()


@pytest.mark.req("VISIT-4", "VISIT-6", "VISIT-7")
def test_print_views_and_excel(project, users):
    visit = recorded(project, users)
    client = as_user(users["kfzg"])
    page = client.get(reverse("desk:visits-print", args=[visit.pk])).content.decode()
    assert visit.number in page and "☑" in page
    assert client.get(reverse("desk:visits-print-list"), {"show": "all"}).status_code == 200
    xlsx = client.get(reverse("desk:visits-export"), {"assignee": "abc"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("desk:visits-analysis-print", args=[2026, 1])).status_code == 200
    assert client.get(reverse("desk:visits-analysis-print", args=[2026, 9])).status_code == 404


@pytest.mark.req("VISIT-6", "VISIT-7")
def test_quarter_and_analysis_pages(project, users):
    client = as_user(users["kfzg"])
    assert client.get(reverse("desk:visits-quarter"), {"year": "x", "quarter": "9"}).status_code == 200
    assert client.get(reverse("desk:visits-analysis", args=[2025, 4])).status_code == 200
    assert client.post(reverse("desk:visits-analysis", args=[2025, 4]), {"report": ""}).status_code == 200
    assert client.post(reverse("desk:visits-analysis", args=[2025, 4]), {"report": "无"}).status_code == 302
    assert client.post(reverse("desk:visits-analysis", args=[2025, 4]),
                       {"action": "conclude", "conclusions": "好"}).status_code == 302
    assert client.post(reverse("desk:visits-quarter") + "?year=2025&quarter=4").status_code == 302
