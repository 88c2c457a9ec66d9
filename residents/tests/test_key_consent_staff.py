"""The key room asks a household's consent to use its deposited key from the staff side (RES-2, KEY-DEPOSIT): from
the deposited key's page or the residents' room, page and API alike; the household answers in the portal and the
answer shows on the staff side; every refusal changes nothing."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from core.models import ChannelDelivery, Unit
from core.testing.fixtures import login
from keys.tests.deposit_helpers import make_deposit
from residents.models import KeyConsent, Notice
from residents.services import notices, portal
from residents.states import ConsentState
from residents.tests.helpers import NOON, household, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.req("RES-2")]


def staff(user, project) -> Client:
    return login(Client(), user, project)


def test_a_key_clerk_asks_from_the_deposited_keys_page_and_sees_the_households_refusal(project, users, sms_file,
                                                                                         travel):
    travel(NOON)
    deposit = make_deposit(project, users)
    ref = f"keys.deposit:{deposit.pk}"
    clerk = staff(users["kefu1"], project)  # 客服助理 and key keeper
    page = clerk.get(reverse("pages:deposit-detail", args=[deposit.pk])).content.decode()
    link = next(part.split('"')[0] for part in page.split('href="')[1:]
                if part.startswith(reverse("residents:consents") + "?"))
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query == {"unit": [str(deposit.unit.pk)], "deposit": [ref]}
    form = clerk.get(link.replace("&amp;", "&"))
    assert form.status_code == 200 and f'value="{ref}" selected' in form.content.decode()
    response = clerk.post(reverse("residents:consents"), {"unit": deposit.unit.pk, "deposit": ref,
                                                          "purpose": "楼上漏水，需入户关闭水阀"})
    assert response.status_code == 302
    consent = KeyConsent.objects.get()
    assert (consent.asked_by, consent.deposit_ref, consent.unit) == (users["kefu1"], ref, deposit.unit)
    assert Notice.objects.get(kind="consent").unit == deposit.unit
    assert ChannelDelivery.objects.filter(kind="residents.consent").exists()
    listing = clerk.get(reverse("residents:consents")).content.decode()
    assert "楼上漏水，需入户关闭水阀" in listing and 'badge pending' in listing
    session = sign_in(project, sms_file, "1", "101")
    portal.answer_consent(session, consent_id=consent.pk, consent=False)
    listing = clerk.get(reverse("residents:consents") + "?state=refused").content.decode()
    assert "badge refused" in listing and session.resident.name in listing
    assert "楼上漏水" not in clerk.get(reverse("residents:consents") + "?state=consented").content.decode()
    detail = clerk.get(reverse("pages:deposit-detail", args=[deposit.pk])).content.decode()
    assert str(ConsentState.REFUSED.label) in detail and "楼上漏水，需入户关闭水阀" in detail


def test_the_residents_room_finds_the_household_by_building_and_room(project, users, sms_file, travel):
    travel(NOON)
    deposit = make_deposit(project, users)
    clerk = staff(users["kfzg"], project)
    found = clerk.get(reverse("residents:consents"), {"building": deposit.unit.building_id, "number": "101"})
    assert found.status_code == 200 and f"keys.deposit:{deposit.pk}" in found.content.decode()
    missing = clerk.get(reverse("residents:consents"), {"building": deposit.unit.building_id, "number": "9999"})
    assert missing.status_code == 200 and 'id="ask-consent"' not in missing.content.decode()
    empty_unit, _ = household(project, "2", "201")  # no key deposited: nothing to ask about
    assert 'id="ask-consent"' not in clerk.get(reverse("residents:consents"), {"unit": empty_unit.pk}).content.decode()


def test_the_page_refuses_with_the_status_and_changes_nothing(project, other_project, users, sms_file, travel,
                                                              unchanged):
    travel(NOON)
    deposit = make_deposit(project, users)
    ref = f"keys.deposit:{deposit.pk}"
    clerk, tech = staff(users["kefu1"], project), staff(users["gongcheng1"], project)
    url = reverse("residents:consents")
    with unchanged():
        assert tech.get(url).status_code == 403
        assert tech.post(url, {"unit": deposit.unit.pk, "deposit": ref, "purpose": "x"}).status_code == 403
        assert clerk.post(url, {"unit": deposit.unit.pk, "deposit": ref, "purpose": "  "}).status_code == 400
        other_unit, _ = household(project, "2", "201")  # the key is 1-101's, not 2-201's
        assert clerk.post(url, {"unit": other_unit.pk, "deposit": ref, "purpose": "x"}).status_code == 404
        theirs = Unit.objects.filter(project=other_project).first()
        assert clerk.post(url, {"unit": theirs.pk, "deposit": ref, "purpose": "x"}).status_code == 404
    assert clerk.post(url, {"unit": deposit.unit.pk, "deposit": ref, "purpose": "入户检查"}).status_code == 302
    consent = KeyConsent.objects.get()
    with unchanged(consent):
        response = clerk.post(url, {"unit": deposit.unit.pk, "deposit": ref, "purpose": "再问一次"})
        assert response.status_code == 409 and 'data-code="consent_pending"' in response.content.decode()
    # The staff side only asks: a staff sign-in is no household session, so it cannot answer for the household.
    with unchanged(consent):
        assert clerk.post(reverse("portal:consent", args=[consent.pk]), {"answer": "yes"}).status_code == 403


def test_one_person_with_two_hats_asks_but_only_the_household_answers(project, users, sms_file, travel, two_hats,
                                                                       unchanged):
    travel(NOON)
    deposit = make_deposit(project, users)
    both = two_hats("kefu1", "cs_supervisor", "site_manager")
    consent = notices.ask_key_consent(project=project, by=both, unit=deposit.unit,
                                      deposit_ref=f"keys.deposit:{deposit.pk}", purpose="入户检查")
    client = staff(both, project)
    with unchanged(consent):
        assert client.post(reverse("portal:consent", args=[consent.pk]), {"answer": "yes"}).status_code == 403
    session = sign_in(project, sms_file, "1", "101")
    portal.answer_consent(session, consent_id=consent.pk, consent=True)
    listing = client.get(reverse("residents:consents") + "?state=consented").content.decode()
    assert "badge consented" in listing


def test_the_api_asks_lists_the_answer_and_refuses_with_codes(project, users, sms_file, travel, api_as, unchanged):
    travel(NOON)
    deposit = make_deposit(project, users)
    ref = f"keys.deposit:{deposit.pk}"
    url = reverse("residents-key-consents")
    clerk = api_as(users["kefu1"])
    body = {"project": project.pk, "unit": deposit.unit.pk, "deposit": ref, "purpose": "入户检查"}
    with unchanged():
        assert api_as(users["gongcheng1"]).post(url, body, format="json").json()["code"] == "role_not_allowed"
        assert api_as(users["bj_jingli"]).post(url, body, format="json").status_code == 404
        assert clerk.post(url, {**body, "purpose": ""}, format="json").json()["code"] == "required"
        other_unit, _ = household(project, "2", "201")
        response = clerk.post(url, {**body, "unit": other_unit.pk}, format="json")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
        assert clerk.post(url, {**body, "unit": "１"}, format="json").status_code == 400
        assert clerk.get(url, {"project": "x"}).json()["code"] == "invalid"
    response = clerk.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "pending" and response.json()["deposit"] == ref
    consent = KeyConsent.objects.get()
    with unchanged(consent):
        response = clerk.post(url, body, format="json")
        assert response.status_code == 409 and response.json()["code"] == "consent_pending"
    portal.answer_consent(sign_in(project, sms_file, "1", "101"), consent_id=consent.pk, consent=False)
    listed = clerk.get(url, {"project": project.pk, "deposit": ref}).json()
    assert [(row["state"], row["answered_by"] != "") for row in listed] == [("refused", True)]
    assert clerk.get(url, {"project": project.pk, "state": "pending"}).json() == []
    assert api_as(users["gongcheng1"]).get(url, {"project": project.pk}).status_code == 403


@pytest.mark.req("RES-2")
def test_a_notice_naming_buildings_that_are_not_ids_sends_nothing_and_never_fails(project, users, travel):
    """Found by page fuzzing (issue 14): "²" passes isdigit() and a 20-digit id overflowed the database's integer."""
    travel(NOON)
    clerk = staff(users["kfzg"], project)
    before = Notice.objects.count()
    answer = clerk.post(reverse("residents:notices"), {"kind": "holiday", "text": "春节值班安排",
                                                        "buildings": ["²", "99999999999999999999", "abc"]})
    assert answer.status_code in (200, 400) and Notice.objects.count() == before
