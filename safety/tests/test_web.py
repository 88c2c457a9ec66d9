"""The safety room on the pages, the print views, Excel and the API: a patrol walked on the phone by typed code
and by scanned URL, a finding made a hazard in one step; hazards, crews and meetings (PATROL-1, FIRE-1, CREW-1)."""
from __future__ import annotations

import base64
import datetime as dt

import pytest

from core.demo import tiny_png
from core.testing.fixtures import login
from safety.models import Hazard, Meeting, Visit
from safety.services import crews, fire
from safety.states import HazardSource
from safety.tests.helpers import GUARD, MORNING, OFFICER, SIGNATURE, at, route

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("PATROL-1")
def test_a_patrol_on_the_phone_by_short_code_and_by_scanned_url(client, project, users):
    r = route(project, users, points=2, photo_at=(2,))
    first, second = r.checkpoints.all()
    login(client, users[GUARD], project)
    assert client.get("/safety/patrol/").status_code == 200
    assert client.post("/safety/patrol/", {"code": "NOPE99"}).status_code == 404
    done = client.post("/safety/patrol/", {"code": first.short_code, "finding": "消防栓门损坏"})
    assert done.status_code == 302
    visit = Visit.objects.get(checkpoint=first)
    assert client.get(done["Location"]).status_code == 200
    page = client.get(f"/safety/p/{second.token}/")
    assert page.status_code == 200
    assert client.post(f"/safety/p/{second.token}/", {}).status_code == 400  # the photo this point asks for
    from django.core.files.uploadedfile import SimpleUploadedFile
    photo = SimpleUploadedFile("p.png", tiny_png(), content_type="image/png")
    assert client.post(f"/safety/p/{second.token}/", {"photo": photo}).status_code == 302
    assert client.get("/safety/p/not-a-token/").status_code == 404
    acted = client.post(f"/safety/visits/{visit.pk}/", {"outcome": "hazard", "deadline": "2026-03-12"})
    assert acted.status_code == 302
    visit.refresh_from_db()
    assert Hazard.objects.filter(number=visit.outcome_ref).exists()
    assert client.get(f"/safety/rounds/{visit.round_id}/").status_code == 200
    assert client.get("/safety/rounds/?only=exceptions").status_code == 200
    assert client.get("/safety/routes/").status_code == 200
    codes = client.get(f"/safety/routes/{r.pk}/codes/")
    assert codes.status_code == 200 and first.short_code in codes.content.decode()
    login(client, users["dangan"], project)
    assert client.post("/safety/patrol/", {"code": first.short_code}).status_code == 403


