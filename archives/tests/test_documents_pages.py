"""Documents on the pages (DOC-1..3): sign in, instruct, read, print the slip and the registers; a secret
document's file hidden until approved; a signed document refused a change."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archives.models import Document
from core.clock import at_beijing
from core.testing.fixtures import PASSWORD, login

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"1 0 obj\n" * 20


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))


@pytest.mark.req("DOC-1", "DOC-3")
def test_the_pages_sign_in_instruct_circulate_and_print_a_secret_document(client, project, users):
    login(client, users["dangan"], project)
    assert client.get("/archives/documents/").status_code == 200
    form = {"direction": "incoming", "title": "机密来文", "from_unit": "集团公司", "kind": "notice", "pages": "2",
            "secret": "on"}
    refused = client.post("/archives/documents/new/", form)
    assert refused.status_code == 400 and not Document.objects.exists()
    done = client.post("/archives/documents/new/", {**form, "scan": SimpleUploadedFile("a.pdf", PDF)})
    assert done.status_code == 302, done.content.decode()[:500]
    doc = Document.objects.get()
    page = client.get(done["Location"]).content.decode()
    assert doc.serial in page and f"/archives/documents/{doc.pk}/file/" not in page
    assert client.get(f"/archives/documents/{doc.pk}/file/").status_code == 403
    login(client, users["zongjingli"], project)
    assert client.get(f"/archives/documents/{doc.pk}/file/").content == PDF
    given = client.post(f"/archives/documents/{doc.pk}/", {"action": "instruct", "instruction": "客服主管阅",
                                                           "readers": [users["kfzg"].pk]})
    assert given.status_code == 302
    login(client, users["kfzg"], project)
    assert client.post(f"/archives/documents/{doc.pk}/", {"action": "read", "text": "已阅"}).status_code == 302
    slip = client.get(f"/archives/documents/{doc.pk}/circulation/")
    assert slip.status_code == 200 and "已阅" in slip.content.decode() and users["kfzg"].display_name in \
        slip.content.decode()
    register = client.get("/archives/documents/register/?direction=incoming&year=2026")
    assert register.status_code == 200 and doc.serial in register.content.decode()


@pytest.mark.req("DOC-2", "DOC-3")
def test_the_pages_sign_an_outgoing_document_and_refuse_a_change_after(client, project, users):
    login(client, users["kefu2"], project)
    done = client.post("/archives/documents/new/", {"direction": "outgoing", "title": "联系函", "to_unit": "自来水公司",
                                                    "kind": "letter", "pages": "1",
                                                    "scan": SimpleUploadedFile("a.pdf", PDF)})
    assert done.status_code == 302
    doc = Document.objects.get()
    own = client.post(f"/archives/documents/{doc.pk}/", {"action": "sign", "password": PASSWORD})
    assert own.status_code == 403
    login(client, users["zongjingli"], project)
    assert client.post(f"/archives/documents/{doc.pk}/", {"action": "sign", "password": PASSWORD}).status_code == 302
    login(client, users["kefu2"], project)
    changed = client.post(f"/archives/documents/{doc.pk}/", {"action": "revise", "title": "改"})
    assert changed.status_code == 409
    login(client, users["dangan"], project)
    assert client.post(f"/archives/documents/{doc.pk}/", {"action": "register"}).status_code == 302
    doc.refresh_from_db()
    register = client.get("/archives/documents/register/?direction=outgoing&year=2026")
    assert doc.serial.startswith("FW") and doc.serial in register.content.decode()


@pytest.mark.req("DOC-3")
def test_the_generic_attachment_download_keeps_a_secret_document_s_file_hidden(client, project, users):
    from archives.services import documents as svc

    doc = svc.sign_in(project=project, clerk=users["dangan"], title="机密", from_unit="集团", kind="other",
                      secret=True, scan_name="a.pdf", scan_data=PDF)
    login(client, users["kfzg"], project)
    hidden = client.get(f"/attachments/file/{doc.scan_id}/")
    assert hidden.status_code == 403 and hidden.json()["code"] == "secret_needs_approval"
    login(client, users["zongjingli"], project)
    assert client.get(f"/attachments/file/{doc.scan_id}/").content == PDF
