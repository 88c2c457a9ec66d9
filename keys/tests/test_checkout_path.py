"""The desk's hot path: what a checkout and a return cost, and what they lock (KEY-LOAN-5, KEY-LOAN-10)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import audit
from core.models import AuditEvent
from keys.tests.helpers import PASSWORD, apply, approve_all

# Session, user, loan + key locked together, roles, loan, key, password throttle, two signatures,
# the audit tip (lock, insert, move), the approvals and their approvers for the answer, BEGIN and COMMIT.
CHECKOUT_BUDGET = 16
RETURN_BUDGET = 14


@pytest.fixture
def approved(project, users, public_key):
    return approve_all(apply(public_key, users), users)


def _post(client, loan, what, body):
    return client.post(f"/api/keys/loans/{loan.pk}/{what}/", body, format="json")


def _checkout_body(loan):
    return {"scanned": loan.key.tag_token, "pieces_counted": loan.key.pieces, "borrower_password": PASSWORD}


@pytest.mark.req("KEY-LOAN-5", "KEY-LOAN-10")
def test_a_checkout_and_a_return_stay_within_their_statement_budget(api_as, users, approved, public_key):
    clerk = api_as(users["xingzheng"])
    # A desk that has worked a while: one cycle first, so the policies are in the worker's cache.
    _post(clerk, approved, "checkout", _checkout_body(approved))
    _post(clerk, approved, "return", {"scanned": approved.key.number, "pieces_returned": approved.key.pieces})
    approved = approve_all(apply(public_key, users), users)
    with CaptureQueriesContext(connection) as out:
        response = _post(clerk, approved, "checkout", _checkout_body(approved))
    assert response.status_code == 200 and response.json()["status"] == "lent"
    with CaptureQueriesContext(connection) as back:
        response = _post(clerk, approved, "return", {"scanned": approved.key.number,
                                                    "pieces_returned": approved.key.pieces})
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert len(out.captured_queries) <= CHECKOUT_BUDGET, "\n".join(q["sql"][:120] for q in out.captured_queries)
    assert len(back.captured_queries) <= RETURN_BUDGET, "\n".join(q["sql"][:120] for q in back.captured_queries)


@pytest.mark.req("KEY-LOAN-5", "CORE-5")
def test_a_checkout_appends_its_three_events_together_and_the_chain_verifies(api_as, users, approved):
    clerk = api_as(users["xingzheng"])
    with CaptureQueriesContext(connection) as out:
        _post(clerk, approved, "checkout", _checkout_body(approved))
    inserts = [q for q in out.captured_queries if 'INSERT INTO "core_auditevent"' in q["sql"]]
    assert len(inserts) == 1
    actions = list(audit.history(approved).values_list("action", flat=True))
    assert actions.count("core.signature.signed") == 2 and "keys.loan.checked_out" in actions
    assert audit.verify_chain().ok


@pytest.mark.req("KEY-LOAN-5", "CORE-1")
def test_another_projects_loan_or_a_missing_one_is_not_found_and_nothing_changes(api_as, world, users, approved):
    outsider = next(u for u in world.users.values()
                    if u.memberships.filter(project=world.projects[1]).exists()
                    and not u.memberships.filter(project=world.projects[0]).exists())
    events = AuditEvent.objects.count()
    refused = _post(api_as(outsider), approved, "checkout", _checkout_body(approved))
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    missing = api_as(users["xingzheng"]).post("/api/keys/loans/987654/checkout/", _checkout_body(approved),
                                              format="json")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    approved.refresh_from_db()
    assert approved.status == "approved" and AuditEvent.objects.count() == events


@pytest.mark.postgres_only
@pytest.mark.req("KEY-LOAN-5")
def test_a_checkout_locks_only_the_loan_and_its_key(api_as, users, approved):
    """Not the project or the people read with them: other keys of the project are lent meanwhile."""
    with CaptureQueriesContext(connection) as out:
        _post(api_as(users["xingzheng"]), approved, "checkout", _checkout_body(approved))
    locks = [q["sql"] for q in out.captured_queries if "FOR UPDATE" in q["sql"] and "keys_keyloan" in q["sql"]]
    assert len(locks) == 1 and locks[0].endswith('FOR UPDATE OF "keys_keyloan", "keys_keyset"'), locks
