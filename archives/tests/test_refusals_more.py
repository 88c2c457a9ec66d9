"""The last two refusals of the archive room's catalogue and permissions, each leaving nothing changed."""
from __future__ import annotations

import datetime as dt

import pytest

from archives.services import access, catalogue
from archives.tests.helpers import categories
from core import clock
from core.clock import at_beijing
from core.errors import Conflict, DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(at_beijing(dt.date(2026, 6, 8), dt.time(10, 0)))


@pytest.mark.req("ARCH-1")
def test_a_category_code_the_company_already_has_is_refused(project, users, unchanged):
    categories(project, users)
    with unchanged(), pytest.raises(Conflict) as err:
        catalogue.add_category(company=project.company, by=users["dangan"], code="QJ", name="另一个清洁", order=99)
    assert err.value.code == "duplicate_code"


@pytest.mark.req("ARCH-11")
def test_a_permission_is_withdrawn_once(project, users, unchanged):
    grant = access.grant_confidential(project=project, granted_by=users["jingli"], person=users["dangan"],
                                      until=clock.today() + dt.timedelta(days=30), reason="归档员工档案")
    access.revoke_confidential(grant=grant, revoked_by=users["jingli"])
    with unchanged(), pytest.raises(DomainError) as err:
        access.revoke_confidential(grant=grant, revoked_by=users["jingli"])
    assert err.value.code == "already_revoked"
