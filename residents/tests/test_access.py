"""Residents prove who they are with a one-time code to the phone on file (RES-1): hashed, short-lived, limited per
phone and per address, the same answer for a phone nobody has on file."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError
from core.models import ChannelDelivery
from residents.models import HouseholdSession, OneTimeCode
from residents.services import access
from residents.tests.helpers import ADDRESS, NOON, code_sent, household, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.req("RES-1")]


def test_a_code_to_the_phone_on_file_opens_a_session_for_that_household_only(project, sms_file, travel):
    travel(NOON)
    unit, resident = household(project)
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)
    code = code_sent(sms_file, resident.phone)
    row = OneTimeCode.objects.get()
    assert code not in row.code_hash and row.resident == resident
    session = access.verify_code(project=project, phone=resident.phone, code=code, address=ADDRESS)
    assert session.unit == unit and session.resident == resident
    assert access.session_from_cookie(access.cookie_value(session)) == session
    assert access.session_from_cookie(access.cookie_value(session) + "x") is None
    with pytest.raises(DomainError) as refused:  # a code is used once
        access.verify_code(project=project, phone=resident.phone, code=code, address=ADDRESS)
    assert refused.value.code == "bad_code"


def test_an_unknown_phone_gets_the_same_answer_and_no_message(project, sms_file, travel, unchanged):
    travel(NOON)
    access.request_code(project=project, phone="139 0000 0000", address=ADDRESS)  # no error: no enumeration
    assert OneTimeCode.objects.filter(resident__isnull=True).count() == 1
    assert not ChannelDelivery.objects.exists()
    with unchanged(), pytest.raises(DomainError) as refused:
        access.verify_code(project=project, phone="13900000000", code="000000", address=ADDRESS)
    assert refused.value.code == "bad_code"


def test_codes_expire_and_allow_few_tries(project, sms_file, travel):
    travel(NOON)
    _, resident = household(project)
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)
    code = code_sent(sms_file, resident.phone)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(DomainError):
            access.verify_code(project=project, phone=resident.phone, code=wrong, address=ADDRESS)
    with pytest.raises(DomainError) as refused:  # spent by the wrong tries: even the right code is refused
        access.verify_code(project=project, phone=resident.phone, code=code, address=ADDRESS)
    assert refused.value.code == "bad_code" and not HouseholdSession.objects.exists()
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)
    code = code_sent(sms_file, resident.phone)
    travel(NOON + dt.timedelta(minutes=11))
    with pytest.raises(DomainError) as refused:
        access.verify_code(project=project, phone=resident.phone, code=code, address=ADDRESS)
    assert refused.value.code == "bad_code" and not HouseholdSession.objects.exists()


def test_requests_are_limited_per_phone_and_per_address(project, sms_file, travel, unchanged):
    travel(NOON)
    _, resident = household(project)
    for _ in range(5):
        access.request_code(project=project, phone=resident.phone, address=f"198.51.100.{_}")
    with unchanged(), pytest.raises(DomainError) as refused:
        access.request_code(project=project, phone=resident.phone, address="198.51.100.99")
    assert refused.value.code == "too_many_codes" and refused.value.status == 429
    for n in range(20):
        access.request_code(project=project, phone=f"1370000{n:04d}", address=ADDRESS)
    with unchanged(), pytest.raises(DomainError) as refused:  # spraying phone numbers from one address
        access.request_code(project=project, phone="13711112222", address=ADDRESS)
    assert refused.value.code == "too_many_codes"
    travel(NOON + dt.timedelta(hours=1, minutes=1))
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)


def test_a_resident_switches_only_between_their_own_units(project, sms_file, travel, unchanged):
    travel(NOON)
    session = sign_in(project, sms_file)
    other, _ = household(project, "2", "201")
    with unchanged(), pytest.raises(DomainError) as refused:
        access.switch_unit(session, other.pk)
    assert refused.value.code == "not_found"
    session.resident.units.add(other)
    assert access.switch_unit(session, other.pk).unit == other


def test_an_ended_session_no_longer_opens(project, sms_file, travel):
    travel(NOON)
    session = sign_in(project, sms_file)
    value = access.cookie_value(session)
    access.end_session(session)
    assert access.session_from_cookie(value) is None
