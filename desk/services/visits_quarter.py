"""The quarter's return visits: filing by the 10th of the next quarter (VISIT-7) and the quarter-end
statistical analysis with the supervisor's conclusions (VISIT-6)."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, clock, notifications, policies
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.retention import retain_until
from desk.models import ReturnVisit, VisitAnalysis, VisitFiling, VisitStatus
from desk.selectors.visits_analysis import analysis_figures
from desk.selectors.visits_periods import bounds, filing_due, quarter_period
from desk.services.visits import require_supervisor, require_visits_reader

C = "003 篇10 "


def _check_quarter(year: int, quarter: int, rule: str) -> None:
    if not (1 <= quarter <= 4 and 2000 <= year <= 2100):
        raise DomainError(_("Unknown quarter."), code="invalid_quarter", rule=rule)
    if quarter_period(year, quarter).end >= clock.today():  # its last day is not over until midnight
        raise DomainError(_("The quarter has not ended yet."), code="quarter_not_ended", rule=rule,
                          clause=C + "§4.6 每季度末; §4.7 于下一季度10日前")


@audit.atomic()
def file_quarter(*, project: Project, year: int, quarter: int, actor: User) -> VisitFiling:
    """Hand the quarter's 《回访记录表》 to the office for filing; late when after the 10th (VISIT-7).

    The records are the visits made in the quarter; all must have been reviewed first (§4.5)."""
    require_supervisor(actor, project, rule="VISIT-7")
    _check_quarter(year, quarter, "VISIT-7")
    start, end = bounds(quarter_period(year, quarter))
    made = ReturnVisit.objects.select_for_update().filter(project=project, visited_at__gte=start, visited_at__lt=end)
    waiting = made.filter(status=VisitStatus.DONE).count()
    if waiting:
        raise DomainError(_("%(n)s visit records of the quarter still await the supervisor's review.") % {"n": waiting},
                          code="unreviewed", rule="VISIT-5", clause=C + "§4.5", details={"waiting": waiting})
    due_on = filing_due(year, quarter, int(policies.value("desk.visits.filing_day", project)))
    now = clock.now()
    try:
        with transaction.atomic():
            filing = VisitFiling.objects.create(
                project=project, year=year, quarter=quarter, due_on=due_on, filed_at=now, filed_by=actor,
                records=made.count(), late=clock.beijing(now).date() > due_on,
                retain_until=retain_until(int(policies.value("desk.visits.retention_years", project))))
    except IntegrityError as exc:
        raise Conflict(_("This quarter has already been filed."), code="already_filed", rule="VISIT-7") from exc
    made.update(filing=filing)
    audit.record(actor=actor, action="desk.visits.filed", target=filing, project=project,
                 data={"year": year, "quarter": quarter, "records": filing.records, "late": filing.late})
    notifications.resolve(subject=f"desk.visit_filing:{project.pk}:{year}-{quarter}")
    return filing


@audit.atomic()
def save_analysis(*, project: Project, year: int, quarter: int, prepared_by: User, report: str) -> VisitAnalysis:
    """The quarter-end statistics and analysis, its figures frozen as saved (VISIT-6, §4.6 管理员每季度末)."""
    require_visits_reader(prepared_by, project)
    _check_quarter(year, quarter, "VISIT-6")
    report = (report or "").strip()
    if not report:
        raise DomainError(_("“%(field)s” is required.") % {"field": _("analysis")}, code="required", rule="VISIT-6",
                          details={"field": "report"})
    figures = analysis_figures(project=project, year=year, quarter=quarter)
    try:
        with transaction.atomic():
            analysis = VisitAnalysis.objects.create(
                project=project, year=year, quarter=quarter, prepared_at=clock.now(), prepared_by=prepared_by,
                figures=figures, report=report,
                retain_until=retain_until(int(policies.value("desk.visits.retention_years", project))))
    except IntegrityError as exc:
        raise Conflict(_("This quarter's analysis has already been written."), code="already_analysed",
                       rule="VISIT-6") from exc
    audit.record(actor=prepared_by, action="desk.visits.analysis_saved", target=analysis, project=project,
                 data={"year": year, "quarter": quarter})
    notifications.notify_each(project=project, people=_people(project, "desk.visits.supervisor_roles"),
                              kind="desk.visit.analysis", title=_("Return-visit analysis %(y)s Q%(q)s awaits your "
                                                                  "conclusions") % {"y": year, "q": quarter},
                              dedupe_key=f"desk.visit.analysis:{analysis.pk}",
                              subject=f"desk.visit_analysis:{analysis.pk}",
                              link=reverse("desk:visits-analysis", args=[year, quarter]))
    return analysis


@audit.atomic()
def conclude_analysis(*, analysis: VisitAnalysis, supervisor: User, conclusions: str) -> VisitAnalysis:
    """The supervisor's conclusions; the manager is told, to decide on corrective action (VISIT-6, §4.6)."""
    analysis = VisitAnalysis.objects.select_for_update().get(pk=analysis.pk)
    require_supervisor(supervisor, analysis.project, rule="VISIT-6")
    if analysis.concluded_at:
        raise Conflict(_("The supervisor has already concluded this analysis."), code="already_concluded",
                       rule="VISIT-6")
    conclusions = (conclusions or "").strip()
    if not conclusions:
        raise DomainError(_("“%(field)s” is required.") % {"field": _("supervisor's conclusions")},
                          code="required", rule="VISIT-6", details={"field": "conclusions"})
    analysis.conclusions, analysis.concluded_at, analysis.concluded_by = conclusions, clock.now(), supervisor
    analysis.save(update_fields=["conclusions", "concluded_at", "concluded_by"])
    audit.record(actor=supervisor, action="desk.visits.analysis_concluded", target=analysis,
                 project=analysis.project, data={"year": analysis.year, "quarter": analysis.quarter})
    notifications.resolve(subject=f"desk.visit_analysis:{analysis.pk}", kinds=["desk.visit.analysis"])
    notifications.notify_each(project=analysis.project, people=_people(analysis.project, "desk.visits.manager_roles"),
                              kind="desk.visit.analysis", title=_("Return-visit analysis %(y)s Q%(q)s concluded")
                              % {"y": analysis.year, "q": analysis.quarter},
                              dedupe_key=f"desk.visit.analysis.concluded:{analysis.pk}",
                              subject=f"desk.visit_analysis:{analysis.pk}",
                              link=reverse("desk:visits-analysis", args=[analysis.year, analysis.quarter]))
    return analysis


def _people(project: Project, key: str):
    from core.permissions import staff_in_policy_roles

    return staff_in_policy_roles(project, key)
