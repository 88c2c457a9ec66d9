"""Pages, print view and Excel export of the shift handover."""
import io

import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook

from core.testing.fixtures import PASSWORD
from duty.models import Handover, HandoverRefusal, HandoverStatus
from duty.pages.handover import hub_context
from duty.services import handover as svc
from duty.services import handover_extra as extra
from duty.services import log as log_service
from duty.states import EntryKind, Severity
from duty.tests.handover_helpers import clerk, complete, prepare, shows, start  # noqa: F401


@pytest.mark.req("HANDOVER-1")
def test_the_list_page_opens_a_handover_sheet(clerk, project, users):
    response = clerk.get("/duty/handover/")
    html = response.content.decode()
    assert response.status_code == 200 and shows(html, "Start a handover") and users["kefu2"].display_name in html
    response = clerk.post("/duty/handover/", {"action": "start", "incoming": users["kefu2"].pk,
                                              "shift_change_at": "2030-01-01T16:00"})
    handover = Handover.objects.get()
    assert response.status_code == 302 and handover.outgoing == users["kefu1"]
    html = clerk.get(f"/duty/handover/{handover.pk}/").content.decode()
    assert "对讲机" in html and "值班记录本" in html and 'id="sign-form"' in html and shows(html, "Both sign")


@pytest.mark.req("HANDOVER-2", "HANDOVER-3", "HANDOVER-4")
def test_preparation_counts_and_both_signatures_through_the_page(clerk, project, users):
    h = start(project, users)
    url = f"/duty/handover/{h.pk}/"
    assert clerk.post(url, {"action": "checkin", "password": PASSWORD}).status_code == 302
    form = {"action": "prepare", "records_read": "on", "equipment_checked": "on", "public_repairs": "3栋电梯维修"}
    form.update({f"counted-{c.pk}": c.expected for c in h.counts.all()})
    assert clerk.post(url, form).status_code == 302
    assert clerk.post(url, {"action": "ready"}).status_code == 302
    response = clerk.post(url, {"action": "complete", "outgoing_password": PASSWORD, "incoming_password": PASSWORD})
    assert response.status_code == 302
    h.refresh_from_db()
    assert h.status == HandoverStatus.COMPLETED and h.public_repairs == "3栋电梯维修" and h.arrived_at


@pytest.mark.req("HANDOVER-5")
def test_a_refused_handover_shows_every_reason_on_the_page_and_changes_nothing(clerk, project, users):
    event = log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.FIRE,
                                     severity=Severity.EMERGENCY, what_happened="配电房冒烟")
    h = prepare(start(project, users), users)
    extra.start_equipment_operation(project=project, started_by=users["kefu1"], equipment="1号冷水机组", kind="start")
    response = clerk.post(f"/duty/handover/{h.pk}/", {"action": "complete", "outgoing_password": PASSWORD,
                                                      "incoming_password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="refusal"' in html
    assert event.serial in html and "1号冷水机组" in html and "HANDOVER-5" in html
    h.refresh_from_db()
    assert h.status == HandoverStatus.READY and h.released_at is None
    assert HandoverRefusal.objects.filter(handover=h).count() == 1


@pytest.mark.req("HANDOVER-7")
def test_an_explanation_by_the_incoming_person_is_refused_on_the_page(client, project, users):
    h = prepare(start(project, users), users, **{"对讲机": (1, "missing")})
    client.force_login(users["kefu2"])
    count = h.counts.get(name="对讲机")
    response = client.post(f"/duty/handover/{h.pk}/", {"action": "explain", "count": count.pk, "explanation": "?"})
    assert response.status_code == 200 and "HANDOVER-7" in response.content.decode()
    count.refresh_from_db()
    assert count.explanation == ""


@pytest.mark.req("HANDOVER-8")
def test_carried_forward_work_is_listed_until_marked_done(clerk, project, users):
    h = prepare(start(project, users), users, ready=False)
    item = extra.add_carry_item(handover=h, added_by=users["kefu1"], text="跟进5栋电梯维保")
    svc.mark_ready(handover=h, actor=users["kefu1"])
    complete(h)
    assert "跟进5栋电梯维保" in clerk.get("/duty/handover/").content.decode()
    assert clerk.post("/duty/handover/", {"action": "carry_done", "item": item.pk, "note": "已完成"}).status_code == 302
    assert "跟进5栋电梯维保" not in clerk.get("/duty/handover/").content.decode()


@pytest.mark.req("HANDOVER-4")
def test_the_print_view_has_both_signature_lines_and_the_export_lists_handovers(clerk, project, users):
    h = complete(prepare(start(project, users), users))
    html = clerk.get(f"/duty/handover/{h.pk}/print/").content.decode()
    assert shows(html, "Shift handover record (交接班记录)") and "交接班记录" in html
    assert shows(html, "Handed over by") and shows(html, "Taken over by")
    assert users["kefu1"].display_name in html and users["kefu2"].display_name in html and "对讲机" in html
    response = clerk.get("/duty/handover/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == users["kefu1"].display_name and "对讲机" in rows[1][14]


def test_another_projects_handover_page_is_not_found(client, project, users):
    h = start(project, users)
    client.force_login(users["bj_kefu1"])
    assert client.get(f"/duty/handover/{h.pk}/").status_code == 404
    assert client.get(f"/duty/handover/{h.pk}/print/").status_code == 404


@pytest.mark.req("HANDOVER-8")
def test_the_hub_fragment_lists_carried_work_until_done_and_its_done_button_returns_to_the_hub(clerk, rf, project,
                                                                                            users):
    h = prepare(start(project, users), users, ready=False)
    item = extra.add_carry_item(handover=h, added_by=users["kefu1"], text="跟进5栋电梯维保")
    svc.mark_ready(handover=h, actor=users["kefu1"])
    complete(h)
    request = rf.get("/duty/")
    request.user, request.project = users["kefu2"], project
    html = render_to_string("duty/handover/_hub.html", hub_context(request), request=request)
    assert "跟进5栋电梯维保" in html and 'value="hub"' in html
    response = clerk.post("/duty/handover/", {"action": "carry_done", "item": item.pk, "next": "hub"})
    assert response.status_code == 302 and response.url == "/duty/"
    assert hub_context(request)["handover_carry"] == []
