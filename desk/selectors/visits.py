"""Reads of the return-visit area: lists (due, overdue, by assignee), and its compliance rows.
Overdue is a query: planned and `due_at` passed (VISIT-5). Callers check the reader roles first."""
from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project
from desk.compliance import ComplianceRow, Period
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit, VisitFiling, VisitStatus
from desk.selectors.visits_periods import bounds, filing_due, quarter_of, quarter_period

SHOWS = ("due", "overdue", "upcoming", "review", "done", "all")


def visits(*, project: Project | None = None) -> QuerySet[ReturnVisit]:
    qs = ReturnVisit.objects.all() if project is None else ReturnVisit.objects.filter(project=project)
    return qs.select_related("project", "closure", "closure__unit__building", "assignee", "co_assignee",
                             "visited_by", "reviewed_by")


def filter_visits(qs: QuerySet[ReturnVisit], *, show: str = "due", assignee_id: int | None = None,
                  kind: str = "") -> QuerySet[ReturnVisit]:
    """due: planned, window open today, not yet passed; overdue: planned, `due_at` passed (VISIT-5);
    upcoming: window opens after today; review: made, awaiting the supervisor; done: reviewed."""
    now, today_end = clock.now(), clock.day_bounds(clock.today())[1]
    if show == "due":
        qs = qs.filter(status=VisitStatus.PLANNED, window_start__lt=today_end, due_at__gte=now).order_by("due_at", "pk")
    elif show == "overdue":
        qs = qs.filter(status=VisitStatus.PLANNED, due_at__lt=now).order_by("due_at", "pk")
    elif show == "upcoming":
        qs = qs.filter(status=VisitStatus.PLANNED, window_start__gte=today_end).order_by("window_start", "pk")
    elif show == "review":
        qs = qs.filter(status=VisitStatus.DONE).order_by("visited_at", "pk")
    elif show == "done":
        qs = qs.filter(status=VisitStatus.REVIEWED).order_by("-visited_at", "-pk")
    else:
        qs = qs.order_by("-planned_at", "-pk")
    if assignee_id:
        qs = qs.filter(Q(assignee_id=assignee_id) | Q(co_assignee_id=assignee_id))
    if kind in MatterKind.values:
        qs = qs.filter(closure__kind=kind)
    return qs


def due_now(*, project: Project) -> QuerySet[ReturnVisit]:
    return filter_visits(visits(project=project), show="due")


def overdue(*, project: Project) -> QuerySet[ReturnVisit]:
    """Planned visits not made within their window (VISIT-5)."""
    return filter_visits(visits(project=project), show="overdue")


def awaiting_review(*, project: Project) -> QuerySet[ReturnVisit]:
    return filter_visits(visits(project=project), show="review")


def listing(*, project: Project, show: str = "due", assignee_id: int | None = None, kind: str = "") -> QuerySet:
    return filter_visits(visits(project=project), show=show, assignee_id=assignee_id, kind=kind)


def closures(*, project: Project, kind: str = "") -> QuerySet[Closure]:
    result = Closure.objects.filter(project=project).select_related("unit__building", "registered_by")
    if kind in MatterKind.values:
        result = result.filter(kind=kind)
    return result.order_by("-closed_at", "-pk")


def _pct(num: int, den: int) -> str:
    return f"{round(100 * num / den)} % ({num}/{den})" if den else "—"


def _link(name: str, **query) -> str:
    from urllib.parse import urlencode

    return reverse(name) + ("?" + urlencode(query) if query else "")


def compliance(*, project: Project, period: Period) -> list[ComplianceRow]:
    """Visit rate per kind, visits within window per kind, reviews done, filing on time (VISIT-1, -2, -5, -7)."""
    start, end = bounds(period)
    now = clock.now()
    rows: list[ComplianceRow] = []
    closed = Closure.objects.filter(project=project, closed_at__gte=start, closed_at__lt=end)
    for kind in MatterKind:
        key = f"desk.visits.rate.{kind.value}"
        rule = policies.resolve(key, project)
        den = closed.filter(kind=kind).count()
        num = closed.filter(kind=kind, visits__visited_at__isnull=False).distinct().count()
        rows.append(ComplianceRow(
            rule="VISIT-2", policy_key=key, clause=rule.clause,
            label=_("Return-visit rate: %(kind)s") % {"kind": kind.label}, target=f"≥ {rule.value} %",
            measured=_pct(num, den), ok=(100 * num >= int(rule.value) * den) if den else None,
            numerator=num, denominator=den, link=_link("desk:visits-closures", kind=kind.value)))
    # Visits whose window closed within the period (and before now): made in time or not.
    due = ReturnVisit.objects.filter(project=project, due_at__gte=start, due_at__lt=min(end, now))
    for kind in MatterKind:
        key = f"desk.visits.window.{kind.value}"
        rule = policies.resolve(key, project)
        of_kind = due.filter(closure__kind=kind)
        den = of_kind.count()
        num = of_kind.filter(visited_at__isnull=False, visited_at__lte=F("due_at")).count()
        window = rule.value
        rows.append(ComplianceRow(
            rule="VISIT-1", policy_key=key, clause=rule.clause,
            label=_("Visits made within the window: %(kind)s") % {"kind": kind.label},
            target=_("100%% within day %(a)s–%(b)s") % {"a": window["start_days"], "b": window["end_days"]},
            measured=_pct(num, den), ok=(num == den) if den else None, numerator=num, denominator=den,
            link=_link("desk:visits-list", show="overdue", kind=kind.value)))
    made = ReturnVisit.objects.filter(project=project, visited_at__gte=start, visited_at__lt=end)
    den, num = made.count(), made.filter(status=VisitStatus.REVIEWED).count()
    rule = policies.resolve("desk.visits.supervisor_roles", project)
    rows.append(ComplianceRow(
        rule="VISIT-5", policy_key=rule.key, clause=rule.clause, label=_("Visit records reviewed by the supervisor"),
        target="100 %", measured=_pct(num, den), ok=(num == den) if den else None, numerator=num, denominator=den,
        link=_link("desk:visits-list", show="review")))
    rows.append(_filing_row(project, period))
    return rows


def _filing_row(project: Project, period: Period) -> ComplianceRow:
    """The previous quarter's records filed by the 10th of this quarter (VISIT-7)."""
    year, quarter = quarter_of(period.start)
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    rule = policies.resolve("desk.visits.filing_day", project)
    due_on = filing_due(year, quarter, int(rule.value))
    filing = VisitFiling.objects.filter(project=project, year=year, quarter=quarter).first()
    if filing:
        measured = _("filed %(date)s") % {"date": f"{clock.beijing(filing.filed_at):%Y-%m-%d}"}
        measured += " " + _("(late)") if filing.late else ""
        ok: bool | None = not filing.late
    else:
        measured = _("not filed")
        ok = False if clock.today() > due_on else None
    return ComplianceRow(
        rule="VISIT-7", policy_key=rule.key, clause=rule.clause,
        label=_("Records of %(y)s Q%(q)s filed on time") % {"y": year, "q": quarter},
        target=_("by %(date)s") % {"date": due_on.isoformat()}, measured=measured, ok=ok,
        numerator=int(bool(filing and not filing.late)), denominator=1,
        link=_link("desk:visits-quarter", year=year, quarter=quarter))


def quarter_summary(*, project: Project, year: int, quarter: int) -> dict:
    period = quarter_period(year, quarter)
    return {"period": period, "filing": VisitFiling.objects.filter(project=project, year=year, quarter=quarter).first(),
            "due_on": filing_due(year, quarter, int(policies.value("desk.visits.filing_day", project)))}