@pytest.mark.req("PATROL-1")
def test_the_api_signs_in_with_a_photo_and_lists_rounds(api_as, project, users):
    r = route(project, users, points=1, photo_at=(1,))
    point = r.checkpoints.get()
    api = api_as(users[GUARD])
    refused = api.post("/api/safety/sign-in/", {"token": point.token}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "photo_required"
    done = api.post("/api/safety/sign-in/", {"token": point.token, "photo": base64.b64encode(tiny_png()).decode(),
                                             "finding": "门禁损坏"}, format="json")
    assert done.status_code == 201 and done.json()["result"] == "on_time"
    again = api.post("/api/safety/sign-in/", {"token": point.token, "photo": "x"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "invalid_file_type"
    listed = api.get(f"/api/safety/rounds/?project={project.pk}")
    assert listed.status_code == 200
    rows = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    visits = [v for r in rows for v in r["visits"]]
    assert [(v["checkpoint_name"], v["finding"]) for v in visits] == [(point.name, "门禁损坏")]
    act = api.post(f"/api/safety/visits/{done.json()['id']}/act/", {"outcome": "duty_log"}, format="json")
    assert act.status_code == 200 and act.json()["outcome"] == "duty_log"
    assert api.post(f"/api/safety/visits/{done.json()['id']}/act/", {"outcome": "duty_log"},
                    format="json").status_code == 409


@pytest.mark.req("FIRE-1", "FIRE-6")
def test_hazards_on_the_pages_the_notice_and_the_excel_register(client, api_as, project, users):
    login(client, users[OFFICER], project)
    form = {"source": "fire_authority", "location": "车库", "description": "卷帘下堆物", "deadline": "2026-03-15",
            "order_number": "", "reply_due": "2026-03-20"}
    assert client.post("/safety/hazards/", form).status_code == 400 and not Hazard.objects.exists()
    done = client.post("/safety/hazards/", {**form, "order_number": "责令1号"})
    assert done.status_code == 302
    h = Hazard.objects.get()
    url = f"/safety/hazards/{h.pk}/"
    assert client.post(url, {"action": "reply", "reply": "复函"}).status_code == 409
    assert client.post(url, {"action": "rectify", "note": "已清理"}).status_code == 302
    login(client, users["gczg"], project)
    assert client.post(url, {"action": "pass"}).status_code == 409  # no written reply yet
    assert client.post(url, {"action": "reply", "reply": "复函：已整改"}).status_code == 302
    assert client.post(url, {"action": "pass"}).status_code == 302
    h.refresh_from_db()
    assert h.status == "closed"
    notice = client.get(f"/safety/hazards/{h.pk}/notice/")
    assert notice.status_code == 200 and h.number in notice.content.decode()
    sheet = client.get("/safety/hazards/export/")
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    api = api_as(users[OFFICER])
    listed = api.get("/api/safety/hazards/").json()
    assert h.number in str(listed)
    created = api.post("/api/safety/hazards/", {"project": project.pk, "source": "other", "location": "泵房",
                                                "description": "漏水", "deadline": "2026-03-01"}, format="json")
    assert created.status_code == 400 and created.json()["code"] == "invalid_date"


@pytest.mark.req("FIRE-1", "FIRE-2", "FIRE-3")
def test_inspection_tests_and_exercises_pages_and_prints(client, project, users):
    from core.testing.fixtures import PASSWORD
    login(client, users[OFFICER], project)
    assert client.post("/safety/inspections/", {"areas": "泵房", "password": "bad"}).status_code == 403
    assert client.post("/safety/inspections/", {"areas": "泵房", "password": PASSWORD}).status_code == 302
    from safety.models import Inspection
    inspection = Inspection.objects.get()
    printed = client.get(f"/safety/inspections/{inspection.pk}/print/")
    assert printed.status_code == 200 and inspection.number in printed.content.decode()
    fire.add_equipment(project=project, by=users[OFFICER], kind="pump", label="1#泵", location="泵房",
                       installed_on=dt.date(2026, 2, 10))
    fire.schedule_tests(project, MORNING.date())
    assert client.get("/safety/tests/").status_code == 200
    from safety.models import EquipmentTest
    test = EquipmentTest.objects.get()
    assert client.post("/safety/tests/", {"test": test.pk, "action": "pass"}).status_code == 200
    test.refresh_from_db()
    assert test.status == "done"
    assert client.get("/safety/tests/print/?year=2026&month=3").status_code == 200
    assert client.get("/safety/exercises/").status_code == 200
    assert client.post("/safety/exercises/", {"action": "exercise", "kind": "drill", "held_on": "2026-03-10",
                                              "topic": "疏散", "attendees": "20"}).status_code == 200
    assert client.post("/safety/exercises/", {"action": "test", "person": "abc", "score": "80"}).status_code == 400


@pytest.mark.req("CREW-1", "CREW-2")
def test_a_meeting_held_and_signed_on_the_phone_and_its_ledger_printed(client, project, users):
    crew = crews.add_crew(project=project, by=users[OFFICER], name="保洁一班", contractor="洁美", work="保洁")
    member = crews.add_member(crew=crew, by=users[OFFICER], name="刘阿姨",
                              protections=[("防滑鞋", MORNING.date() + dt.timedelta(days=30))])
    login(client, users["gongcheng1"], project)
    url = f"/safety/crews/{crew.pk}/"
    assert client.get(url).status_code == 200
    form = {"action": "meeting", "hazards": "湿滑", "tasks": "大堂", "members": [member.pk]}
    assert client.post(url, form).status_code == 400  # the notices not posted
    done = client.post(url, {**form, "notices_posted": "on"})
    assert done.status_code == 302
    meeting = Meeting.objects.get()
    assert client.get(done["Location"]).status_code == 200
    m_url = f"/safety/meetings/{meeting.pk}/"
    assert client.post(m_url, {"action": "sign", "member": member.pk, "signature": ""}).status_code == 400
    assert client.post(m_url, {"action": "sign", "member": member.pk, "signature": SIGNATURE}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "signed"
    ledger = client.get(f"/safety/crews/{crew.pk}/ledger/?year=2026&month=3")
    assert ledger.status_code == 200 and "刘阿姨" in ledger.content.decode()
    assert client.post(m_url, {"action": "check_pass"}).status_code == 403  # a technician does not spot-check
    login(client, users["kfzg"], project)
    assert client.post(m_url, {"action": "check_pass"}).status_code == 302
    assert client.post("/safety/crews/", {"name": ""}).status_code == 400
    assert client.post(url, {"action": "accident", "occurred_at": "2026-03-11T08:00",
                             "description": "滑倒"}).status_code == 400  # in the future
    assert client.post(url, {"action": "accident", "occurred_at": "2026-03-10T08:00",
                             "description": "滑倒"}).status_code == 302
    from safety.models import Accident
    a = Accident.objects.get()
    login(client, users["gongcheng1"], project)
    assert client.post(f"/safety/accidents/{a.pk}/", {"cause": "c", "responsibility": "r", "measures": "m",
                                                      "education": "e"}).status_code == 403
    login(client, users["kfzg"], project)
    assert client.post(f"/safety/accidents/{a.pk}/", {"cause": "x"}).status_code == 400
    assert client.post(f"/safety/accidents/{a.pk}/", {"cause": "c", "responsibility": "r", "measures": "m",
                                                      "education": "e"}).status_code == 302


def test_another_projects_people_see_nothing(client, project, other_project, users):
    h = fire.register_hazard(project=project, by=users[OFFICER], source=HazardSource.OTHER, location="x",
                             description="y", deadline=MORNING.date())
    login(client, users["bj_baz"], other_project)
    assert client.get(f"/safety/hazards/{h.pk}/").status_code == 404
    assert client.get(f"/safety/hazards/{h.pk}/notice/").status_code == 404
