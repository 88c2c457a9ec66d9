"""The API: same services, 4xx with a stable code on every refusal, nothing changed."""
import datetime as dt

import pytest

from core import clock
from core.testing.fixtures import PASSWORD
from keys.models import KeyLoan
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, approve_all, lend


def body(loan_key, **kw):
    now = clock.now()
    data = {"key": loan_key.pk, "purpose_kind": "repair", "purpose": "检修", "key_name": "门",
            "period_start": now.isoformat(), "period_end": (now + dt.timedelta(hours=2)).isoformat()}
    data.update(kw)
    return data


@pytest.mark.req("KEY-LOAN-3", "KEY-LOAN-5", "KEY-LOAN-10")
def test_the_whole_cycle_over_the_api(api_as, users, public_key):
    tech = api_as(users["gongcheng1"])
    created = tech.post("/api/keys/loans/", body(public_key), format="json")
    assert created.status_code == 201, created.json()
    loan_id = created.json()["id"]
    head = api_as(users["gczg"])
    assert [loan["id"] for loan in head.get("/api/keys/inbox/").json()] == [loan_id]
    assert head.post(f"/api/keys/loans/{loan_id}/approve/", {}, format="json").json()["status"] == "approved"
    clerk = api_as(users["xingzheng"])
    found = clerk.get("/api/keys/keys/lookup/", {"project": public_key.project_id, "scan": public_key.tag_token}).json()
    assert [loan["id"] for loan in found["awaiting_checkout"]] == [loan_id]
    out = clerk.post(f"/api/keys/loans/{loan_id}/checkout/", {"scanned": public_key.tag_token, "pieces_counted": 2,
                                                              "borrower_password": PASSWORD}, format="json")
    assert out.status_code == 200 and out.json()["status"] == "lent"
    back = clerk.post(f"/api/keys/loans/{loan_id}/return/", {"scanned": public_key.number, "pieces_returned": 2},
                      format="json")
    assert back.json()["status"] == "returned"


@pytest.mark.req("KEY-LEDGER-2")
def test_an_unknown_tag_answers_404_unknown_tag(api_as, users, public_key):
    response = api_as(users["kefu1"]).get("/api/keys/keys/lookup/", {"project": public_key.project_id, "scan": "KX"})
    assert response.status_code == 404 and response.json()["code"] == "unknown_tag"


