"""Requisitions through planning (within 24 h), the manager and production management, shipped or purchased and
tracked until arrival, emergencies backfilled (STOCK-5); the annual demand plan bounds central purchasing
(STOCK-12); receiving against the delivery note and packing list, discrepancies with photos within 5 working days
of the holiday calendar with 调休 (STOCK-6)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.demo import tiny_png
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Attachment, Notification
from duty.services.holidays_calendar import load_from_package
from stores.models import Requisition
from stores.services import supply
from stores.states import DocStatus, ReqStatus
from stores.sweeps import reminders
from stores.tests.helpers import at


def _apply(site, users, items, **kw):
    return supply.apply(warehouse=site, by=users["cangguan"], purpose="维修备料",
                        lines=[{"item": items["M-002"], "quantity": 4}], **kw)


@pytest.mark.req("STOCK-5")
def test_a_requisition_passes_planning_manager_and_production_then_ships_and_arrives(project, users, site, items,
                                                                                     morning, two_roles, unchanged):
    req = _apply(site, users, items)
    assert req.number.startswith("SL") and [s["code"] for s in req.chain] == ["planning", "dept_manager",
                                                                              "production"]
    with unchanged(req), pytest.raises(Conflict) as early:
        supply.dispatch(requisition=req, by=users["zongjingli"])
    assert early.value.code == "not_approved"
    with unchanged(req), pytest.raises(NotAllowed) as own:
        supply.approve(requisition=req, approver=two_roles(users["cangguan"], "dept_head"))
    assert own.value.code == "self_approval"
    supply.approve(requisition=req, approver=users["gczg"])
    with unchanged(req), pytest.raises(NotAllowed) as twice:
        supply.approve(requisition=req, approver=two_roles(users["gczg"], "site_manager"))
    assert twice.value.code == "same_approver_twice"
    supply.approve(requisition=req, approver=users["jingli"])
    supply.approve(requisition=req, approver=users["zongjingli"])
    req.refresh_from_db()
    assert req.status == ReqStatus.APPROVED and req.planning_checked_at is not None
    supply.dispatch(requisition=req, by=users["zongjingli"], note="顺丰 SF123")
    rec = supply.receive(warehouse=site, by=users["cangguan"], delivery_note="FH-01", packing_list="ZX-01",
                         requisition=req, lines=[{"item": items["M-002"], "listed": 4}])
    req.refresh_from_db()
    assert req.status == ReqStatus.ARRIVED and rec.document.status == DocStatus.SAVED


@pytest.mark.req("STOCK-5")
def test_a_rejected_requisition_is_never_shipped(project, users, site, items, morning, unchanged):
    req = _apply(site, users, items)
    supply.reject(requisition=req, approver=users["gczg"], comment="现场库存充足")
    req.refresh_from_db()
    assert req.status == ReqStatus.REJECTED
    with unchanged(req), pytest.raises(Conflict):
        supply.dispatch(requisition=req, by=users["zongjingli"])


@pytest.mark.req("STOCK-5")
def test_planning_has_24_hours_and_an_emergency_ships_first_then_is_backfilled(project, users, site, items, travel):
    travel(at(dt.date(2026, 3, 10), 9, 0))
    req = _apply(site, users, items)
    urgent = _apply(site, users, items, emergency=True)
    travel(at(dt.date(2026, 3, 11), 8, 59))
    assert not reminders.planning_overdue(project).filter(pk=req.pk).exists()
    travel(at(dt.date(2026, 3, 11), 9, 1))
    assert reminders.planning_overdue(project).filter(pk=req.pk).exists()
    supply.dispatch(requisition=urgent, by=users["zongjingli"])
    reminders.sweep_project(project)
    assert Notification.objects.filter(kind="stores.backfill", subject=f"stores.requisition:{urgent.pk}").exists()
    for who in ("gczg", "jingli", "zongjingli"):
        supply.approve(requisition=urgent, approver=users[who])
    urgent = Requisition.objects.get(pk=urgent.pk)
    assert urgent.status == ReqStatus.SHIPPED and urgent.approved_at and not urgent.backfill_pending


@pytest.mark.req("STOCK-12")
def test_central_purchasing_stays_within_the_annual_demand_plan(project, users, site, items, morning, unchanged):
    with pytest.raises(DomainError) as past:
        supply.draw_up_plan(project=project, by=users["zongjingli"], year=2025, lines=[{"item": items["M-002"],
                                                                                         "quantity": 5}])
    assert past.value.code == "past_year"
    supply.draw_up_plan(project=project, by=users["zongjingli"], year=2026,
                        lines=[{"item": items["M-002"], "quantity": 6}])
    with pytest.raises(Conflict):
        supply.draw_up_plan(project=project, by=users["zongjingli"], year=2026, lines=[{"item": items["M-002"],
                                                                                         "quantity": 1}])
    first, second = _apply(site, users, items), _apply(site, users, items)
    for req in (first, second):
        for who in ("gczg", "jingli", "zongjingli"):
            supply.approve(requisition=req, approver=users[who])
    supply.dispatch(requisition=first, by=users["zongjingli"], purchased=True)
    assert supply.planned_remaining(project, 2026, items["M-002"]) == 2
    second.refresh_from_db()
    with unchanged(second), pytest.raises(Conflict) as beyond:
        supply.dispatch(requisition=second, by=users["zongjingli"], purchased=True)
    assert beyond.value.code == "outside_plan"
    supply.dispatch(requisition=second, by=users["zongjingli"])  # shipped from stock instead


@pytest.mark.req("STOCK-6")
def test_discrepancies_are_reported_with_photos_within_5_working_days_counting_the_makeup_sunday(
        project, users, site, items, travel, unchanged):
    load_from_package(year=2026)
    travel(at(dt.date(2026, 9, 17)))  # a Thursday; Sunday 20 September is a 调休 working day
    with pytest.raises(DomainError) as no_papers:
        supply.receive(warehouse=site, by=users["cangguan"], delivery_note="FH-9", packing_list="",
                       lines=[{"item": items["M-001"], "listed": 10}])
    assert no_papers.value.code == "documents_required"
    rec = supply.receive(warehouse=site, by=users["cangguan"], delivery_note="FH-9", packing_list="ZX-9",
                         lines=[{"item": items["M-001"], "listed": 10, "received": 8}])
    assert rec.check_due == dt.date(2026, 9, 23)  # 18, 20 (调休), 21, 22, 23 — without 调休 it would be the 24th
    assert rec.document.lines.get().quantity == 8
    with unchanged(rec), pytest.raises(DomainError) as no_photo:
        supply.report_discrepancy(receiving=rec, by=users["cangguan"], description="少2个")
    assert no_photo.value.code == "photos_required"
    travel(at(dt.date(2026, 9, 23), 17))
    found = supply.report_discrepancy(receiving=rec, by=users["cangguan"], description="少2个",
                                      photos=[("box.png", tiny_png())])
    assert Attachment.objects.filter(object_id=str(found.pk)).count() == 1
    travel(at(dt.date(2026, 9, 24)))
    with unchanged(rec), pytest.raises(Conflict) as late:
        supply.report_discrepancy(receiving=rec, by=users["cangguan"], description="外包装破损",
                                  photos=[("box.png", tiny_png())])
    assert late.value.code == "report_late"
