"""Quality-check pages, print views, Excel and API: supervisor, clerk, outsider (QUALITY-1)."""
import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from desk.models import Nonconformity, QualityCheck
from desk.tests.quality_helpers import check, nc


@pytest.mark.req("QUALITY-1")
def test_the_supervisor_records_a_check_with_a_nonconformity_on_the_page(client, project, users):
    client.force_login(users["kfzg"])
    page = client.get(reverse("desk:quality-new"))
    assert page.status_code == 200 and "仪容仪表行为规范" in page.content.decode()
    deadline = (clock.today() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("desk:quality-new"), {
        "kind": "spot", "ok_1": "no", "person_1": users["kefu2"].pk, "desc_1": "漏记", "corr_1": "补记",
        "deadline_1": deadline})
    assert response.status_code == 302
    n = Nonconformity.objects.get()
    assert (n.item, n.person) == ("值班记录", users["kefu2"])
    assert client.get(reverse("desk:quality-detail", args=[n.check_record_id])).status_code == 200
    response = client.post(reverse("desk:quality-detail", args=[n.check_record_id]),
                           {"nonconformity": n.pk, "note": "已补记"})
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.status == "closed"


@pytest.mark.req("QUALITY-1")
def test_a_failed_item_without_details_is_shown_and_records_nothing(client, project, users):
    client.force_login(users["kfzg"])
    response = client.post(reverse("desk:quality-new"), {"kind": "spot", "ok_0": "no", "deadline_0": "2026-02-31",
                                                         "handover": "x"})
    assert response.status_code == 400 and "QUALITY-1" in response.content.decode()
    assert not QualityCheck.objects.exists()


@pytest.mark.req("QUALITY-1")
def test_lists_print_and_excel_for_the_supervisor_but_not_the_clerk_or_outsider(client, project, other_project,
                                                                                  users):
    c = check(project, users, failed=["值班记录"], rows=[nc(users)])
    client.force_login(users["kfzg"])
    for name in ("desk:quality-list", "desk:quality-people", "desk:quality-print", "desk:quality-people-print",
                 "desk:quality-export"):
        assert client.get(reverse(name) + "?month=2026-13").status_code == 200, name
    assert "未记录处理结果" in client.get(reverse("desk:quality-print")).content.decode()
    client.force_login(users["kefu2"])
    assert client.get(reverse("desk:quality-list")).status_code == 403
    assert client.get(reverse("desk:quality-detail", args=[c.pk])).status_code == 403
    assert client.get(reverse("desk:quality-new")).status_code == 403
    client.force_login(users["kefu1"])  # the person responsible sees the finding about them
    assert client.get(reverse("desk:quality-detail", args=[c.pk])).status_code == 200
    client.force_login(users["bj_kfzg"])
    assert client.get(reverse("desk:quality-detail", args=[c.pk])).status_code == 404


@pytest.mark.req("QUALITY-1")
def test_checks_through_the_api(api_as, project, other_project, users):
    api = api_as(users["kfzg"])
    deadline = (clock.today() + dt.timedelta(days=2)).isoformat()
    response = api.post("/api/desk/quality/checks/", {
        "project": project.pk, "kind": "spot", "failed_items": ["前台环境"],
        "nonconformities": [{"item": "前台环境", "person": users["kefu1"].pk, "description": "台面杂乱",
                             "correction": "整理", "deadline": deadline}]}, format="json")
    assert response.status_code == 201, response.content
    nc_id = response.json()["nonconformities"][0]["id"]
    bad = api.post("/api/desk/quality/checks/", {"project": project.pk, "kind": "spot", "failed_items": ["前台环境"]},
                   format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "nonconformity_required"
    bad = api.post("/api/desk/quality/checks/", {"project": project.pk, "kind": "handover", "handover": 99999},
                   format="json")
    assert bad.status_code == 400
    assert api_as(users["kefu1"]).post("/api/desk/quality/checks/", {"project": project.pk, "kind": "spot"},
                                       format="json").status_code == 403
    assert api.get("/api/desk/quality/checks/weeks/", {"project": project.pk}).status_code == 200
    assert api.get("/api/desk/quality/checks/people/", {"project": project.pk, "month": "x"}).status_code == 400
    assert api.get("/api/desk/quality/checks/people/", {"project": project.pk}).json()[0]["total"] == 1
    assert api_as(users["bj_kfzg"]).get(f"/api/desk/quality/nonconformities/{nc_id}/").status_code == 404
    assert api_as(users["bj_kfzg"]).get("/api/desk/quality/checks/", {"project": project.pk}).status_code == 404
    response = api.post(f"/api/desk/quality/nonconformities/{nc_id}/close/", {"note": "已整理"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert QualityCheck.objects.count() == 1