@pytest.mark.req("KEY-LOAN-5")
def test_checkout_refusals_have_stable_codes_and_change_nothing(api_as, users, public_key):
    loan = approve_all(apply(public_key, users), users)
    clerk = api_as(users["xingzheng"])
    url = f"/api/keys/loans/{loan.pk}/checkout/"
    wrong = clerk.post(url, {"scanned": public_key.number, "pieces_counted": 1, "borrower_password": PASSWORD},
                       format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "piece_count_mismatch"
    assert wrong.json()["rule"] == "KEY-LOAN-5"
    bad_pw = clerk.post(url, {"scanned": public_key.number, "pieces_counted": 2, "borrower_password": "x"}, format="json")
    assert bad_pw.status_code == 403 and bad_pw.json()["code"] == "bad_credentials"
    loan.refresh_from_db()
    public_key.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and public_key.status == KeyStatus.IN_STORE
    lend(public_key, users, applicant="baoan1")
    taken = clerk.post(url, {"scanned": public_key.number, "pieces_counted": 2, "borrower_password": PASSWORD},
                       format="json")
    assert taken.status_code == 409 and taken.json()["code"] == "key_already_lent"


@pytest.mark.req("KEY-LOAN-3")
def test_approval_by_someone_not_allowed_and_self_approval_are_403(api_as, users, public_key):
    loan = apply(public_key, users)
    other = api_as(users["baz"]).post(f"/api/keys/loans/{loan.pk}/approve/", {}, format="json")
    assert other.status_code == 403 and other.json()["code"] == "approver_not_allowed"
    own = apply(public_key, users, applicant="gczg")
    mine = api_as(users["gczg"]).post(f"/api/keys/loans/{own.pk}/approve/", {}, format="json")
    assert mine.status_code == 403 and mine.json()["code"] == "self_approval"
    assert not own.approvals.exists() and not loan.approvals.exists()


@pytest.mark.req("CORE-1")
def test_another_projects_records_are_404(api_as, users, public_key):
    loan = apply(public_key, users)
    outsider = api_as(users["bj_kefu1"])
    assert outsider.get(f"/api/keys/loans/{loan.pk}/").status_code == 404
    assert outsider.post(f"/api/keys/loans/{loan.pk}/approve/", {}, format="json").status_code == 404
    assert outsider.get(f"/api/keys/keys/{public_key.pk}/").status_code == 404
    assert outsider.get("/api/keys/keys/lookup/", {"project": public_key.project_id, "scan": public_key.number}).status_code == 404
    assert outsider.post("/api/keys/loans/", body(public_key), format="json").status_code == 404
    assert public_key.number not in str(outsider.get("/api/keys/keys/").json())


def test_anonymous_and_expired_sessions_get_401(client, users, settings, public_key):
    assert client.get("/api/keys/loans/").status_code == 401
    assert client.get("/api/keys/loans/").json()["code"] == "not_authenticated"
    client.force_login(users["kefu1"])
    session = client.session
    session["propdesk_last_seen"] = 1
    session.save()
    expired = client.get("/api/keys/loans/")
    assert expired.status_code == 401 and expired.json()["code"] == "session_expired"
    client.force_login(users["kefu1"])
    session = client.session
    session["propdesk_last_seen"] = 1
    session.save()
    page = client.get("/keys/desk/")
    assert page.status_code == 302 and "expired=1" in page["Location"]


@pytest.mark.req("KEY-LOAN-1")
def test_malformed_input_is_400_and_creates_nothing(api_as, users, public_key):
    tech = api_as(users["gongcheng1"])
    broken = tech.post("/api/keys/loans/", "{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] in {"parse_error", "validation_error"}
    missing = tech.post("/api/keys/loans/", {"key": public_key.pk}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "validation_error"
    assert not KeyLoan.objects.exists()


@pytest.mark.req("KEY-DAILY-1", "KEY-DAILY-2")
def test_daily_register_and_inventory_over_the_api(api_as, users, project, public_key):
    loan = lend(public_key, users)
    clerk = api_as(users["kefu1"])
    register = clerk.get("/api/keys/daily-register/", {"project": project.pk}).json()
    assert [row["id"] for row in register["unreturned"]] == [loan.pk] and not register["reviewed_today"]
    refused = clerk.post("/api/keys/daily-register/", {"project": project.pk, "counted_on_hook": 0, "reasons": {}},
                         format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "reason_required"
    done = clerk.post("/api/keys/daily-register/", {"project": project.pk, "counted_on_hook": 0,
                                                    "reasons": {str(loan.pk): "巡查中"}}, format="json")
    assert done.status_code == 201
    admin = api_as(users["xingzheng"])
    count = admin.post("/api/keys/inventories/", {"project": project.pk, "kind": "monthly"}, format="json").json()
    counts = {str(line["id"]): None for line in count["lines"]}
    submitted = admin.post(f"/api/keys/inventories/{count['id']}/submit/", {"counts": counts}, format="json").json()
    assert submitted["status"] == "closed"


@pytest.mark.req("CORE-3")
def test_residents_are_masked_and_reveal_is_role_checked_and_audited(api_as, users, project):
    from core.models import AuditEvent

    clerk = api_as(users["kefu1"])
    rows = clerk.get("/api/residents/", {"project": project.pk}).json()["results"]
    first = rows[0]
    assert "****" in first["phone"]
    assert clerk.post(f"/api/residents/{first['id']}/reveal/", {"field": "phone"}, format="json").status_code == 403
    shown = api_as(users["kfzg"]).post(f"/api/residents/{first['id']}/reveal/", {"field": "phone"}, format="json")
    assert shown.status_code == 200 and "*" not in shown.json()["value"]
    assert AuditEvent.objects.filter(action="core.pii.revealed").count() == 1


def test_the_schema_and_docs_are_served(client, db):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and "cdn" not in docs.content.decode().lower()


@pytest.mark.req("KEY-DAILY-1")
def test_the_daily_register_api_pages_through_the_unreturned_keys_with_totals(api_as, users, project, public_key):
    from keys.tests.helpers import make_key

    loans = [lend(public_key, users)]
    for n in range(2):
        loans.append(lend(make_key(project, users, public_key.category, name=f"门 {n}"), users))
    KeyLoan.objects.filter(pk=loans[0].pk).update(due_at=clock.now() - dt.timedelta(hours=1))
    clerk = api_as(users["kefu1"])
    first = clerk.get("/api/keys/daily-register/", {"project": project.pk, "limit": 2}).json()
    assert first["unreturned_count"] == 3 and first["overdue_count"] == 1 and first["next_offset"] == 2
    assert [row["id"] for row in first["unreturned"]][0] == loans[0].pk  # the overdue one, oldest due, first
    assert first["overdue_ids"] == [loans[0].pk] and first["unreturned"][0]["holder_name"]
    rest = clerk.get("/api/keys/daily-register/", {"project": project.pk, "limit": 2, "offset": 2}).json()
    assert len(rest["unreturned"]) == 1 and rest["next_offset"] is None
    assert {r["id"] for r in first["unreturned"] + rest["unreturned"]} == {loan.pk for loan in loans}
    odd = clerk.get("/api/keys/daily-register/", {"project": project.pk, "limit": "x²", "offset": "-3"})
    assert odd.status_code == 200 and len(odd.json()["unreturned"]) == 3
