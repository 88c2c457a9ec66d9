"""Reads of the repairs area: open and late repairs, engineering staff, compliance (REPAIR-1..5)."""
from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project, User
from core.permissions import is_department_head, staff_in_policy_roles
from desk.compliance import ComplianceRow, Period
from desk.models import OPEN_REPAIR_STATUSES, Repair, RepairStatus


def repairs(*, project: Project) -> QuerySet[Repair]:
    return (Repair.objects.filter(project=project)
            .select_related("unit__building", "reported_by", "technician", "dispatched_by", "signer_staff"))


def open_repairs(*, project: Project) -> QuerySet[Repair]:
    """Everything not signed or cancelled; a completed but unsigned slip is still open (REPAIR-3)."""
    return repairs(project=project).filter(status__in=OPEN_REPAIR_STATUSES)


def late_repairs(*, project: Project, now: dt.datetime | None = None) -> QuerySet[Repair]:
    """Slips whose technician has not set out by `due_at` (5 minutes or the appointment, REPAIR-2)."""
    return repairs(project=project).filter(status=RepairStatus.DISPATCHED, due_at__lt=now or clock.now())


def undispatched_late(*, project: Project, now: dt.datetime | None = None) -> QuerySet[Repair]:
    """Reports whose slip has not gone to engineering within the prescribed minutes (REPAIR-1)."""
    minutes = int(policies.value("desk.repairs.dispatch_minutes", project))
    return repairs(project=project).filter(status=RepairStatus.REPORTED,
                                           reported_at__lt=(now or clock.now()) - dt.timedelta(minutes=minutes))


def unsigned_repairs(*, project: Project) -> QuerySet[Repair]:
    return repairs(project=project).filter(status=RepairStatus.COMPLETED)


def filtered(*, project: Project, status: str = "", late: bool = False, q: str = "") -> QuerySet[Repair]:
    qs = late_repairs(project=project) if late else repairs(project=project)
    if status == "open":
        qs = qs.filter(status__in=OPEN_REPAIR_STATUSES)
    elif status in RepairStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(serial__icontains=q) | Q(slip_number__icontains=q) | Q(person_name__icontains=q)
                       | Q(content__icontains=q) | Q(location__icontains=q))
    return qs


def engineering_staff(project: Project) -> list[User]:
    department = policies.value("desk.repairs.engineering_department", project)
    return [u for u in staff_in_policy_roles(project, "desk.repairs.technician_roles")
            if u.department is not None and u.department.code == department]


def engineering_heads(project: Project) -> list[User]:
    department = policies.value("desk.repairs.engineering_department", project)
    return [u for u in engineering_staff(project) if is_department_head(u, project, department)]


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return clock.day_bounds(period.start)[0], clock.day_bounds(period.end)[1]


def _percent(numerator: int, denominator: int) -> str:
    return f"{round(100 * numerator / denominator)} %" if denominator else "—"


def compliance(*, project: Project, period: Period) -> list[ComplianceRow]:
    """Set-out within the policy minutes, and signed completions, over `period` (REPAIR-2, REPAIR-3)."""
    start, end = _bounds(period)
    link = reverse("desk:repairs-list")
    dispatched = Repair.objects.filter(project=project, dispatched_at__gte=start, dispatched_at__lte=end)
    setout_base = dispatched.filter(Q(set_out_at__isnull=False) | Q(due_at__lt=clock.now()))
    in_time = setout_base.filter(set_out_at__isnull=False, set_out_at__lte=F("due_at")).count()
    total = setout_base.count()
    setout = policies.resolve("desk.repairs.setout_minutes", project)
    setout_target = int(policies.value("desk.repairs.setout_target_percent", project))
    done = Repair.objects.filter(project=project, completed_at__gte=start, completed_at__lte=end)
    signed = done.filter(status=RepairStatus.SIGNED).count()
    done_total = done.count()
    signed_rule = policies.resolve("desk.repairs.signed_target_percent", project)
    return [
        ComplianceRow(rule="REPAIR-2", policy_key=setout.key, clause=setout.clause,
                      label=_("Technician set out within %(minutes)s minutes of the slip") % {
                          "minutes": setout.value},
                      target=f"≥ {setout_target} %", measured=_percent(in_time, total),
                      ok=None if not total else 100 * in_time >= setout_target * total,
                      numerator=in_time, denominator=total, link=link),
        ComplianceRow(rule="REPAIR-3", policy_key=signed_rule.key, clause=signed_rule.clause,
                      label=_("Completed repairs signed off"), target=f"≥ {signed_rule.value} %",
                      measured=_percent(signed, done_total),
                      ok=None if not done_total else 100 * signed >= int(signed_rule.value) * done_total,
                      numerator=signed, denominator=done_total, link=link + "?status=completed"),
    ]
