"""The session's user is read with every role they hold, in one query (issue 17: one statement fewer on every
request that asks about a role), and a role taken away still counts from the very next request (CORE-2)."""
import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.auth import LockoutModelBackend
from core.models import Membership
from core.permissions import has_role, is_member, roles_in
from desk.models import Repair
from desk.tests.test_repairs_factories import unit_of

ROLE_QUERY = '"core_membership"."role" AS "role"'  # roles_in() asking the database for one project


def _report(api, project):
    return api.post("/api/desk/repairs/", {"project": project.pk, "person_name": "业主", "phone": "138",
                                           "unit": unit_of(project).pk, "content": "漏水", "category": "水电"},
                    format="json")


@pytest.mark.req("CORE-2")
def test_the_sessions_user_comes_with_every_role_in_one_query(project, other_project, users):
    clerk = users["kefu1"]
    Membership.objects.get_or_create(user=clerk, project=other_project, role="cs_supervisor")
    with CaptureQueriesContext(connection) as read:
        user = LockoutModelBackend().get_user(clerk.pk)
        own = roles_in(user, project)
        other = roles_in(user, other_project.pk)
        nowhere = roles_in(user, 10**9)
    assert len(read.captured_queries) == 1
    assert own == frozenset(Membership.objects.filter(user=clerk, project=project).values_list("role", flat=True))
    assert "cs_assistant" in own and other == {"cs_supervisor"} and nowhere == frozenset()
    assert not is_member(user, 10**9) and has_role(user, other_project, "cs_supervisor")


@pytest.mark.req("CORE-2")
def test_request_user_behind_its_lazy_wrapper_shares_the_roles_read_with_it(client, project, users):
    client.force_login(users["kefu1"])
    request = RequestFactory().get("/")
    request.session = client.session
    from django.utils.functional import SimpleLazyObject

    lazy = SimpleLazyObject(lambda: get_user(request))
    with CaptureQueriesContext(connection) as read:
        assert "cs_assistant" in roles_in(lazy, project)
        assert roles_in(lazy, project.pk + 10**6) == frozenset()
    assert not [q for q in read.captured_queries if ROLE_QUERY in q["sql"]], "roles asked for again"


@pytest.mark.req("CORE-2")
def test_a_request_asks_no_role_query_of_its_own(api_as, project, users):
    api = api_as(users["kefu1"])
    with CaptureQueriesContext(connection) as seen:
        response = _report(api, project)
    assert response.status_code == 201, response.content
    assert not [q["sql"] for q in seen.captured_queries if ROLE_QUERY in q["sql"]]


@pytest.mark.req("CORE-2")
def test_a_role_taken_away_counts_from_the_next_request(api_as, project, users):
    clerk = users["kefu1"]
    api = api_as(clerk)
    assert _report(api, project).status_code == 201
    before = Repair.objects.count()
    Membership.objects.filter(user=clerk, project=project).delete()
    response = _report(api, project)
    assert response.status_code in (403, 404), response.content
    assert response.json()["code"] in ("not_found", "role_not_allowed")
    assert Repair.objects.count() == before
