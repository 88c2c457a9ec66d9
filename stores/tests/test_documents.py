"""Warehouses at three levels with good and damaged stock; movement documents saved then audited; un-auditing
before a change; the warehouse fixed; returns as red entries; the balance never negative and always its journal
(STOCK-1, STOCK-2, STOCK-3, STOCK-4)."""
from __future__ import annotations

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from stores.models import Movement, StockDocument
from stores.selectors import stock as sel
from stores.services import stock
from stores.states import DocKind, DocStatus, Grade, Level
from stores.tests.helpers import issue, stocked


@pytest.mark.req("STOCK-1")
def test_three_levels_each_keep_good_and_damaged_stock_apart(project, users, ws, items, morning):
    assert {w.level for w in ws.values()} == {Level.COMPANY, Level.DEPARTMENT, Level.SITE}
    assert ws["site"].parent == ws["department"] and ws["department"].parent == ws["company"]
    part = items["M-003"]
    stocked(project, users, ws["company"], part, 10, location=None)
    stocked(project, users, ws["company"], part, 3, kind=DocKind.DAMAGED_IN)
    assert sel.quantity(ws["company"], part, Grade.GOOD) == 10
    assert sel.quantity(ws["company"], part, Grade.DAMAGED) == 3
    # Damaged stock is transferred as damaged stock: the good balance does not move.
    doc = stock.create(project=project, by=users["cangguan"], kind=DocKind.TRANSFER, warehouse=ws["company"],
                       to_warehouse=ws["department"], grade=Grade.DAMAGED, lines=[{"item": part, "quantity": 2}])
    stock.audit_document(document=doc, auditor=users["gczg"])
    assert doc.number.startswith("DB")
    assert (sel.quantity(ws["company"], part, Grade.GOOD), sel.quantity(ws["company"], part, Grade.DAMAGED),
            sel.quantity(ws["department"], part, Grade.DAMAGED)) == (10, 1, 2)


@pytest.mark.req("STOCK-2")
@pytest.mark.parametrize("kind,grade,sign", [
    (DocKind.PURCHASE, Grade.GOOD, 1), (DocKind.SMALL_PURCHASE, Grade.GOOD, 1),
    (DocKind.DAMAGED_IN, Grade.DAMAGED, 1), (DocKind.REPAIRED_IN, Grade.GOOD, 1),
    (DocKind.OWN_USE, Grade.GOOD, -1), (DocKind.REPAIR_RETURN, Grade.DAMAGED, -1), (DocKind.SCRAP, Grade.DAMAGED, -1)])
def test_each_kind_of_movement_moves_its_grade_in_or_out(project, users, site, items, morning, kind, grade, sign):
    bulb = items["M-001"]
    stocked(project, users, site, bulb, 10)
    stocked(project, users, site, bulb, 10, kind=DocKind.DAMAGED_IN)
    doc = issue(project, users, site, bulb, 4, kind=kind)
    assert doc.number[:2] == ("RK" if sign > 0 else "CK")
    assert sel.quantity(site, bulb, grade) == 10 + sign * 4
    assert list(Movement.objects.filter(document=doc).values_list("delta", flat=True)) == [sign * 4]


@pytest.mark.req("STOCK-2")
def test_a_return_is_a_red_entry_that_puts_the_stock_back(project, users, site, items, morning):
    bulb = items["M-001"]
    stocked(project, users, site, bulb, 10)
    issue(project, users, site, bulb, 6)
    back = issue(project, users, site, bulb, 2, red=True)  # 退库: a red own-use entry
    assert back.red and back.number.startswith("RK")
    assert sel.quantity(site, bulb) == 6
    assert Movement.objects.get(document=back).delta == 2


@pytest.mark.req("STOCK-3")
def test_the_books_change_only_when_a_document_is_audited_by_a_second_person(project, users, site, items, morning,
                                                                          unchanged, two_roles):
    bulb = items["M-001"]
    doc = stock.create(project=project, by=users["cangguan"], kind=DocKind.PURCHASE, warehouse=site,
                       lines=[{"item": bulb, "quantity": 5}])
    assert doc.status == DocStatus.SAVED and sel.quantity(site, bulb) == 0
    writer = two_roles(users["cangguan"], "dept_head")  # one person, both hats: still may not audit own document
    with unchanged(doc), pytest.raises(NotAllowed) as refused:
        stock.audit_document(document=doc, auditor=writer)
    assert refused.value.code == "self_audit"
    with unchanged(doc), pytest.raises(NotAllowed):
        stock.audit_document(document=doc, auditor=users["kefu1"])  # not an auditor
    stock.audit_document(document=doc, auditor=users["gczg"])
    assert sel.quantity(site, bulb) == 5


@pytest.mark.req("STOCK-3")
def test_an_audited_document_changes_only_after_un_auditing_and_its_warehouse_never(project, users, ws, items,
                                                                                 morning, unchanged):
    site, bulb = ws["site"], items["M-001"]
    doc = stocked(project, users, site, bulb, 5)
    with unchanged(doc), pytest.raises(Conflict) as refused:
        stock.update(document=doc, by=users["cangguan"], lines=[{"item": bulb, "quantity": 7}])
    assert refused.value.code == "audited_locked"
    stock.unaudit_document(document=doc, auditor=users["gczg"])
    assert sel.quantity(site, bulb) == 0 and sel.check_balances(site) == []
    doc.refresh_from_db()
    with unchanged(doc), pytest.raises(Conflict) as refused:
        stock.update(document=doc, by=users["cangguan"], warehouse=ws["department"])
    assert refused.value.code == "warehouse_fixed"
    stock.update(document=doc, by=users["cangguan"], lines=[{"item": bulb, "quantity": 7}])
    stock.audit_document(document=doc, auditor=users["gczg"])
    assert sel.quantity(site, bulb) == 7
    assert StockDocument.objects.get(pk=doc.pk).warehouse == site


@pytest.mark.req("STOCK-2", "STOCK-4")
def test_the_balance_never_goes_negative_and_a_refused_issue_changes_nothing(project, users, site, items, morning,
                                                                             unchanged):
    bulb, tap = items["M-001"], items["M-002"]
    stocked(project, users, site, bulb, 3)
    stocked(project, users, site, tap, 3)
    doc = stock.create(project=project, by=users["cangguan"], kind=DocKind.OWN_USE, warehouse=site,
                       lines=[{"item": tap, "quantity": 1}, {"item": bulb, "quantity": 4}])
    with unchanged(doc), pytest.raises(Conflict) as refused:
        stock.audit_document(document=doc, auditor=users["gczg"])
    assert refused.value.code == "insufficient_stock"
    assert (sel.quantity(site, bulb), sel.quantity(site, tap)) == (3, 3)  # the first line was not issued either
    with pytest.raises(DomainError) as bad:
        stock.create(project=project, by=users["cangguan"], kind=DocKind.OWN_USE, warehouse=site,
                     lines=[{"item": bulb, "quantity": -1}])
    assert bad.value.code == "bad_quantity"


@pytest.mark.req("STOCK-4")
def test_every_balance_is_the_sum_of_its_journal_and_a_tampered_one_is_found(project, users, ws, items, morning):
    site, bulb = ws["site"], items["M-001"]
    stocked(project, users, site, bulb, 9)
    issue(project, users, site, bulb, 4)
    assert sel.journal_total(site, bulb, Grade.GOOD) == sel.quantity(site, bulb) == 5
    assert sel.check_balances(site) == []
    site.balances.filter(item=bulb).update(quantity=6)
    assert sel.check_balances(site) == [{"item": bulb.pk, "grade": Grade.GOOD, "balance": 6, "journal": 5}]
