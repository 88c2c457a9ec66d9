"""The stocktake and tool-loan pages: each opens for the storekeeper, shows a clerk no form and refuses her the
form's action (403, nothing changed), answers bad input with the service's Chinese refusal and changes nothing, and
carries the workflow through — counted, approved before the books change (STOCK-4, STOCK-11); lent with the
borrower's password and signed back (STOCK-7)."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.lending.states import LoanStatus
from core.testing.fixtures import PASSWORD, login
from stores.demo import build_stores
from stores.models import Stocktake, ToolLoan
from stores.selectors import stock as sel
from stores.states import CountStatus


@pytest.fixture
def demo(world, morning):
    build_stores(world)
    return world


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def refusal(response) -> str:
    """The text of the page's error box (the service's message, in Chinese)."""
    body = response.content.decode()
    start = body.index('class="error-box"')
    return body[start:body.index("</div>", start)]


@pytest.mark.req("STOCK-4", "STOCK-11")
def test_stocktake_pages_open_for_the_storekeeper_with_print_and_excel(demo, project, users, client):
    login(client, users["cangguan"], project)
    count = Stocktake.objects.filter(project=project).first()
    for url in (reverse("stores:stocktakes"), reverse("stores:stocktake", args=[count.pk]),
                reverse("stores:stocktake-print", args=[count.pk])):
        page = client.get(url)
        assert page.status_code == 200, url
        assert has_chinese(page.content.decode())
    assert 'name="counted_' in client.get(reverse("stores:stocktake", args=[count.pk])).content.decode()
    sheet = client.get(reverse("stores:stocktake-export", args=[count.pk]))
    rows = list(load_workbook(io.BytesIO(sheet.content)).worksheets[0].iter_rows(values_only=True))
    assert any(r[0] == "M-001" and r[4] == 50 for r in rows)


@pytest.mark.req("STOCK-4")
def test_a_clerk_reads_stocktakes_but_gets_no_form_and_cannot_open_one(demo, project, users, site, client, unchanged):
    login(client, users["kefu1"], project)
    page = client.get(reverse("stores:stocktakes"))
    assert page.status_code == 200 and 'name="warehouse"' not in page.content.decode()
    count = Stocktake.objects.filter(project=project).first()
    assert 'name="counted_' not in client.get(reverse("stores:stocktake", args=[count.pk])).content.decode()
    with unchanged():
        refused = client.post(reverse("stores:stocktakes"), {"warehouse": site.pk, "kind": "monthly"})
    assert refused.status_code == 403


@pytest.mark.req("STOCK-11")
def test_a_count_with_a_loss_and_no_reason_is_refused_then_approved_before_the_books_change(
        demo, project, users, site, items, client, unchanged):
    count = Stocktake.objects.get(project=project, warehouse=site)
    lines = {ln.item.code: ln for ln in count.lines.select_related("item")}
    form = {"action": "submit", **{f"counted_{ln.pk}": ln.book for ln in lines.values()}}
    form[f"counted_{lines['M-001'].pk}"] = 48
    login(client, users["cangguan"], project)
    with unchanged(count):
        bad = client.post(reverse("stores:stocktake", args=[count.pk]), form)
    assert bad.status_code == 400 and has_chinese(refusal(bad)) and "STOCK-11" in refusal(bad)
    form.update({f"cause_{lines['M-001'].pk}": "shortage", f"reason_{lines['M-001'].pk}": "两只破损未登记"})
    assert client.post(reverse("stores:stocktake", args=[count.pk]), form).status_code == 302
    count.refresh_from_db()
    assert count.status == CountStatus.PENDING and sel.quantity(site, items["M-001"]) == 50
    with unchanged(count):
        own = client.post(reverse("stores:stocktake", args=[count.pk]), {"action": "approve"})
    assert own.status_code == 403
    login(client, users["gczg"], project)
    assert client.post(reverse("stores:stocktake", args=[count.pk]), {"action": "approve"}).status_code == 302
    count.refresh_from_db()
    assert count.status == CountStatus.APPROVED and sel.quantity(site, items["M-001"]) == 48


@pytest.mark.req("STOCK-4")
def test_the_months_reconciliation_from_the_page_once_a_month(demo, project, users, site, client, unchanged):
    login(client, users["cangguan"], project)
    form = {"action": "reconcile", "warehouse": site.pk}
    assert client.post(reverse("stores:stocktakes"), form).status_code == 302
    with unchanged():
        again = client.post(reverse("stores:stocktakes"), form)
    assert again.status_code == 409 and has_chinese(refusal(again))


@pytest.mark.req("STOCK-7")
def test_tool_loan_pages_open_for_the_storekeeper_and_the_register_exports(demo, project, users, client):
    login(client, users["cangguan"], project)
    loan = ToolLoan.objects.filter(project=project).first()
    for url in (reverse("stores:tool-loans"), reverse("stores:tool-loans") + "?view=overdue",
                reverse("stores:tool-loan-new"), reverse("stores:tool-loan", args=[loan.pk]),
                reverse("stores:tool-loan-print", args=[loan.pk])):
        assert client.get(url).status_code == 200, url
    sheet = client.get(reverse("stores:tool-loans-export"))
    rows = list(load_workbook(io.BytesIO(sheet.content)).worksheets[0].iter_rows(values_only=True))
    assert any(r[0] == loan.serial and r[1] == "冲击钻" for r in rows)


@pytest.mark.req("STOCK-7")
def test_a_clerk_sees_the_tool_register_but_not_the_form(demo, project, users, client, unchanged):
    login(client, users["kefu1"], project)
    listing = client.get(reverse("stores:tool-loans"))
    assert listing.status_code == 200 and reverse("stores:tool-loan-new") not in listing.content.decode()
    with unchanged():
        assert client.post(reverse("stores:tool-loan-new"), {"purpose": "x"}).status_code == 403
    loan = ToolLoan.objects.filter(project=project).first()
    assert 'name="password"' not in client.get(reverse("stores:tool-loan", args=[loan.pk])).content.decode()


@pytest.mark.req("STOCK-7")
def test_a_tool_is_lent_on_its_form_with_the_borrowers_password_and_signed_back(
        demo, project, users, site, items, client, unchanged):
    login(client, users["cangguan"], project)
    form = {"warehouse": site.pk, "tool": items["T-001"].pk, "holder": users["baoan1"].pk, "quantity": 1,
            "purpose": "疏通管道", "team": "维修二组", "days": 99}
    with unchanged():
        long = client.post(reverse("stores:tool-loan-new"), form)
    assert long.status_code == 400 and has_chinese(refusal(long)) and "STOCK-7" in refusal(long)
    made = client.post(reverse("stores:tool-loan-new"), {**form, "days": 2})
    assert made.status_code == 302
    loan = ToolLoan.objects.get(holder=users["baoan1"])
    url = reverse("stores:tool-loan", args=[loan.pk])
    with unchanged(loan):
        wrong = client.post(url, {"action": "lend", "counted": 1, "password": "not-it"})
    assert wrong.status_code == 403 and has_chinese(refusal(wrong))
    assert client.post(url, {"action": "lend", "counted": 1, "password": PASSWORD}).status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT
    assert client.post(url, {"action": "return", "counted": 1, "password": PASSWORD}).status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and loan.returned_intact
