"""The portal's pages and the staff pages (RES-1, RES-2, SURVEY-1, SURVEY-2): a resident signs in from the lobby
code, reports with a photo, follows, confirms and rates — and another household's pages answer "not found"."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import Building
from desk.models import Contact, ContactChannel, RepairStatus
from desk.services import intake_convert, repairs
from keys.tests.deposit_helpers import make_deposit
from residents.models import Campaign, KeyConsent, MatterRating, Notice
from residents.services import access, notices
from residents.tests.helpers import NOON, PNG, SIGNATURE, code_sent, household
from residents.tests.test_surveys import campaign as start_campaign

pytestmark = pytest.mark.django_db


def portal_client(project, sms_file, building="1", number="101") -> Client:
    unit, resident = household(project, building, number)
    point = access.entry_point(unit.building)
    client = Client()
    assert client.get(reverse("portal:entry", args=[point.code])).status_code == 200
    assert client.post(reverse("portal:entry", args=[point.code]), {"phone": resident.phone}).status_code == 200
    code = code_sent(sms_file, resident.phone)
    response = client.post(reverse("portal:verify", args=[point.code]), {"phone": resident.phone, "code": code})
    assert response.status_code == 302 and access.COOKIE in response.cookies
    return client


@pytest.mark.req("RES-1")
def test_a_resident_reports_a_leak_follows_confirms_and_rates_through_the_pages(project, users, sms_file, travel):
    travel(NOON)
    client = portal_client(project, sms_file)
    photo = SimpleUploadedFile("leak.png", PNG, content_type="image/png")
    response = client.post(reverse("portal:report"), {"kind": "repair", "content": "厨房漏水", "photos": [photo]})
    assert response.status_code == 302
    contact = Contact.objects.get(channel=ContactChannel.ONLINE)
    repair = intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电")
    repairs.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    repairs.set_out(repair=repair, technician=users["gongcheng1"])
    repairs.complete_repair(repair=repair, completed_by=users["gongcheng1"], work_done="换阀门")
    assert client.get(reverse("portal:home")).status_code == 200
    page = reverse("portal:matter") + f"?ref={repair.ref}"
    assert client.get(page).status_code == 200
    assert client.post(page, {"ref": repair.ref, "action": "confirm", "signer_name": "业主1-101",
                              "signature": SIGNATURE, "is_adult": "on"}).status_code == 302
    repair.refresh_from_db()
    assert repair.status == RepairStatus.SIGNED
    assert client.post(page, {"ref": repair.ref, "action": "rate", "score": "5"}).status_code == 302
    assert MatterRating.objects.get().score == 5
    assert client.post(page, {"ref": repair.ref, "action": "rate", "score": "1"}).status_code == 409


@pytest.mark.req("RES-1")
def test_without_a_household_session_nothing_opens_and_another_households_pages_are_not_found(
        project, users, sms_file, travel):
    travel(NOON)
    anonymous, staff = Client(), Client()
    staff.force_login(users["kfzg"])  # a staff sign-in is no resident's session
    for client in (anonymous, staff):
        assert client.get(reverse("portal:home")).status_code == 403
        assert client.post(reverse("portal:report"), {"kind": "repair", "content": "x"}).status_code == 403
    theirs = portal_client(project, sms_file, "2", "201")
    theirs.post(reverse("portal:report"), {"kind": "complaint", "content": "邻居噪音"})
    contact = Contact.objects.get()
    mine = portal_client(project, sms_file, "1", "101")
    response = mine.get(reverse("portal:matter") + f"?ref=contact:{contact.pk}")
    assert response.status_code == 404 and "邻居噪音" not in response.content.decode()
    assert "邻居噪音" not in mine.get(reverse("portal:home")).content.decode()
    deposit = make_deposit(project, users)  # building 1, 101's key
    consent = notices.ask_key_consent(project=project, by=users["kfzg"], unit=deposit.unit,
                                      deposit_ref=f"keys.deposit:{deposit.pk}", purpose="入户检查")
    assert theirs.post(reverse("portal:consent", args=[consent.pk]), {"answer": "yes"}).status_code == 404
    assert KeyConsent.objects.get().answered_at is None
    assert mine.post(reverse("portal:consent", args=[consent.pk]), {"answer": "yes"}).status_code == 302
    assert KeyConsent.objects.get().consent is True
    c = start_campaign(project, users, per_building=100)
    unit, _ = household(project, "1", "101")
    c.samples.exclude(unit=unit).delete()  # only 1-101 sampled
    assert theirs.get(reverse("portal:survey", args=[c.pk])).status_code == 404
    assert mine.get(reverse("portal:survey", args=[c.pk])).status_code == 200


@pytest.mark.req("RES-1")
def test_a_wrong_code_on_the_page_is_refused_with_its_status(project, sms_file, travel):
    travel(NOON)
    unit, resident = household(project)
    point = access.entry_point(unit.building)
    client = Client()
    response = client.post(reverse("portal:verify", args=[point.code]), {"phone": resident.phone, "code": "12"})
    assert response.status_code == 400 and access.COOKIE not in response.cookies
    assert client.get(reverse("portal:entry", args=["NOSUCH"])).status_code == 404
    assert client.post(reverse("portal:entry", args=[point.code]), {"phone": "abc"}).status_code == 400


@pytest.mark.req("SURVEY-1")
def test_staff_pages_print_views_and_excel(project, users, sms_file, travel):
    travel(NOON)
    c = start_campaign(project, users)
    clerk, boss, tech = Client(), Client(), Client()
    clerk.force_login(users["kefu1"])
    boss.force_login(users["jingli"])
    tech.force_login(users["gongcheng1"])
    for name in ("residents:campaigns", "residents:notices", "residents:entry-codes", "residents:statistics",
                 "residents:statistics-print"):
        assert clerk.get(reverse(name)).status_code == 200, name
        assert tech.get(reverse(name)).status_code == 403, name
    assert clerk.get(reverse("residents:campaign", args=[c.pk])).status_code == 200
    assert clerk.get(reverse("residents:questionnaire-print", args=[c.pk])).status_code == 200
    response = boss.get(reverse("residents:statistics-export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sample = c.samples.first()
    q = list(c.questionnaire.questions.all())
    response = clerk.post(reverse("residents:campaign", args=[c.pk]), {
        "sample": sample.pk, "respondent": "王先生", f"q{q[0].pk}": "5", f"q{q[1].pk}": "yes", f"q{q[2].pk}": "保洁"})
    assert response.status_code == 302 and c.responses.count() == 1
    response = clerk.post(reverse("residents:campaign", args=[c.pk]), {
        "sample": sample.pk, "respondent": "王先生", f"q{q[0].pk}": "5", f"q{q[1].pk}": "yes", f"q{q[2].pk}": "保洁"})
    assert response.status_code == 409 and c.responses.count() == 1
    response = clerk.post(reverse("residents:campaigns"), {
        "name": "年度调查", "title": "服务满意度调查表", "q0_kind": "rating", "q0_text": "维修满意吗", "q0_service": "维修",
        "q0_department": "engineering",
        "starts": "2026-12-01", "ends": "2026-12-20", "buildings": [b.pk for b in Building.objects.filter(
            project=project)], "per_building": "2"})
    assert response.status_code == 302 and Campaign.objects.filter(name="年度调查").exists()


@pytest.mark.req("RES-2")
def test_staff_send_a_visit_invitation_from_the_page(project, users, sms_file, travel):
    travel(NOON)
    clerk = Client()
    clerk.force_login(users["kefu1"])
    two = Building.objects.get(project=project, code="2")
    response = clerk.post(reverse("residents:notices"), {"kind": "visit_invitation", "text": "诚邀参加业主座谈会",
                                                         "buildings": [two.pk]})
    assert response.status_code == 302
    assert set(Notice.objects.values_list("unit__building__code", flat=True)) == {"2"}
    assert clerk.post(reverse("residents:notices"), {"kind": "visit_invitation", "text": "x"}).status_code == 400


@pytest.mark.req("SURVEY-1")
def test_the_satisfaction_api_answers_rates_and_refuses_with_codes(project, other_project, users, api_as, travel):
    travel(NOON)
    start_campaign(project, users)
    url = reverse("residents-satisfaction")
    response = api_as(users["jingli"]).get(url, {"project": project.pk})
    assert response.status_code == 200, response.json()
    assert response.json()["trend"][0]["number"].startswith("MYD-")
    assert api_as(users["gongcheng1"]).get(url, {"project": project.pk}).status_code == 403
    assert api_as(users["jingli"]).get(url, {"project": "x"}).json()["code"] == "invalid"
    assert api_as(users["bj_jingli"]).get(url, {"project": project.pk}).status_code == 404
