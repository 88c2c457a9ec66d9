"""Fees on the pages, the print views, the Excel exports and the API (FEE-1, FEE-2): the same services behind each,
refusals answered with their code and nothing changed."""
from __future__ import annotations

import pytest

from core.testing.fixtures import login
from siteoffice.models import CounterEntry, DailyClose, FeeDue, Price, Receipt
from siteoffice.tests.helpers import MORNING, at, issue, price, unit

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def morning(travel):
    travel(at(MORNING))


@pytest.mark.req("FEE-1")
def test_a_clerk_issues_prints_and_exports_a_receipt_on_the_pages(client, project, users):
    p = price(project, users, unit_price="2.50")
    login(client, users["kefu1"], project)
    assert client.get("/siteoffice/receipts/").status_code == 200
    form = {"price": p.pk, "quantity": "abc", "payer": "王先生", "method": "cash", "unit": unit(project).pk}
    refused = client.post("/siteoffice/receipts/", form)
    assert refused.status_code == 400 and 'data-code="invalid_amount"' in refused.content.decode()
    assert not Receipt.objects.exists()
    done = client.post("/siteoffice/receipts/", {**form, "quantity": "120"})
    assert done.status_code == 302
    receipt = Receipt.objects.get()
    assert str(receipt.amount) == "300.00"
    assert receipt.number in client.get(done["Location"]).content.decode()
    for size in ("", "?size=a4"):
        printed = client.get(f"/siteoffice/receipts/{receipt.pk}/print/{size}").content.decode()
        assert receipt.number in printed and 'class="sign"' in printed
    assert "paper-a5" in client.get(f"/siteoffice/receipts/{receipt.pk}/print/").content.decode()
    assert "paper-a5" not in client.get(f"/siteoffice/receipts/{receipt.pk}/print/?size=a4").content.decode()
    export = client.get(f"/siteoffice/receipts/export/?day={MORNING.date().isoformat()}")
    assert export["Content-Type"] == XLSX
    assert client.get("/siteoffice/receipts/export/?year=2026&month=3")["Content-Type"] == XLSX


@pytest.mark.req("FEE-1")
def test_a_reversal_is_asked_and_decided_on_the_receipts_page(client, project, users):
    receipt = issue(project, users, price(project, users))
    login(client, users["kefu1"], project)
    assert client.post(f"/siteoffice/receipts/{receipt.pk}/", {"action": "reverse", "reason": "录错"}).status_code == 302
    request = CounterEntry.objects.get()
    own = client.post(f"/siteoffice/receipts/{receipt.pk}/", {"action": "approve", "request": request.pk})
    assert own.status_code == 403 and Receipt.objects.count() == 1
    login(client, users["kfzg"], project)
    assert client.post(f"/siteoffice/receipts/{receipt.pk}/", {"action": "approve",
                                                               "request": request.pk}).status_code == 302
    assert Receipt.objects.get(original=receipt).amount < 0


@pytest.mark.req("FEE-1")
def test_the_day_is_closed_received_and_printed_on_the_pages(client, project, users):
    issue(project, users, price(project, users))
    login(client, users["kefu1"], project)
    assert client.get("/siteoffice/closes/").status_code == 200
    done = client.post("/siteoffice/closes/", {})
    assert done.status_code == 302
    again = client.post("/siteoffice/closes/", {})
    assert again.status_code == 409 and DailyClose.objects.count() == 1
    close = DailyClose.objects.get()
    login(client, users["kfzg"], project)
    assert client.post(f"/siteoffice/closes/{close.pk}/").status_code == 302
    printed = client.get(f"/siteoffice/closes/{close.pk}/print/").content.decode()
    assert users["kefu1"].display_name in printed and users["kfzg"].display_name in printed


