"""Documents over the API (DOC-1..3): the same rules, the same stable codes, never a server error."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from archives.models import Document
from core.clock import at_beijing
from core.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"1 0 obj\n" * 20


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))


def upload(name="文件.pdf", data=PDF):
    f = io.BytesIO(data)
    f.name = name
    return f


@pytest.mark.req("DOC-1", "DOC-3")
def test_an_incoming_secret_document_over_the_api(project, other_project, users, api_as):
    clerk, gm, reader = api_as(users["dangan"]), api_as(users["zongjingli"]), api_as(users["kfzg"])
    form = {"project": project.pk, "title": "机密通知", "from_unit": "集团公司", "kind": "notice", "pages": 2,
            "secret": "true"}
    missing = clerk.post("/api/archives/documents/incoming/", form, format="multipart")
    assert missing.status_code == 400 and missing.json()["code"] == "scan_required"
    made = clerk.post("/api/archives/documents/incoming/", {**form, "file": upload()}, format="multipart")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["serial"].startswith("SW20260608-") and body["file_visible"] is False
    pk = body["id"]
    done = gm.post(f"/api/archives/documents/{pk}/instruct/",
                   {"instruction": "客服部经理阅", "readers": [users["kfzg"].pk]}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "instructed", done.content
    hidden = reader.get(f"/api/archives/documents/{pk}/file/")
    assert hidden.status_code == 403 and hidden.json()["code"] == "secret_needs_approval"
    asked = clerk.post("/api/archives/document-loans/", {"document": pk, "applicant": users["kfzg"].pk,
                                                         "use": "read", "purpose": "传阅"}, format="json")
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    assert gm.post(f"/api/archives/document-loans/{asked.json()['id']}/approve/", {}, format="json").status_code == 200
    shown = reader.get(f"/api/archives/documents/{pk}/file/")
    assert shown.status_code == 200 and shown.content == PDF
    read = reader.post(f"/api/archives/documents/{pk}/read/", {"text": "已阅"}, format="json")
    assert read.status_code == 200 and read.json()["circulation"][0]["opinion"] == "已阅"
    assert clerk.post(f"/api/archives/documents/{pk}/archive/", {}, format="json").json()["status"] == "archived"
    stranger = api_as(users["bj_dangan"])
    assert stranger.get(f"/api/archives/documents/{pk}/").status_code == 404
    assert stranger.post(f"/api/archives/documents/{pk}/archive/", {}, format="json").status_code == 404


@pytest.mark.req("DOC-2", "DOC-3")
def test_an_outgoing_document_over_the_api_and_no_change_after_signature(project, users, api_as):
    drafter, gm, clerk = api_as(users["kefu2"]), api_as(users["zongjingli"]), api_as(users["dangan"])
    made = drafter.post("/api/archives/documents/drafts/", {
        "project": project.pk, "direction": "outgoing", "title": "关于停水的函", "kind": "letter",
        "to_unit": "市自来水公司", "pages": 1, "file": upload()}, format="multipart")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    own = drafter.post(f"/api/archives/documents/{pk}/sign/", {"password": PASSWORD}, format="json")
    assert own.status_code == 403 and own.json()["code"] in {"role_not_allowed", "self_signing"}
    signed = gm.post(f"/api/archives/documents/{pk}/sign/", {"password": PASSWORD}, format="json")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    changed = drafter.post(f"/api/archives/documents/{pk}/revise/", {"title": "改"}, format="multipart")
    assert changed.status_code == 409 and changed.json()["code"] == "document_signed"
    assert Document.objects.get(pk=pk).title == "关于停水的函"
    numbered = clerk.post(f"/api/archives/documents/{pk}/register/", {}, format="json")
    assert numbered.status_code == 200 and numbered.json()["serial"].startswith("FW")
    assert clerk.post(f"/api/archives/documents/{pk}/send/", {}, format="json").json()["status"] == "sent"
    assert clerk.get(f"/api/archives/documents/{pk}/verify/").json()["intact"] is True
    listed = clerk.get(f"/api/archives/documents/?project={project.pk}&direction=outgoing")
    assert listed.status_code == 200
    bad = clerk.get("/api/archives/documents/?direction=sideways")
    assert bad.status_code == 400
