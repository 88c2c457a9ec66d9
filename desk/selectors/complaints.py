"""Reads of the complaints area: the register with its SLA timers, overdue queries, monthly statistics,
quarterly/annual summaries and compliance rows (COMPLAINT-1, COMPLAINT-2). Callers check access."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project, User
from core.roles import DepartmentCode
from desk.compliance import ComplianceRow, Period
from desk.models import Complaint, ComplaintChannel, ComplaintStatus, SummaryKind


def register(*, project: Project, user: User | None = None) -> QuerySet[Complaint]:
    """The register; a user outside the reader roles sees only their department's complaints."""
    qs = Complaint.objects.filter(project=project).select_related("unit__building", "registered_by", "handled_by")
    if user is not None:
        from desk.services.complaints import may_read_all

        if not may_read_all(user, project):
            code = user.department.code if user.department_id else None
            qs = qs.filter(department=code) if code else qs.none()
    return qs


def dispatch_overdue(*, project: Project, at: dt.datetime | None = None) -> QuerySet[Complaint]:
    """Not yet sent to the department though its time to reach it has passed (COMPLAINT-1)."""
    return Complaint.objects.filter(project=project, status=ComplaintStatus.REGISTERED,
                                    dispatch_due_at__lt=at or clock.now())


def handling_overdue(*, project: Project, at: dt.datetime | None = None) -> QuerySet[Complaint]:
    """Sent but not handled and reported back in time (COMPLAINT-2)."""
    return Complaint.objects.filter(project=project, status=ComplaintStatus.SENT, handling_due_at__lt=at or clock.now())


def overdue(*, project: Project) -> QuerySet[Complaint]:
    now = clock.now()
    return Complaint.objects.filter(
        Q(status=ComplaintStatus.REGISTERED, dispatch_due_at__lt=now)
        | Q(status=ComplaintStatus.SENT, handling_due_at__lt=now), project=project)


def timer(complaint: Complaint, now: dt.datetime | None = None) -> dict:
    """The SLA timer of one row: which deadline runs, when, and whether it is missed."""
    now = now or clock.now()
    if complaint.status == ComplaintStatus.REGISTERED:
        due, label = complaint.dispatch_due_at, _("to reach the department")
    elif complaint.status == ComplaintStatus.SENT:
        due, label = complaint.handling_due_at, _("handling and feedback")
    else:
        return {"due": None, "label": "", "overdue": False, "minutes": 0}
    minutes = int((due - now).total_seconds() // 60)
    return {"due": due, "label": label, "overdue": minutes < 0, "minutes": abs(minutes)}


def bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return clock.day_bounds(period.start)[0], clock.day_bounds(period.end)[1]


def in_period(*, project: Project, period: Period) -> QuerySet[Complaint]:
    start, end = bounds(period)
    return Complaint.objects.filter(project=project, registered_at__gte=start, registered_at__lte=end)


def _pct(num: int, den: int) -> int | None:
    return round(100 * num / den) if den else None


def _dispatch_counts(qs) -> tuple[int, int]:
    """(in time, measured): sent in time, against those sent plus those still unsent and overdue."""
    now = clock.now()
    measured = qs.filter(Q(sent_at__isnull=False) | Q(dispatch_due_at__lt=now))
    return measured.filter(sent_at__lte=F("dispatch_due_at")).count(), measured.count()


def _handling_counts(qs) -> tuple[int, int]:
    now = clock.now()
    measured = qs.filter(sent_at__isnull=False).filter(Q(handled_at__isnull=False) | Q(handling_due_at__lt=now))
    return measured.filter(handled_at__lte=F("handling_due_at")).count(), measured.count()


def statistics(*, project: Project, period: Period) -> dict:
    """Figures of a period by subject, department and channel; in-time rates; VIP and major counts
    (001 篇1 第四章(九)). JSON-ready: a summary snapshots it as it is."""
    qs = in_period(project=project, period=period)
    rows = list(qs.values("subject", "department", "channel", "is_vip", "major", "status"))
    depts, channels = dict(DepartmentCode.choices), dict(ComplaintChannel.choices)
    by_subject = Counter(r["subject"] or _("(none)") for r in rows)
    by_department = Counter(str(depts.get(r["department"], _("(none)"))) for r in rows)
    by_channel = Counter(str(channels.get(r["channel"], r["channel"])) for r in rows)
    d_ok, d_all = _dispatch_counts(qs)
    h_ok, h_all = _handling_counts(qs)
    return {
        "start": period.start.isoformat(), "end": period.end.isoformat(), "total": len(rows),
        "closed": sum(r["status"] == ComplaintStatus.CLOSED for r in rows),
        "vip": sum(r["is_vip"] for r in rows), "major": sum(r["major"] for r in rows),
        "by_subject": by_subject.most_common(), "by_department": by_department.most_common(),
        "by_channel": by_channel.most_common(),
        "dispatch_in_time": d_ok, "dispatch_measured": d_all, "dispatch_pct": _pct(d_ok, d_all),
        "handled_in_time": h_ok, "handled_measured": h_all, "handled_pct": _pct(h_ok, h_all),
    }


def months_of(figures_period: Period) -> list[Period]:
    months, day = [], figures_period.start.replace(day=1)
    while day <= figures_period.end:
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        months.append(Period(day, min(nxt - dt.timedelta(days=1), figures_period.end)))
        day = nxt
    return months


def period_for(kind: str, day: dt.date) -> Period:
    """The month, quarter or year containing `day`."""
    if kind == SummaryKind.YEAR:
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    if kind == SummaryKind.QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first, 1)
        end = dt.date(day.year + (first == 10), 1 if first == 10 else first + 3, 1) - dt.timedelta(days=1)
        return Period(start, end)
    start = day.replace(day=1)
    return Period(start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1))


