"""Reads of the quality-check area: weekly counts against the policy, handovers with a check, the
monthly per-person summary, compliance rows (QUALITY-1). Callers check access."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project
from desk.compliance import ComplianceRow, Period
from desk.models import CheckKind, Nonconformity, NonconformityStatus, QualityCheck
from duty.models import Handover, HandoverStatus  # declared direction: quality checks inspect handovers


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def required_per_week(project: Project) -> int:
    return int(policies.value("desk.quality.checks_per_week", project))


def checks_between(*, project: Project, start: dt.date, end: dt.date) -> QuerySet[QualityCheck]:
    lo, hi = clock.day_bounds(start)[0], clock.day_bounds(end)[1]
    return (QualityCheck.objects.filter(project=project, checked_at__gte=lo, checked_at__lte=hi)
            .select_related("checked_by", "handover").prefetch_related("nonconformities__person"))


def weeks(*, project: Project, start: dt.date, end: dt.date) -> list[dict]:
    """Each Monday-to-Sunday week touching [start, end] with its spot checks; `short` when under the
    policy; the current week is `running` (not yet short, only reminded)."""
    need = required_per_week(project)
    first, last = week_start(start), week_start(end)
    counts = dict(QualityCheck.objects.filter(project=project, kind=CheckKind.SPOT, week_start__gte=first,
                                              week_start__lte=last)
                  .values_list("week_start").annotate(n=Count("pk")).values_list("week_start", "n"))
    this_week, out, day = week_start(clock.today()), [], first
    while day <= last:
        n = counts.get(day, 0)
        running = day == this_week
        out.append({"start": day, "end": day + dt.timedelta(days=6), "count": n, "need": need,
                    "running": running, "short": n < need and day < this_week, "ok": n >= need})
        day += dt.timedelta(days=7)
    return out


def handovers(*, project: Project, period: Period) -> tuple[int, int]:
    """(handovers with a check, completed handovers) whose shift changed in the period (§4.4.4)."""
    lo, hi = clock.day_bounds(period.start)[0], clock.day_bounds(period.end)[1]
    done = Handover.objects.filter(project=project, status=HandoverStatus.COMPLETED, shift_change_at__gte=lo,
                                   shift_change_at__lte=hi)
    checked = QualityCheck.objects.filter(project=project, handover__in=done.values("pk")).count()
    return checked, done.count()


def open_overdue(*, project: Project) -> QuerySet[Nonconformity]:
    return Nonconformity.objects.filter(project=project, status=NonconformityStatus.OPEN,
                                        deadline__lt=clock.today()).select_related("person", "check_record")


def person_summary(*, project: Project, period: Period) -> list[dict]:
    """Per person responsible: nonconformities found in the period by item, closed, closed on time,
    still open past the deadline — the basis of the monthly performance review (§4.4.3)."""
    lo, hi = clock.day_bounds(period.start)[0], clock.day_bounds(period.end)[1]
    today = clock.today()
    rows: dict[int, dict] = {}
    for nc in (Nonconformity.objects.filter(project=project, check_record__checked_at__gte=lo,
                                            check_record__checked_at__lte=hi).select_related("person")):
        row = rows.setdefault(nc.person_id, {"person": nc.person, "total": 0, "closed": 0, "on_time": 0,
                                             "overdue": 0, "items": defaultdict(int)})
        row["total"] += 1
        row["items"][nc.item] += 1
        if nc.status == NonconformityStatus.CLOSED:
            row["closed"] += 1
            row["on_time"] += clock.beijing(nc.closed_at).date() <= nc.deadline
        elif nc.deadline < today:
            row["overdue"] += 1
    out = sorted(rows.values(), key=lambda r: (-r["total"], r["person"].pk))
    for r in out:
        r["items"] = sorted(r["items"].items())
    return out


def compliance(*, project: Project, period: Period) -> list[ComplianceRow]:
    """Weeks (wholly ended, within the period) meeting the spot-check minimum; handovers with a check."""
    link = reverse("desk:quality-list")
    today_week = week_start(clock.today())
    full = [w for w in weeks(project=project, start=period.start, end=period.end)
            if w["start"] >= period.start and w["end"] <= period.end and w["start"] < today_week]
    met = sum(w["ok"] for w in full)
    need = required_per_week(project)
    checked, total = handovers(project=project, period=period)
    key = "desk.quality.checks_per_week"
    return [
        ComplianceRow(rule="QUALITY-1", policy_key=key, clause=str(policies.resolve(key, project).clause),
                      label=_("Weeks with the minimum of spot checks of the front desk"),
                      target=_("≥ %(n)s a week") % {"n": need},
                      measured=_("%(met)s of %(all)s weeks") % {"met": met, "all": len(full)} if full else "—",
                      ok=(met == len(full)) if full else None, numerator=met, denominator=len(full), link=link),
        ComplianceRow(rule="QUALITY-1", policy_key="desk.quality.checker_roles",
                      clause="003 篇14 §4.4.4 每日交接班时检查前台值班情况及交接班情况",
                      label=_("Shift handovers with a check"), target="100 %",
                      measured=f"{round(100 * checked / total)} % ({checked}/{total})" if total else "—",
                      ok=(checked == total) if total else None, numerator=checked, denominator=total, link=link),
    ]
