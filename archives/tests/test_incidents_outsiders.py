"""An archive lost, damaged or leaked (ARCH-6), and outsiders reading archives (ARCH-8)."""
from __future__ import annotations

import datetime as dt

import pytest

from archives.models import Accountability, ArchiveIncident, IncidentStatus, LoanKind, OutsiderReading, OutsiderStatus
from archives.services import incidents, outsiders
from archives.services import lending as svc
from archives.tests.helpers import file, shelve, volume
from core.clock import at_beijing
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Attachment
from core.signatures import signatures_of
from core.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

SIG = "data:image/png;base64," + "A" * 300
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ID = "110101199003071234"


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))


@pytest.fixture
def vol(project, users):
    v = volume(project, users, "QJ")
    file(v, users)
    shelve(v, users, 1)
    v.refresh_from_db()
    return v


# --- ARCH-6 ----------------------------------------------------------------------------------------------------
@pytest.mark.req("ARCH-6")
def test_a_short_return_writes_the_report_at_once_and_the_manager_decides_accountability(vol, users):
    loan = svc.approve(loan=svc.apply(volume=vol, applicant=users["gongcheng1"], registered_by=users["dangan"],
                                      kind=LoanKind.BORROW, purpose="核对"), approver=users["jingli"])
    loan = svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    svc.take_back(loan=loan, receiver=users["dangan"], counted=1, holder_password=PASSWORD, accept_discrepancy=True,
                  note="缺二月检查表")
    report = ArchiveIncident.objects.get(loan=loan)
    assert (report.kind, report.responsible, report.status) == ("lost", users["gongcheng1"], IncidentStatus.OPEN)
    assert "缺二月检查表" in report.report and report.serial.startswith("DS20260608-")
    decided = incidents.decide(incident=report, decided_by=users["jingli"], accountability=Accountability.WARNING,
                               note="通报批评，限期找回")
    assert decided.status == IncidentStatus.DECIDED and decided.decided_by == users["jingli"]


@pytest.mark.req("ARCH-6")
def test_only_the_manager_decides_never_a_person_named_in_the_report(vol, users, two_hats, unchanged):
    report = incidents.report(volume=vol, kind="damaged", text="卷内第1份被水浸湿", reported_by=users["dangan"],
                              responsible=users["kefu2"])
    with unchanged(), pytest.raises(NotAllowed) as err:
        incidents.decide(incident=report, decided_by=users["kfzg"], accountability="none", note="x")
    assert err.value.code == "role_not_allowed"
    two_hats("kefu2", "site_manager")  # the person responsible is also a manager: still not hers to decide
    with unchanged(), pytest.raises(NotAllowed) as err:
        incidents.decide(incident=report, decided_by=users["kefu2"], accountability="none", note="无责任")
    assert err.value.code == "same_person"
    two_hats("dangan", "site_manager")  # nor the archivist who wrote the report
    with unchanged(), pytest.raises(NotAllowed) as err:
        incidents.decide(incident=report, decided_by=users["dangan"], accountability="none", note="无责任")
    assert err.value.code == "same_person"
    with unchanged(), pytest.raises(DomainError) as err:
        incidents.decide(incident=report, decided_by=users["jingli"], accountability="fine", note="x")
    assert err.value.code == "invalid_choice"
    incidents.decide(incident=report, decided_by=users["jingli"], accountability="administrative", note="记过")
    with unchanged(), pytest.raises(Conflict) as err:
        incidents.decide(incident=report, decided_by=users["jingli"], accountability="none", note="改判")
    assert err.value.code == "already_decided"


