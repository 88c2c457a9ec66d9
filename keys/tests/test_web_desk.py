"""The pages a clerk and an approver use, through the Django test client."""
import pytest

from core.testing.fixtures import PASSWORD
from keys.models import KeyLoan
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, approve_all, lend, make_key


@pytest.fixture
def clerk(client, users):
    client.force_login(users["xingzheng"])
    return client


@pytest.mark.req("KEY-LOAN-5")
def test_a_clerk_scans_a_tag_and_lends_the_approved_key(clerk, users, public_key):
    loan = approve_all(apply(public_key, users), users)
    page = clerk.get("/keys/desk/", {"scan": public_key.tag_token})
    assert page.status_code == 200 and loan.serial in page.content.decode()
    response = clerk.post(f"/keys/desk/lend/{loan.pk}/", {"scanned": public_key.tag_token, "pieces_counted": 2,
                                                         "borrower_password": PASSWORD})
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT


@pytest.mark.req("KEY-LOAN-5")
def test_a_wrong_count_at_the_desk_shows_the_rule_and_lends_nothing(clerk, users, public_key):
    loan = approve_all(apply(public_key, users), users)
    response = clerk.post(f"/keys/desk/lend/{loan.pk}/", {"scanned": public_key.number, "pieces_counted": 1,
                                                         "borrower_password": PASSWORD})
    assert response.status_code == 400 and "KEY-LOAN-5" in response.content.decode()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED


@pytest.mark.req("KEY-LEDGER-2")
def test_an_unknown_tag_is_reported_on_the_desk(clerk, db, users):
    response = clerk.get("/keys/desk/", {"scan": "KNOPE"})
    assert response.status_code == 200 and "KNOPE" in response.content.decode()


@pytest.mark.req("KEY-LOAN-10")
def test_taking_back_with_a_missing_piece_asks_to_confirm_then_opens_an_incident(clerk, users, public_key):
    loan = lend(public_key, users)
    first = clerk.post(f"/keys/desk/return/{loan.pk}/", {"scanned": public_key.number, "pieces_returned": 1,
                                                        "intact": "on"})
    assert first.status_code == 409 and 'name="accept_discrepancy"' in first.content.decode()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT
    second = clerk.post(f"/keys/desk/return/{loan.pk}/", {"scanned": public_key.number, "pieces_returned": 1,
                                                         "intact": "on", "accept_discrepancy": "1"})
    assert second.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and loan.incidents.count() == 1


@pytest.mark.req("KEY-LOAN-3")
def test_the_inbox_approves_and_refuses_self_approval(client, users, public_key):
    loan = apply(public_key, users)
    client.force_login(users["gczg"])
    assert loan.key.number in client.get("/keys/inbox/").content.decode()
    client.post(f"/keys/loans/{loan.pk}/approve/", {"next": "inbox"})
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED
    own = apply(public_key, users, applicant="gczg")
    client.post(f"/keys/loans/{own.pk}/approve/")
    own.refresh_from_db()
    assert own.status == LoanStatus.PENDING


@pytest.mark.req("KEY-LOAN-2")
def test_the_application_form_registers_a_loan_through_the_service(client, users, unit_key):
    client.force_login(users["kefu1"])
    assert client.get("/keys/loans/new/", {"key": unit_key.pk}).status_code == 200
    response = client.post(f"/keys/loans/new/?key={unit_key.pk}", {
        "key": unit_key.pk, "applicant": users["gongcheng1"].pk, "purpose_kind": "repair", "purpose": "换水龙头",
        "address": "1栋101", "owner_name": "业主", "period_start": "2030-01-01T09:00", "period_end": "2030-01-01T11:00"})
    assert response.status_code == 302
    loan = KeyLoan.objects.get()
    assert loan.applicant == users["gongcheng1"] and loan.registered_by == users["kefu1"]


@pytest.mark.req("CORE-1")
def test_another_projects_key_and_loan_are_not_found(client, users, public_key):
    loan = apply(public_key, users)
    client.force_login(users["bj_kefu1"])
    assert client.get(f"/keys/key/{public_key.pk}/").status_code == 404
    assert client.get(f"/keys/loans/{loan.pk}/").status_code == 404
    assert client.get(f"/keys/print/loans/{loan.pk}/application/").status_code == 404


@pytest.mark.req("KEY-DAILY-1")
def test_the_daily_register_page_records_the_review(client, project, users):
    loan = lend(make_key(project, users, "vacant", name="空房"), users)
    client.force_login(users["kefu1"])
    assert loan.key.number in client.get("/keys/daily/").content.decode()
    client.post("/keys/daily/", {f"reason-{loan.pk}": "保洁中", "counted_on_hook": 0})
    assert loan.follow_ups.get().note == "保洁中"


@pytest.mark.req("KEY-DAILY-2")
def test_the_inventory_pages_count_and_resolve(client, project, users, unit_key):
    client.force_login(users["kefu1"])
    response = client.post("/keys/inventory/", {"kind": "weekly"})
    count_url = response["Location"]
    line = unit_key.inventoryline_set.get() if hasattr(unit_key, "inventoryline_set") else None
    from keys.models import InventoryLine

    line = InventoryLine.objects.get(key=unit_key)
    client.post(count_url, {f"line-{line.pk}": ""})
    line.refresh_from_db()
    assert line.result == "missing" and line.follow_status == "open"
    client.post(f"/keys/inventory/line/{line.pk}/resolve/", {"resolution": "在维修处", "key_status": ""})
    line.refresh_from_db()
    assert line.follow_status == "resolved"


@pytest.mark.req("KEY-LEDGER-1")
def test_every_page_renders(client, world, users):
    from keys.demo import loans as demo_loans

    demo_loans.build(world, password=PASSWORD)
    client.force_login(users["kefu1"])
    key = world.projects[0].keys.first()
    loan = KeyLoan.objects.filter(project=world.projects[0]).first()
    for url in ["/", "/keys/desk/", "/keys/inbox/", "/keys/loans/", "/keys/ledger/", "/keys/ledger/new/",
                f"/keys/key/{key.pk}/", f"/keys/loans/{loan.pk}/", "/keys/daily/", "/keys/inventory/",
                f"/keys/loans/new/?key={key.pk}", "/keys/print/register/?form=public", "/keys/print/ledger/",
                "/keys/print/tags/", f"/keys/print/loans/{loan.pk}/application/", "/keys/import/"]:
        assert client.get(url).status_code == 200, url
    assert key.status in KeyStatus.values
