"""Refusals of the residents' door no other test drives: each asserts its stable code and that nothing changed."""
from __future__ import annotations

import pytest

from core.errors import DomainError
from core.models import Building, ChannelDelivery
from residents.models import HouseholdSession, Notice, OneTimeCode
from residents.services import access, notices
from residents.tests.helpers import ADDRESS, NOON, household

pytestmark = pytest.mark.django_db


@pytest.mark.req("RES-2")
def test_a_notice_to_no_building_is_refused(project, users, travel, unchanged):
    travel(NOON)
    with unchanged(), pytest.raises(DomainError) as refused:
        notices.send_to_buildings(project=project, by=users["kefu1"], kind="holiday", text="国庆期间停止装修施工",
                                  buildings=[])
    assert refused.value.code == "invalid_buildings"
    assert not Notice.objects.exists() and not ChannelDelivery.objects.exists()


@pytest.mark.req("RES-2", "CORE-1")
def test_a_notice_to_another_projects_building_is_refused(project, other_project, users, travel, unchanged):
    travel(NOON)
    ours = Building.objects.get(project=project, code="1")
    theirs = Building.objects.get(project=other_project, code="1")
    with unchanged(), pytest.raises(DomainError) as refused:
        notices.send_to_buildings(project=project, by=users["kefu1"], kind="holiday", text="国庆期间停止装修施工",
                                  buildings=[ours, theirs])
    assert refused.value.code == "invalid_buildings"
    assert not Notice.objects.exists() and not ChannelDelivery.objects.exists()


@pytest.mark.req("RES-1")
@pytest.mark.parametrize("phone", ["", "   ", "12345", "电话号码", "1380102010212345678"])
def test_a_code_is_not_asked_for_a_number_that_is_no_phone(project, travel, unchanged, phone):
    travel(NOON)
    with unchanged(), pytest.raises(DomainError) as refused:
        access.request_code(project=project, phone=phone, address=ADDRESS)
    assert refused.value.code == "invalid_phone"
    assert not OneTimeCode.objects.exists() and not ChannelDelivery.objects.exists()


@pytest.mark.req("RES-1")
def test_a_code_is_not_checked_against_a_number_that_is_no_phone(project, travel, unchanged):
    travel(NOON)
    unit, resident = household(project)
    access.request_code(project=project, phone=resident.phone, address=ADDRESS)
    sent = OneTimeCode.objects.get()
    with unchanged(sent), pytest.raises(DomainError) as refused:
        access.verify_code(project=project, phone="12345", code="000000", address=ADDRESS, building=unit.building)
    assert refused.value.code == "invalid_phone"
    sent.refresh_from_db()
    assert sent.tries == 0 and sent.used_at is None and not HouseholdSession.objects.exists()
