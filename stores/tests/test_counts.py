"""The daily journal per site, the monthly and quarterly stocktake with a cause and reason for every gain or loss and
approval before the books change (reject branch too), the reconciliation on the 15th (STOCK-4, STOCK-11)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from stores.models import StockDocument
from stores.selectors import stock as sel
from stores.services import counts
from stores.states import Cause, CountKind, CountStatus, DocKind
from stores.sweeps import reminders
from stores.tests.helpers import at, issue, stocked


@pytest.mark.req("STOCK-4")
def test_the_daily_journal_holds_the_days_movements_of_the_site_by_beijing_day(project, users, ws, items, travel):
    site, bulb = ws["site"], items["M-001"]
    travel(at(dt.date(2026, 3, 10), 23, 50))
    stocked(project, users, site, bulb, 10)
    travel(at(dt.date(2026, 3, 11), 0, 10))
    issue(project, users, site, bulb, 3)
    stocked(project, users, ws["department"], bulb, 8)  # another warehouse: not in the site's journal
    day1, day2 = sel.daily_journal(site, dt.date(2026, 3, 10)), sel.daily_journal(site, dt.date(2026, 3, 11))
    assert (day1["in"], day1["out"], len(day1["rows"])) == (10, 0, 1)
    assert (day2["in"], day2["out"], len(day2["rows"])) == (0, 3, 1)
    assert day2["rows"][0].document.number.startswith("CK")


def _counted(project, users, site, bulb, tap, kind=CountKind.MONTHLY):
    stocked(project, users, site, bulb, 10)
    stocked(project, users, site, tap, 5)
    count = counts.open_count(warehouse=site, by=users["cangguan"], kind=kind)
    lines = {ln.item_id: ln for ln in count.lines.all()}
    return count, lines


@pytest.mark.req("STOCK-4", "STOCK-11")
def test_a_gain_or_loss_without_its_cause_and_reason_is_refused(project, users, site, items, morning, unchanged):
    count, lines = _counted(project, users, site, items["M-001"], items["M-002"])
    bulb = lines[items["M-001"].pk]
    tap = lines[items["M-002"].pk]
    with unchanged(count, bulb), pytest.raises(DomainError) as refused:
        counts.submit(stocktake=count, by=users["cangguan"], counts={bulb.pk: {"counted": 8},
                                                                      tap.pk: {"counted": 5}})
    assert refused.value.code == "reason_required"


@pytest.mark.req("STOCK-4", "STOCK-11")
def test_the_books_change_only_after_the_stocktake_is_approved(project, users, site, items, morning, two_roles):
    count, lines = _counted(project, users, site, items["M-001"], items["M-002"])
    bulb, tap = lines[items["M-001"].pk], lines[items["M-002"].pk]
    counts.submit(stocktake=count, by=users["cangguan"], counts={
        bulb.pk: {"counted": 8, "cause": Cause.SHORTAGE, "reason": "维修领用未登记"},
        tap.pk: {"counted": 6, "cause": Cause.SURPLUS, "reason": "上月入库少记"}})
    assert count.number.startswith("PD")
    assert (sel.quantity(site, items["M-001"]), sel.quantity(site, items["M-002"])) == (10, 5)
    with pytest.raises(NotAllowed) as own:
        counts.approve(stocktake=count, approver=two_roles(users["cangguan"], "site_manager"))
    assert own.value.code == "self_approval"
    counts.approve(stocktake=count, approver=users["jingli"])
    count.refresh_from_db()
    assert count.status == CountStatus.APPROVED
    assert (sel.quantity(site, items["M-001"]), sel.quantity(site, items["M-002"])) == (8, 6)
    assert sel.check_balances(site) == []
    assert StockDocument.objects.filter(reference=count.number, kind=DocKind.STOCKTAKE).count() == 2


@pytest.mark.req("STOCK-4", "STOCK-11")
def test_a_rejected_stocktake_leaves_the_books_alone(project, users, site, items, morning, unchanged):
    count, lines = _counted(project, users, site, items["M-001"], items["M-002"], kind=CountKind.QUARTERLY)
    bulb, tap = lines[items["M-001"].pk], lines[items["M-002"].pk]
    counts.submit(stocktake=count, by=users["cangguan"], counts={
        bulb.pk: {"counted": 7, "cause": Cause.SPOILAGE, "reason": "受潮"}, tap.pk: {"counted": 5}})
    with unchanged(count), pytest.raises(DomainError) as no_reason:
        counts.reject(stocktake=count, approver=users["jingli"], comment="")
    assert no_reason.value.code == "required"
    counts.reject(stocktake=count, approver=users["jingli"], comment="请复盘")
    count.refresh_from_db()
    assert count.status == CountStatus.REJECTED and count.adjustment is None
    assert sel.quantity(site, items["M-001"]) == 10
    with pytest.raises(Conflict):
        counts.approve(stocktake=count, approver=users["gczg"])


@pytest.mark.req("STOCK-4")
def test_reconciliation_is_due_from_the_15th_and_records_whether_the_books_agree(project, users, ws, items, travel,
                                                                                unchanged):
    site, bulb = ws["site"], items["M-001"]
    travel(at(dt.date(2026, 3, 14)))
    stocked(project, users, site, bulb, 4)
    assert reminders.reconciliation_due(project) == []
    travel(at(dt.date(2026, 3, 15)))
    assert site in reminders.reconciliation_due(project)
    reminders.sweep_project(project)
    assert Notification.objects.filter(kind="stores.reconcile", recipient=users["cangguan"]).exists()
    rec = counts.reconcile(warehouse=site, by=users["cangguan"])
    assert rec.matches and rec.period == "2026-03"
    assert site not in reminders.reconciliation_due(project)
    with unchanged(rec), pytest.raises(Conflict) as again:
        counts.reconcile(warehouse=site, by=users["cangguan"])
    assert again.value.code == "already_reconciled"
    travel(at(dt.date(2026, 4, 15)))
    site.balances.filter(item=bulb).update(quantity=5)
    assert not counts.reconcile(warehouse=site, by=users["cangguan"]).matches


@pytest.mark.req("STOCK-4")
@pytest.mark.parametrize("day,kind", [(dt.date(2026, 3, 30), CountKind.QUARTERLY),
                                      (dt.date(2026, 4, 29), CountKind.MONTHLY), (dt.date(2026, 12, 31),
                                                                                 CountKind.QUARTERLY)])
def test_the_months_and_the_quarters_stocktake_are_reminded_at_the_periods_end(project, users, site, travel, day,
                                                                               kind):
    travel(at(day - dt.timedelta(days=5)))
    assert reminders.due_counts(project) == []
    travel(at(day))
    assert (site, kind) in reminders.due_counts(project)
    counts.open_count(warehouse=site, by=users["cangguan"], kind=kind)
    assert site not in [w for w, _k in reminders.due_counts(project)]
