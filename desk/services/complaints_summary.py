"""Monthly, quarterly and annual complaint summaries with the supervisor's improvement proposals, the
figures snapshotted when saved (COMPLAINT-2; 001 篇1 第四章(九)–(十一))."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, policies
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.retention import retain_until
from desk.models import ComplaintSummary, SummaryKind
from desk.selectors import complaints as selectors
from desk.services.complaints import require_policy_role


@audit.atomic()
def save_summary(*, project: Project, created_by: User, kind: str, day: dt.date, proposals: str) -> ComplaintSummary:
    """Save the summary of the month/quarter/year containing `day`; the period must have ended."""
    require_policy_role(created_by, project, "desk.complaints.summary_roles", "COMPLAINT-2",
                        _("Summaries and improvement proposals are recorded by the supervisor."))
    if kind not in SummaryKind.values:
        raise DomainError(_("Unknown kind of summary."), code="invalid_kind", rule="COMPLAINT-2",
                          details={"field": "kind"})
    proposals = (proposals or "").strip()
    if not proposals:
        raise DomainError(_("Write the improvement proposals."), code="required", rule="COMPLAINT-2",
                          clause="001 篇1 第四章(十一) 向主管上级和公司提出改进措施", details={"field": "proposals"})
    period = selectors.period_for(kind, day)
    if period.end >= clock.today():
        raise DomainError(_("A summary is saved after its period has ended."), code="period_not_ended",
                          rule="COMPLAINT-2", details={"field": "day"})
    figures = selectors.summary_figures(project=project, kind=kind, period=period)
    try:
        with transaction.atomic():
            summary = ComplaintSummary.objects.create(
                project=project, kind=kind, start=period.start, end=period.end, figures=figures,
                proposals=proposals, created_by=created_by, created_at=clock.now(),
                retain_until=retain_until(int(policies.value("desk.complaints.retention_years", project))))
    except IntegrityError:
        raise Conflict(_("This period already has a saved summary."), code="summary_exists", rule="COMPLAINT-2")
    audit.record(actor=created_by, action="desk.complaint.summary_saved", target=summary, project=project,
                 data={"kind": kind, "start": period.start.isoformat(), "total": figures["total"]})
    return summary
