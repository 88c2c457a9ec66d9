"""The 《紧急情况处理登记表》 of a major event and its next-day written report (DUTY-LOG-3).

A form counts as complete when the measures taken are written and at least
`duty.log.emergency_min_photos` on-site photos (default 1) are attached; only then can the written
report be submitted to the 客服部经理, who acknowledges receipt. The report is due by the end of the
day after the event (Beijing); "overdue" is a query (duty.selectors.log.overdue_reports).
"""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import attachments, audit, clock, limits, policies
from core.errors import Conflict, DomainError
from core.models import Attachment, AttachmentKind, User
from core.notifications import resolve
from core.permissions import require_role
from duty.models import EmergencyReport
from duty.services.log import require_log_reader


def photo_count(report: EmergencyReport) -> int:
    return attachments.attachments_of(report).filter(kind=AttachmentKind.PHOTO).count()


def missing_for_completion(report: EmergencyReport) -> list[str]:
    """What the form still lacks before it counts as complete (empty when complete)."""
    missing = []
    if not report.measures.strip():
        missing.append("measures")
    if photo_count(report) < int(policies.value("duty.log.emergency_min_photos", report.entry.project)):
        missing.append("photos")
    return missing


def is_complete(report: EmergencyReport) -> bool:
    return not missing_for_completion(report)


def _locked(report: EmergencyReport) -> EmergencyReport:
    return EmergencyReport.objects.select_for_update().select_related("entry__project").get(pk=report.pk)


def _not_submitted(report: EmergencyReport) -> None:
    if report.report_submitted_at is not None:
        raise Conflict(_("The written report has been submitted; the form can no longer change."),
                       code="report_already_submitted", rule="DUTY-LOG-3")


@audit.atomic()
def fill_emergency_form(*, report: EmergencyReport, filled_by: User, measures: str, reported_to: str = "",
                        losses: str = "", departments: str = "") -> EmergencyReport:
    """Write the form's content: who was told, measures, losses, departments assisting (DUTY-LOG-3)."""
    report = _locked(report)
    require_log_reader(filled_by, report.entry.project)
    _not_submitted(report)
    reported_to = limits.fit(EmergencyReport, "reported_to", reported_to)
    departments = limits.fit(EmergencyReport, "departments", departments)
    if not (measures or "").strip():
        raise DomainError(_("“%(field)s” is required.") % {"field": _("measures taken")}, code="required",
                          rule="DUTY-LOG-3", details={"field": "measures"})
    report.measures = measures.strip()
    report.reported_to = reported_to
    report.losses = losses.strip()
    report.departments = departments
    report.filled_by, report.filled_at = filled_by, clock.now()
    report.save()
    audit.record(actor=filled_by, action="duty.emergency.filled", target=report, project=report.entry.project,
                 data={"entry": report.entry.serial})
    return report


@audit.atomic()
def attach_emergency_photo(*, report: EmergencyReport, uploaded_by: User, name: str, data: bytes) -> Attachment:
    """Attach an on-site photo to the form (DUTY-LOG-3, 001 篇2 跟附现场照片)."""
    report = _locked(report)
    require_log_reader(uploaded_by, report.entry.project)
    _not_submitted(report)
    return attachments.attach(target=report, project=report.entry.project, uploaded_by=uploaded_by, name=name,
                              data=data, kind=AttachmentKind.PHOTO)


@audit.atomic()
def submit_written_report(*, report: EmergencyReport, submitted_by: User, text: str) -> EmergencyReport:
    """Hand the written report of a major event to the 客服部经理 (DUTY-LOG-3, 001 篇4 §1.6).

    Refused until the form is complete (measures and at least the policy's number of photos)."""
    report = _locked(report)
    project = report.entry.project
    require_log_reader(submitted_by, project)
    _not_submitted(report)
    missing = missing_for_completion(report)
    if "photos" in missing:
        rule = policies.resolve("duty.log.emergency_min_photos", project)
        raise DomainError(_("Attach at least %(n)s on-site photo(s) to the emergency form first.") % {"n": rule.value},
                          code="photo_required", rule="DUTY-LOG-3", clause=rule.clause, details={"missing": missing})
    if missing:
        raise DomainError(_("Complete the emergency form first."), code="form_incomplete", rule="DUTY-LOG-3",
                          details={"missing": missing})
    if not (text or "").strip():
        raise DomainError(_("“%(field)s” is required.") % {"field": _("written report")}, code="required",
                          rule="DUTY-LOG-3", details={"field": "report_text"})
    now = clock.now()
    report.report_text = text.strip()
    report.report_submitted_at, report.report_submitted_by = now, submitted_by
    report.save()
    audit.record(actor=submitted_by, action="duty.emergency.report_submitted", target=report, project=project,
                 data={"entry": report.entry.serial, "late": now > report.report_due_at})
    resolve(subject=f"duty.log_report:{report.pk}")
    return report


@audit.atomic()
def acknowledge_report(*, report: EmergencyReport, received_by: User) -> EmergencyReport:
    """The 客服部经理 confirms receipt of the written report (DUTY-LOG-3)."""
    report = _locked(report)
    project = report.entry.project
    require_log_reader(received_by, project)
    roles = policies.resolve("duty.log.report_roles", project)
    require_role(received_by, project, roles.value, rule="DUTY-LOG-3", clause=roles.clause)
    if report.report_submitted_at is None:
        raise Conflict(_("The written report has not been submitted yet."), code="report_not_submitted",
                       rule="DUTY-LOG-3")
    if report.report_received_at is not None:
        raise Conflict(_("The report has already been acknowledged."), code="already_acknowledged",
                       rule="DUTY-LOG-3")
    report.report_received_by, report.report_received_at = received_by, clock.now()
    report.save()
    audit.record(actor=received_by, action="duty.emergency.report_received", target=report, project=project,
                 data={"entry": report.entry.serial})
    return report