def summary_figures(*, project: Project, kind: str, period: Period) -> dict:
    """The period's statistics plus, for a quarter or year, the count of each month (for the chart)."""
    figures = statistics(project=project, period=period)
    if kind != SummaryKind.MONTH:
        figures["by_month"] = [(m.start.strftime("%Y-%m"), in_period(project=project, period=m).count())
                               for m in months_of(period)]
    return figures


def bars(pairs, width: int = 300) -> list[dict]:
    """Rows of a server-rendered SVG bar chart: label, value, bar width in px, y position."""
    pairs = [(str(label), int(value)) for label, value in pairs]
    top = max([v for _label, v in pairs] or [0]) or 1
    return [{"label": label, "value": value, "w": max(1, round(width * value / top)) if value else 0,
             "y": i * 24} for i, (label, value) in enumerate(pairs)]


def compliance(*, project: Project, period: Period) -> list[ComplianceRow]:
    """Complaints reaching the department in time; handled and reported back in time (COMPLAINT-1, -2)."""
    qs = in_period(project=project, period=period)
    link = reverse("desk:complaints-list")
    d_ok, d_all = _dispatch_counts(qs)
    h_ok, h_all = _handling_counts(qs)
    rows = []
    for rule, key, urgent_key, label, unit, num, den in (
            ("COMPLAINT-1", "desk.complaints.dispatch_minutes", "desk.complaints.dispatch_minutes_urgent",
             _("Complaints reaching the responsible department in time"), _("min"), d_ok, d_all),
            ("COMPLAINT-2", "desk.complaints.handling_hours", "desk.complaints.handling_hours_urgent",
             _("Complaints handled and reported back in time"), _("h"), h_ok, h_all)):
        target = _("≤ %(normal)s %(unit)s (VIP ≤ %(urgent)s %(unit)s), 100 %%") % {
            "normal": policies.value(key, project), "urgent": policies.value(urgent_key, project), "unit": unit}
        rows.append(ComplianceRow(
            rule=rule, policy_key=key, clause=str(policies.resolve(key, project).clause), label=label,
            target=target, measured=f"{_pct(num, den)} % ({num}/{den})" if den else "—",
            ok=(num == den) if den else None, numerator=num, denominator=den, link=link))
    return rows
