"""Households are told what concerns them (RES-2): repair progress, visit invitations, holiday notices, requests
for consent to use a deposited key — through the company's residents' channel, once each."""
from __future__ import annotations

import pytest

from core import channels
from core.errors import DomainError
from core.models import Building, ChannelDelivery
from desk.models import Contact
from desk.services import intake_convert, repairs
from duty.models import DutyEntry
from keys.tests.deposit_helpers import make_deposit
from residents.models import KeyConsent, Notice
from residents.services import notices, portal
from residents.tests.helpers import NOON, household, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.req("RES-2")]


def test_a_holiday_notice_reaches_every_household_of_the_chosen_building_only(project, users, sms_file, travel,
                                                                              unchanged):
    travel(NOON)
    one = Building.objects.get(project=project, code="1")
    households = notices.send_to_buildings(project=project, by=users["kefu1"], kind="holiday",
                                           text="国庆期间停止装修施工", buildings=[one])
    assert households == 6  # floors 1, 2, 12 × two rooms; floor 3 is vacant
    assert set(Notice.objects.values_list("unit__building__code", flat=True)) == {"1"}
    phones = set(ChannelDelivery.objects.values_list("to", flat=True))
    _unit, resident = household(project, "1", "101")
    _other, theirs = household(project, "2", "101")
    assert resident.phone in phones and theirs.phone not in phones
    channels.deliver_due()
    assert "国庆期间停止装修施工" in sms_file.read_text(encoding="utf-8")
    with unchanged(), pytest.raises(DomainError) as refused:
        notices.send_to_buildings(project=project, by=users["gongcheng1"], kind="holiday", text="x", buildings=[one])
    assert refused.value.status == 403
    with unchanged(), pytest.raises(DomainError) as refused:
        notices.send_to_buildings(project=project, by=users["kefu1"], kind="bogus", text="x", buildings=[one])
    assert refused.value.code == "invalid_kind"


def test_repair_progress_is_told_once_per_step(project, users, sms_file, travel):
    travel(NOON)
    session = sign_in(project, sms_file)
    number = portal.report(session, kind="repair", content="阳台漏水")
    assert notices.sweep_progress(project) == 0  # what the household just sent is no news to it
    repair = intake_convert.contact_to_repair(contact=Contact.objects.get(serial=number), actor=users["kefu1"],
                                              category="水电")
    repairs.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    assert notices.sweep_progress(project) == 1
    assert notices.sweep_progress(project) == 0  # nothing new: nothing sent twice
    notice = Notice.objects.get(kind="repair_progress")
    repair.refresh_from_db()
    assert notice.unit == session.unit and repair.slip_number in notice.text
    assert ChannelDelivery.objects.filter(kind="residents.repair_progress", to=session.resident.phone).count() == 1


def test_the_key_room_asks_consent_and_the_household_answers_into_the_duty_log(project, users, sms_file, travel,
                                                                               unchanged):
    travel(NOON)
    deposit = make_deposit(project, users)
    session = sign_in(project, sms_file, "1", "101")
    assert deposit.unit == session.unit
    ref = f"keys.deposit:{deposit.pk}"
    with unchanged(), pytest.raises(DomainError) as refused:  # a technician does not ask
        notices.ask_key_consent(project=project, by=users["gongcheng1"], unit=session.unit, deposit_ref=ref,
                                purpose="楼上漏水入户检查")
    assert refused.value.status == 403
    consent = notices.ask_key_consent(project=project, by=users["kfzg"], unit=session.unit, deposit_ref=ref,
                                      purpose="楼上漏水入户检查")
    assert Notice.objects.get(kind="consent").unit == session.unit
    with unchanged(), pytest.raises(DomainError) as refused:
        notices.ask_key_consent(project=project, by=users["kfzg"], unit=session.unit, deposit_ref=ref, purpose="x")
    assert refused.value.code == "consent_pending"
    other = sign_in(project, sms_file, "2", "201")
    with unchanged(consent), pytest.raises(DomainError) as refused:  # another household cannot answer it
        portal.answer_consent(other, consent_id=consent.pk, consent=True)
    assert refused.value.code == "not_found"
    portal.answer_consent(session, consent_id=consent.pk, consent=False)
    consent.refresh_from_db()
    assert consent.consent is False and consent.answered_by == session.resident
    assert DutyEntry.objects.filter(source=f"keys.deposit.portal_consent:{deposit.pk}").exists()
    with unchanged(consent), pytest.raises(DomainError) as refused:
        portal.answer_consent(session, consent_id=consent.pk, consent=True)
    assert refused.value.code == "already_answered"
    assert KeyConsent.objects.count() == 1