@pytest.mark.req("FEE-2")
def test_the_daily_report_statement_and_dues_pages(client, project, users):
    p = price(project, users)
    big = issue(project, users, p, quantity="4000")
    login(client, users["jingli"], project)
    report = client.get(f"/siteoffice/daily-report/?day={MORNING.date().isoformat()}").content.decode()
    assert big.number in report
    assert big.number in client.get("/siteoffice/daily-report/print/").content.decode()
    assert "10000.00" in client.get("/siteoffice/statement/?year=2026&month=3").content.decode()
    assert client.get("/siteoffice/statement/export/?year=2026&month=3")["Content-Type"] == XLSX
    login(client, users["kefu1"], project)
    form = {"unit": unit(project).pk, "price": p.pk, "quantity": "100", "period": "2026Q1",
            "due_date": "2026-03-01", "payer": "王先生"}
    assert client.post("/siteoffice/dues/", form).status_code == 302
    due = FeeDue.objects.get()
    assert client.post("/siteoffice/dues/", form).status_code == 409
    assert client.post("/siteoffice/dues/", {"action": "remind", "due": due.pk, "channel": "phone"}).status_code == 302
    assert "2026Q1" in client.get("/siteoffice/dues/?state=overdue").content.decode()


@pytest.mark.req("FEE-1")
def test_a_guard_is_refused_the_fee_pages(client, project, users):
    login(client, users["baoan1"], project)
    for url in ("/siteoffice/receipts/", "/siteoffice/prices/", "/siteoffice/closes/", "/siteoffice/statement/"):
        assert client.get(url).status_code == 403


@pytest.mark.req("FEE-1", "FEE-2")
def test_the_api_takes_amounts_as_text_and_answers_refusals_with_codes(api_as, project, users):
    kfzg, clerk = api_as(users["kfzg"]), api_as(users["kefu1"])
    made = kfzg.post("/api/siteoffice/prices/", {"project": project.pk, "kind": "decoration_deposit",
                                                 "name": "装修押金", "unit_label": "元/户", "unit_price": "2000.00",
                                                 "effective_from": MORNING.date().isoformat()}, format="json")
    assert made.status_code == 201, made.json()
    p = Price.objects.get()
    body = {"project": project.pk, "price": p.pk, "quantity": 1.1, "payer": "王先生", "method": "card"}
    floated = clerk.post("/api/siteoffice/receipts/", body, format="json")
    assert floated.status_code == 400 and floated.json()["code"] == "invalid_amount"
    assert not Receipt.objects.exists()
    done = clerk.post("/api/siteoffice/receipts/", {**body, "quantity": "1"}, format="json")
    assert done.status_code == 201 and done.json()["amount"] == "2000.00"
    rid = done.json()["id"]
    refund = clerk.post(f"/api/siteoffice/receipts/{rid}/refund/", {"reason": "验收合格"}, format="json")
    assert refund.status_code == 201 and refund.json()["amount"] == "-2000.00"
    closed = clerk.post("/api/siteoffice/closes/", {"project": project.pk}, format="json")
    assert closed.status_code == 201 and closed.json()["total"] == "0.00"
    own = clerk.post(f"/api/siteoffice/closes/{closed.json()['id']}/sign/")
    assert own.status_code == 403
    assert kfzg.post(f"/api/siteoffice/closes/{closed.json()['id']}/sign/").json()["status"] == "signed"
    assert clerk.get("/api/siteoffice/receipts/").json()
    assert api_as(users["baoan1"]).get(f"/api/siteoffice/receipts/{rid}/").status_code == 403


@pytest.mark.req("FEE-1")
def test_the_api_reversal_and_dues(api_as, project, users):
    p = price(project, users)
    receipt = issue(project, users, p)
    clerk, kfzg = api_as(users["kefu1"]), api_as(users["kfzg"])
    asked = clerk.post(f"/api/siteoffice/receipts/{receipt.pk}/reverse/", {"reason": "录错"}, format="json")
    assert asked.status_code == 201
    rejected = kfzg.post(f"/api/siteoffice/reversals/{asked.json()['id']}/reject/", {"comment": ""}, format="json")
    assert rejected.status_code == 400 and rejected.json()["code"] == "required"
    assert kfzg.post(f"/api/siteoffice/reversals/{asked.json()['id']}/approve/").json()["status"] == "done"
    due = clerk.post("/api/siteoffice/dues/", {"project": project.pk, "unit": unit(project).pk, "price": p.pk,
                                               "quantity": "10", "period": "2026-03", "due_date": "2026-03-09",
                                               "payer": "王先生"}, format="json")
    assert due.status_code == 201 and due.json()["amount"] == "25.00"
    reminded = clerk.post(f"/api/siteoffice/dues/{due.json()['id']}/remind/", {"channel": "notice"}, format="json")
    assert reminded.status_code == 200
