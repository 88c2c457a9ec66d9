"""The store room's reminders to its storekeepers (each deduplicated per record and day)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from stores.models import Reconciliation, Requisition, Stocktake, Warehouse
from stores.selectors import stock as sel
from stores.services import parts
from stores.states import CountKind, ReqStatus


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def due_counts(project: Project) -> list[tuple[Warehouse, str]]:
    """(warehouse, kind) of counts due now: in a month's last 3 days without this month's stocktake; in a quarter's
    last month without the quarter's (STOCK-4; 003 篇1 每季度盘点, 篇2 §1.4 每月盘点一次)."""
    today = clock.today()
    if (_month_end(today) - today).days > 2:
        return []
    period = today.strftime("%Y-%m")
    out = []
    for w in Warehouse.objects.filter(project=project):
        done = set(Stocktake.objects.filter(warehouse=w, period=period).values_list("kind", flat=True))
        if today.month % 3 == 0 and CountKind.QUARTERLY not in done:
            out.append((w, CountKind.QUARTERLY))
        elif not done:
            out.append((w, CountKind.MONTHLY))
    return out


def reconciliation_due(project: Project) -> list[Warehouse]:
    """From the 15th on, the warehouses not yet reconciled this month (STOCK-4)."""
    today = clock.today()
    if today.day < policies.value("stores.reconcile_day", project):
        return []
    done = Reconciliation.objects.filter(project=project, period=today.strftime("%Y-%m")).values("warehouse")
    return list(Warehouse.objects.filter(project=project).exclude(pk__in=done))


def planning_overdue(project: Project):
    return Requisition.objects.filter(project=project, planning_checked_at__isnull=True,
                                      planning_due__lt=clock.now()).exclude(status=ReqStatus.REJECTED)


def sweep_project(project: Project) -> int:
    keepers = staff_in_policy_roles(project, "stores.keeper_roles")
    planners = staff_in_policy_roles(project, "stores.auditor_roles")
    day = clock.today().isoformat()
    queued = 0

    def send(people, kind: str, title: str, subject: str) -> int:
        return notify_each(project=project, people=people, kind=f"stores.{kind}", title=title, subject=subject,
                           dedupe_key=f"stores.{kind}:{subject}:{day}")

    for lot in sel.expiring_lots(project):
        queued += send(keepers, "expiring", _("%(item)s in %(warehouse)s expires on %(day)s") % {
            "item": lot.item.name, "warehouse": lot.warehouse.name, "day": lot.expires_on.isoformat()},
            f"stores.lot:{lot.pk}")
    for b in sel.maintenance_due(project):
        queued += send(keepers, "maintenance", _("%(item)s in %(warehouse)s is due for maintenance") % {
            "item": b.item.name, "warehouse": b.warehouse.name}, f"stores.balance:{b.pk}")
    for p in parts.ship_due(project):
        queued += send(keepers, "ship_damaged", _("Damaged part %(number)s is to be shipped back") % {
            "number": p.number}, f"stores.damagedpart:{p.pk}")
    for r in planning_overdue(project):
        queued += send(planners, "planning_overdue", _("Requisition %(number)s not checked within 24 hours") % {
            "number": r.number}, f"stores.requisition:{r.pk}")
    for r in Requisition.objects.filter(project=project, emergency=True, approved_at__isnull=True).exclude(
            status__in=[ReqStatus.PENDING, ReqStatus.REJECTED]):
        queued += send(planners, "backfill", _("Emergency requisition %(number)s awaits its approvals") % {
            "number": r.number}, f"stores.requisition:{r.pk}")
    for w in reconciliation_due(project):
        queued += send(keepers, "reconcile", _("Reconcile %(warehouse)s with the business department") % {
            "warehouse": w.name}, f"stores.warehouse:{w.pk}")
    for w, kind in due_counts(project):
        queued += send(keepers, f"count_{kind}", _("%(warehouse)s: the stocktake is due") % {
            "warehouse": w.name}, f"stores.warehouse:{w.pk}")
    for b in sel.hazardous_misplaced(project):
        queued += send(keepers, "hazardous", _("Hazardous %(item)s is not stored apart") % {
            "item": b.item.name}, f"stores.balance:{b.pk}")
    return queued
