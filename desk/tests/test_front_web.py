"""Pages, print views, Excel exports and API of the desk's daily registers (FRONT-1..4): the clerk, another
project's record, a role without access; stable error codes on the API; today's visitors on the desk page."""
import pytest

from desk.models import Deposit, DeskClose, MailItem, Visitor, VisitorStatus
from desk.services import deposits, visitors
from desk.tests.front_helpers import ID_CARD, SIGNATURE, deposit, held, morning, parcel, unit_of, visitor


@pytest.mark.req("FRONT-1")
def test_the_clerk_registers_and_admits_a_visitor_on_the_pages_and_sees_today_on_the_desk(client, project, users,
                                                                                           travel):
    morning(travel)
    client.force_login(users["kefu1"])
    assert client.get("/desk/visitors/new/").status_code == 200
    response = client.post("/desk/visitors/new/", {"visitor_name": "王来访", "id_type": "resident_card",
                                                    "id_number": ID_CARD, "host_kind": "resident",
                                                    "unit": unit_of(project).pk, "purpose": "探亲", "party_size": "1"})
    v = Visitor.objects.get()
    assert response.status_code == 302
    html = client.get(f"/desk/visitors/{v.pk}/").content.decode()
    assert ID_CARD not in html and ID_CARD[-4:] in html
    client.post(f"/desk/visitors/{v.pk}/", {"action": "admit", "method": "phone", "agreed_by": "业主"})
    assert Visitor.objects.get().status == VisitorStatus.ADMITTED
    assert v.serial in client.get("/desk/").content.decode()
    assert v.serial in client.get("/desk/visitors/print/").content.decode()
    assert client.get("/desk/visitors/export.xlsx").content[:2] == b"PK"


@pytest.mark.req("FRONT-2", "FRONT-3", "FRONT-4")
def test_the_registers_pages_prints_and_exports_open_for_the_clerk(client, project, users, travel):
    morning(travel)
    item, kept = parcel(project, users["kefu1"]), held(project, users)
    client.force_login(users["kefu1"])
    for url in ("/desk/mail/", "/desk/mail/new/", f"/desk/mail/{item.pk}/", "/desk/mail/subscriptions/",
                "/desk/deposits/", "/desk/deposits/new/", f"/desk/deposits/{kept.pk}/", "/desk/closing/"):
        assert client.get(url).status_code == 200, url
    assert item.serial in client.get("/desk/mail/print/").content.decode()
    assert kept.serial in client.get("/desk/deposits/print/").content.decode()
    for url in ("/desk/mail/export.xlsx", "/desk/deposits/export.xlsx"):
        assert client.get(url).content[:2] == b"PK"
    response = client.post("/desk/closing/", {"next_clerk": users["kefu1"].pk, "cabinet_locked": "on",
                                              "keys_returned": "on"})
    assert response.status_code == 200 and not DeskClose.objects.exists()


@pytest.mark.req("FRONT-1", "FRONT-3", "CORE-1", "CORE-2")
def test_other_projects_records_are_not_found_and_guards_are_refused(client, api_as, project, other_project, users,
                                                                     travel):
    morning(travel)
    theirs = visitor(other_project, users["bj_kefu1"], unit=unit_of(other_project))
    client.force_login(users["kefu1"])
    assert client.get(f"/desk/visitors/{theirs.pk}/").status_code == 404
    assert api_as(users["kefu1"]).get(f"/api/desk/visitors/{theirs.pk}/").status_code == 404
    client.force_login(users["baoan1"])
    for url in ("/desk/visitors/", "/desk/mail/", "/desk/deposits/", "/desk/closing/", "/desk/visitors/print/"):
        assert client.get(url).status_code == 403, url
    assert api_as(users["baoan1"]).get("/api/desk/visitors/", {"project": project.pk}).status_code == 403


@pytest.mark.req("FRONT-1", "FRONT-2", "FRONT-3", "FRONT-4")
def test_the_api_answers_stable_codes_and_never_an_id_number(api_as, project, users, travel):
    morning(travel)
    api = api_as(users["kefu1"])
    response = api.post("/api/desk/visitors/", {"project": project.pk, "visitor_name": "王", "host_kind": "resident",
                                                "unit": unit_of(project).pk, "purpose": "送货"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/desk/visitors/{pk}/admit/", {"method": "phone", "agreed_by": "业主"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "id_not_shown"
    response = api.post(f"/api/desk/visitors/{pk}/identify/", {"id_type": "resident_card", "id_number": ID_CARD},
                        format="json")
    assert response.status_code == 200 and ID_CARD not in response.content.decode()
    assert api.post(f"/api/desk/visitors/{pk}/admit/", {"method": "phone", "agreed_by": "业主"},
                    format="json").json()["status"] == "admitted"
    response = api.post("/api/desk/mail/", {"project": project.pk, "kind": "letter", "unit": unit_of(project).pk,
                                            "addressee": "业主", "seal_state": "damaged", "damage_note": "湿"})
    assert response.status_code == 400 and response.json()["code"] == "damage_photo_required"
    assert not MailItem.objects.exists()
    response = api.post("/api/desk/deposits/", {"project": project.pk, "kind": "deposit", "description": "伞",
                                                "pieces": 1, "depositor_name": "业主", "reason": "暂存"},
                        format="json")
    assert response.status_code == 201
    dep = response.json()["id"]
    response = api.post(f"/api/desk/deposits/{dep}/sign-in/", {"signature": SIGNATURE}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "not_approved"
    response = api_as(users["kfzg"]).post(f"/api/desk/deposits/{dep}/decide/", {"approve": True}, format="json")
    assert response.status_code == 200 and Deposit.objects.get().status == "approved"
    response = api.post("/api/desk/closes/", {"project": project.pk, "next_clerk": users["kefu1"].pk,
                                              "cabinet_locked": True, "keys_returned": True}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "next_clerk_self"
    assert not hasattr(visitors, "open_mail") and not deposits.Deposit.objects.filter(status="held").exists()


@pytest.mark.req("FRONT-3")
def test_the_supervisor_decides_on_the_page(client, project, users, travel):
    morning(travel)
    pending = deposit(project, users["kefu1"])
    client.force_login(users["kfzg"])
    client.post(f"/desk/deposits/{pending.pk}/", {"action": "reject", "comment": ""})
    assert Deposit.objects.get().status == "pending"
    client.post(f"/desk/deposits/{pending.pk}/", {"action": "reject", "comment": "不代收现金"})
    assert Deposit.objects.get().status == "rejected"


def test_the_schema_has_no_warnings_for_the_registers(api_as, users, capsys):
    response = api_as(users["admin"]).get("/api/schema/")
    assert response.status_code == 200 and b"/api/desk/visitors/" in response.content
    err = capsys.readouterr().err
    assert "desk/rest/registers.py" not in err and "desk.rest.registers" not in err, err