@pytest.mark.req("ARCH-6")
def test_a_report_needs_its_text_and_a_person_responsible(vol, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as err:
        incidents.report(volume=vol, kind="leaked", text=" ", reported_by=users["dangan"], responsible=users["kefu2"])
    assert err.value.code == "required"
    with unchanged(), pytest.raises(DomainError) as err:
        incidents.report(volume=vol, kind="leaked", text="复印件外流", reported_by=users["dangan"])
    assert err.value.code == "required" and err.value.details == {"field": "responsible"}
    with unchanged(), pytest.raises(DomainError) as err:
        incidents.report(volume=vol, kind="stolen", text="x", reported_by=users["dangan"], responsible_name="某人")
    assert err.value.code == "invalid_kind"


# --- ARCH-8 ----------------------------------------------------------------------------------------------------
def registered(vol, users, **kw):
    fields = {"visitor_name": "王审计", "visitor_unit": "市住建局", "id_number": ID, "purpose": "物业服务检查",
              **kw}
    return outsiders.register(volume=vol, registered_by=users["dangan"], **fields)


@pytest.mark.req("ARCH-8")
def test_an_outsider_reads_with_a_letter_an_id_and_a_leader_s_approval(vol, users):
    reading = registered(vol, users)
    assert reading.id_number_cipher and ID not in reading.id_number_cipher and reading.id_number_hint == "1234"
    outsiders.attach_letter(reading=reading, uploaded_by=users["dangan"], name="介绍信.png", data=PNG)
    assert Attachment.objects.get(object_id=str(reading.pk)).encrypted  # the letter is encrypted at rest
    reading = outsiders.decide(reading=reading, approver=users["jingli"], approve=True)
    assert reading.status == OutsiderStatus.APPROVED
    reading = outsiders.begin(reading=reading, archivist=users["dangan"], counted=2, signature_image=SIG)
    assert reading.status == OutsiderStatus.READING
    reading = outsiders.finish(reading=reading, archivist=users["dangan"], counted=2)
    assert reading.status == OutsiderStatus.CLOSED
    assert {s.capacity for s in signatures_of(reading)} == {"archives_outsider", "archives_taken_back_by"}


@pytest.mark.req("ARCH-8")
def test_no_approval_without_the_letter_and_not_by_the_archivist_who_registered_it(vol, users, two_hats,
                                                                                   unchanged):
    reading = registered(vol, users)
    with unchanged(), pytest.raises(DomainError) as err:
        outsiders.decide(reading=reading, approver=users["jingli"], approve=True)
    assert err.value.code == "letter_required"
    outsiders.attach_letter(reading=reading, uploaded_by=users["dangan"], name="介绍信.png", data=PNG)
    two_hats("dangan", "site_manager")
    with unchanged(), pytest.raises(NotAllowed) as err:
        outsiders.decide(reading=reading, approver=users["dangan"], approve=True)
    assert err.value.code == "self_approval"
    with unchanged(), pytest.raises(NotAllowed) as err:
        outsiders.decide(reading=reading, approver=users["kfzg"], approve=True)
    assert err.value.code == "approver_not_allowed"
    with unchanged(), pytest.raises(DomainError) as err:
        outsiders.decide(reading=reading, approver=users["jingli"], approve=False)
    assert err.value.code == "required"  # a rejection gives its reason
    rejected = outsiders.decide(reading=reading, approver=users["jingli"], approve=False, comment="无介绍信原件")
    assert rejected.status == OutsiderStatus.REJECTED
    with unchanged(), pytest.raises(Conflict) as err:
        outsiders.begin(reading=rejected, archivist=users["dangan"], counted=2, signature_image=SIG)
    assert err.value.code == "not_approved"


@pytest.mark.req("ARCH-8", "ARCH-5")
def test_bad_ids_confidential_volumes_and_miscounts_are_refused(vol, project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as err:
        registered(vol, users, id_number="12345")
    assert err.value.code == "invalid_id_number"
    rs = volume(project, users, "RS", title="员工个人档案")
    with unchanged(), pytest.raises(NotAllowed) as err:
        registered(rs, users)
    assert err.value.code == "confidential_not_lent"
    reading = registered(vol, users)
    outsiders.attach_letter(reading=reading, uploaded_by=users["dangan"], name="介绍信.png", data=PNG)
    reading = outsiders.decide(reading=reading, approver=users["jingli"], approve=True)
    with unchanged(), pytest.raises(DomainError) as err:
        outsiders.begin(reading=reading, archivist=users["dangan"], counted=3, signature_image=SIG)
    assert err.value.code == "count_mismatch"
    with unchanged(), pytest.raises(DomainError) as err:
        outsiders.begin(reading=reading, archivist=users["dangan"], counted=2, signature_image="")
    assert err.value.code == "signature_required"
    reading = outsiders.begin(reading=reading, archivist=users["dangan"], counted=2, signature_image=SIG)
    with unchanged(), pytest.raises(DomainError) as err:
        outsiders.finish(reading=reading, archivist=users["dangan"], counted=1)
    assert err.value.code == "return_mismatch"
    assert OutsiderReading.objects.get(pk=reading.pk).status == OutsiderStatus.READING


@pytest.mark.req("ARCH-6", "ARCH-8")
def test_over_the_api_a_report_is_decided_and_an_outsider_reads_without_the_id_ever_answered(vol, users, api_as):
    import io

    archivist, manager = api_as(users["dangan"]), api_as(users["jingli"])
    made = archivist.post("/api/archives/incidents/", {"volume": vol.pk, "kind": "damaged", "report": "封面破损",
                                                       "responsible": users["kefu2"].pk}, format="json")
    assert made.status_code == 201, made.content
    refused = archivist.post(f"/api/archives/incidents/{made.json()['id']}/decide/",
                             {"accountability": "none", "note": "x"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "role_not_allowed"
    done = manager.post(f"/api/archives/incidents/{made.json()['id']}/decide/",
                        {"accountability": "warning", "note": "批评教育"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "decided"

    visit = archivist.post("/api/archives/outsiders/", {"volume": vol.pk, "visitor_name": "王审计",
                                                        "visitor_unit": "市住建局", "id_number": ID,
                                                        "purpose": "检查"}, format="json")
    assert visit.status_code == 201 and ID not in visit.content.decode() and visit.json()["id_number_hint"] == "1234"
    pk = visit.json()["id"]
    early = manager.post(f"/api/archives/outsiders/{pk}/approve/", {}, format="json")
    assert early.status_code == 400 and early.json()["code"] == "letter_required"
    letter = io.BytesIO(PNG)
    letter.name = "letter.png"
    uploaded = archivist.post(f"/api/archives/outsiders/{pk}/letter/", {"file": letter}, format="multipart")
    assert uploaded.status_code == 201 and uploaded.json()["letters"] == 1
    assert manager.post(f"/api/archives/outsiders/{pk}/approve/", {}, format="json").json()["status"] == "approved"
    began = archivist.post(f"/api/archives/outsiders/{pk}/begin/", {"counted": 2, "signature_image": SIG},
                           format="json")
    assert began.status_code == 200 and began.json()["status"] == "reading"
    ended = archivist.post(f"/api/archives/outsiders/{pk}/finish/", {"counted": 2}, format="json")
    assert ended.status_code == 200 and ended.json()["status"] == "closed"


@pytest.mark.req("ARCH-6", "ARCH-8")
def test_the_pages_write_a_report_decide_it_and_walk_a_visitor_through(vol, users, client, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.testing.fixtures import login

    login(client, users["dangan"], project)
    assert client.get("/archives/incidents/").status_code == 200
    refused = client.post("/archives/incidents/", {"volume": vol.pk, "kind": "lost", "report": ""})
    assert refused.status_code == 400 and not ArchiveIncident.objects.exists()
    done = client.post("/archives/incidents/", {"volume": vol.pk, "kind": "lost", "report": "第2份遗失",
                                                "responsible": users["kefu2"].pk})
    incident = ArchiveIncident.objects.get()
    assert done.status_code == 302 and incident.serial in client.get(done["Location"]).content.decode()
    login(client, users["jingli"], project)
    assert client.post(f"/archives/incidents/{incident.pk}/", {"accountability": "warning",
                                                               "note": "批评"}).status_code == 302

    login(client, users["dangan"], project)
    made = client.post("/archives/outsiders/", {"volume": vol.pk, "visitor_name": "王审计", "visitor_unit": "市住建局",
                                                "id_number": ID, "purpose": "检查"})
    reading = OutsiderReading.objects.get()
    assert made.status_code == 302
    page = client.get(f"/archives/outsiders/{reading.pk}/").content.decode()
    assert ID not in page and "1234" in page
    letter = SimpleUploadedFile("letter.png", PNG, content_type="image/png")
    assert client.post(f"/archives/outsiders/{reading.pk}/", {"action": "letter", "letter": letter}).status_code == 302
    login(client, users["jingli"], project)
    assert client.post(f"/archives/outsiders/{reading.pk}/", {"action": "approve"}).status_code == 302
    login(client, users["dangan"], project)
    assert client.post(f"/archives/outsiders/{reading.pk}/", {"action": "begin", "counted": "2",
                                                              "signature": SIG}).status_code == 302
    assert client.post(f"/archives/outsiders/{reading.pk}/", {"action": "finish", "counted": "2"}).status_code == 302
    assert OutsiderReading.objects.get().status == OutsiderStatus.CLOSED


@pytest.mark.req("ARCH-8")
def test_a_visit_not_begun_is_not_finished_and_a_letter_upload_needs_its_file(vol, users, api_as, unchanged):
    reading = registered(vol, users)
    outsiders.attach_letter(reading=reading, uploaded_by=users["dangan"], name="介绍信.png", data=PNG)
    reading = outsiders.decide(reading=reading, approver=users["jingli"], approve=True)
    with unchanged(), pytest.raises(Conflict) as err:
        outsiders.finish(reading=reading, archivist=users["dangan"], counted=2)
    assert err.value.code == "not_reading"
    with unchanged():
        empty = api_as(users["dangan"]).post(f"/api/archives/outsiders/{reading.pk}/letter/", {}, format="multipart")
    assert empty.status_code == 400 and empty.json()["code"] == "file_required"


@pytest.mark.req("ARCH-3")
def test_a_reader_who_may_not_keep_the_archive_posting_a_report_is_refused_with_a_page(vol, users, client, project):
    """Found by page fuzzing (issue 14): the keeper check of the POST was outside the page's refusal handling, so
    the manager (who reads the register and decides reports) got a server error instead of a refusal."""
    from core.testing.fixtures import login

    login(client, users["jingli"], project)
    assert client.get("/archives/incidents/").status_code == 200
    answer = client.post("/archives/incidents/", {"volume": vol.pk, "kind": "lost", "report": "第2份遗失",
                                                  "responsible": users["kefu2"].pk})
    assert answer.status_code == 403 and not ArchiveIncident.objects.exists()
