"""Complaint pages, print views and Excel: owner, member without the role, outsider (COMPLAINT-1, -2)."""
import pytest
from django.urls import reverse

from core.testing.fixtures import login
from desk.models import Complaint, ComplaintStatus
from desk.tests.complaints_helpers import complaint, handled, sent


@pytest.mark.req("COMPLAINT-1")
def test_the_clerk_registers_a_complaint_on_the_page(client, project, users):
    login(client, users["kefu1"], project)
    assert client.get(reverse("desk:complaints-new")).status_code == 200
    response = client.post(reverse("desk:complaints-new"), {
        "person_name": "业主乙", "phone": "13900001234", "channel": "visit", "subject": "环境卫生",
        "department": "admin", "content": "楼道脏", "is_vip": "on"})
    c = Complaint.objects.get()
    assert response.status_code == 302 and c.urgent and c.channel == "visit"
    page = client.get(reverse("desk:complaints-list"))
    assert page.status_code == 200 and c.serial in page.content.decode()
    assert "139****1234" in page.content.decode()  # masked for a clerk


@pytest.mark.req("COMPLAINT-1")
def test_bad_input_on_the_page_is_shown_and_changes_nothing(client, project, users):
    login(client, users["kefu1"], project)
    response = client.post(reverse("desk:complaints-new"), {"person_name": "x", "channel": "visit", "content": "",
                                                           "unit": "abc"})
    assert response.status_code == 400 and not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-2")
def test_the_department_reports_back_and_the_supervisor_sees_the_full_phone(client, project, users):
    c = sent(project, users)
    login(client, users["gongcheng1"], project)
    url = reverse("desk:complaints-detail", args=[c.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "handle", "handling": "已处理"}).status_code == 302
    c.refresh_from_db()
    assert c.status == ComplaintStatus.HANDLED
    login(client, users["kfzg"], project)
    assert "13800001111" in client.get(url).content.decode()


@pytest.mark.req("COMPLAINT-2")
def test_a_refused_action_on_the_page_says_why_and_changes_nothing(client, project, users):
    c = handled(project, users, major=True)
    login(client, users["kefu1"], project)
    response = client.post(reverse("desk:complaints-detail", args=[c.pk]), {"action": "close", "follow_up": "x"})
    assert response.status_code == 403 and "COMPLAINT-2" in response.content.decode()
    c.refresh_from_db()
    assert c.status == ComplaintStatus.HANDLED


@pytest.mark.req("COMPLAINT-2")
def test_another_projects_complaint_is_not_found_and_a_guard_cannot_read_the_register(client, project,
                                                                                       other_project, users):
    theirs = complaint(other_project, users["bj_kefu1"])
    login(client, users["kefu1"], project)
    assert client.get(reverse("desk:complaints-detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("desk:complaints-print-one", args=[theirs.pk])).status_code == 404
    ours = complaint(project, users["kefu1"])  # engineering's complaint
    login(client, users["baoan1"], project)
    assert client.get(reverse("desk:complaints-detail", args=[ours.pk])).status_code == 403
    assert client.get(reverse("desk:complaints-stats")).status_code == 403
    assert client.get(reverse("desk:complaints-export")).status_code == 403
    assert ours.serial not in client.get(reverse("desk:complaints-list")).content.decode()


@pytest.mark.req("COMPLAINT-2")
def test_statistics_print_and_excel_render_for_the_supervisor(client, project, users):
    handled(project, users)
    login(client, users["kfzg"], project)
    stats = client.get(reverse("desk:complaints-stats") + "?kind=quarter&day=2026-02-31")
    assert stats.status_code == 200 and "<svg" in stats.content.decode()
    assert client.get(reverse("desk:complaints-print")).status_code == 200
    assert client.get(reverse("desk:complaints-stats-print") + "?kind=year").status_code == 200
    c = Complaint.objects.get()
    assert client.get(reverse("desk:complaints-print-one", args=[c.pk])).status_code == 200
    xlsx = client.get(reverse("desk:complaints-export") + "?from=bad&to=2026-13-01")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
