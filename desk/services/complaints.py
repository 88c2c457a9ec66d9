"""Complaints (《业主投诉记录表》): register, escalate a major one, send to the responsible department,
the department's handling and feedback, the desk's closing follow-up (COMPLAINT-1, COMPLAINT-2)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, numbering, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, Resident, Unit, User
from core.notifications import notify_each, resolve
from core.permissions import (
    has_role,
    in_department,
    is_department_head,
    is_member,
    require_member,
    staff_in_policy_roles,
)
from core.retention import retain_until
from core.roles import DepartmentCode
from desk.kinds import MatterKind
from desk.models import COMPLAINT_FLOW, Complaint, ComplaintChannel, ComplaintStatus


def _may(user: User, project: Project, key: str) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value(key, project))


def require_policy_role(user: User, project: Project, key: str, rule: str, message: str = "") -> None:
    require_member(user, project)
    if not _may(user, project, key):
        raise NotAllowed(message or _("Your role does not allow this."), code="role_not_allowed", rule=rule,
                         clause=policies.resolve(key, project).clause)


def may_read_all(user: User, project: Project) -> bool:
    return _may(user, project, "desk.complaints.reader_roles")


def may_see(user: User, complaint: Complaint) -> bool:
    """The register's readers see every complaint; a department's staff see those sent to it."""
    return may_read_all(user, complaint.project) or bool(
        complaint.department and in_department(user, complaint.department) and is_member(user, complaint.project))


def may_handle(user: User, complaint: Complaint) -> bool:
    """The responsible department records the handling: its staff or its head (001 篇1 第四章(四)–(六))."""
    if user.is_superuser:
        return True
    return bool(complaint.department) and (
        is_department_head(user, complaint.project, complaint.department)
        or (in_department(user, complaint.department) and is_member(user, complaint.project)))


def dispatch_due(project: Project, registered_at: dt.datetime, urgent: bool) -> dt.datetime:
    key = "desk.complaints.dispatch_minutes_urgent" if urgent else "desk.complaints.dispatch_minutes"
    return registered_at + dt.timedelta(minutes=int(policies.value(key, project)))


def handling_due(project: Project, sent_at: dt.datetime, urgent: bool) -> dt.datetime:
    key = "desk.complaints.handling_hours_urgent" if urgent else "desk.complaints.handling_hours"
    return sent_at + dt.timedelta(hours=int(policies.value(key, project)))


def _required(value: str, field: str, rule: str = "COMPLAINT-1") -> str:
    return limits.text(value, field=field, required=True, rule=rule)


def _check_department(project: Project, department: str) -> str:
    if department and department not in DepartmentCode.values:
        raise DomainError(_("Unknown department."), code="invalid_department", rule="COMPLAINT-1",
                          details={"field": "department"})
    return department


def _next_serial(project: Project, now: dt.datetime) -> str:
    """TS-YYYY-NNNN per project and year (001 篇1 第四章(八) 编号、存档), from the series' counter."""
    year = f"{clock.beijing(now):%Y}"
    prefix = f"TS-{year}-"

    def already() -> int:  # the year's numbers given before the counters existed
        last = (Complaint.objects.filter(project=project, serial__startswith=prefix)
                .order_by("-serial").values_list("serial", flat=True).first())
        return int(last.rsplit("-", 1)[1]) if last else 0

    return f"{prefix}{numbering.take(project, 'TS', year, start=already):04d}"


def _notify_escalation(complaint: Complaint) -> None:
    from django.urls import reverse

    people = staff_in_policy_roles(complaint.project, "desk.complaints.escalation_roles")
    title = _("Major complaint %(serial)s: %(name)s") % {"serial": complaint.serial, "name": complaint.person_name}
    transaction.on_commit(lambda: notify_each(
        project=complaint.project, people=people, kind="desk.complaints.major", title=title,
        subject=f"desk.complaint:{complaint.pk}",
        dedupe_key=f"desk.complaints.major:{complaint.pk}", link=reverse("desk:complaints-detail",
                                                                           args=[complaint.pk])))


@audit.atomic()
def register_complaint(*, project: Project, registered_by: User, person_name: str, phone: str, content: str,
                       channel: str, unit: Unit | None = None, resident: Resident | None = None, subject: str = "",
                       department: str = "", is_vip: bool = False, major: bool = False, contact=None,
                       source_ref: str = "") -> Complaint:
    """Fill 《业主投诉记录表》 with the server's time (002 篇3 §4.6.2). A VIP's complaint (the resident's
    flag or ticked) is urgent: shorter service levels (001 篇1 第二章). A major one is escalated at once
    to the supervisor/manager (001 篇1 第四章(三)). Any member may register: other desk areas call this."""
    require_member(registered_by, project)
    if channel not in ComplaintChannel.values:
        raise DomainError(_("Unknown channel."), code="invalid_channel", rule="COMPLAINT-1",
                          details={"field": "channel"})
    subject = (subject or "").strip()
    if subject and subject not in policies.value("desk.complaints.subjects", project):
        raise DomainError(_("Unknown subject."), code="invalid_subject", rule="COMPLAINT-2",
                          clause=policies.resolve("desk.complaints.subjects", project).clause,
                          details={"field": "subject"})
    _check_department(project, department)
    for obj, code in ((unit, "unit_not_in_project"), (resident, "resident_not_in_project"),
                      (contact, "contact_not_in_project")):
        if obj is not None and obj.project_id != project.pk:
            raise DomainError(_("The record is not in this project."), code=code, rule="CORE-1")
    person_name = limits.fit(Complaint, "person_name", person_name, required=True, rule="COMPLAINT-1",
                             label=_("complainant"))
    phone = limits.fit(Complaint, "phone", phone)
    content = _required(content, _("content"))
    is_vip = bool(is_vip or (resident is not None and resident.is_vip))
    now = clock.now()
    for attempt in range(3):
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    project=project, serial=_next_serial(project, now), registered_at=now,
                    registered_by=registered_by, person_name=person_name, phone=phone,
                    unit=unit, resident=resident, channel=channel, content=content, subject=subject,
                    department=department, is_vip=is_vip, urgent=is_vip, major=bool(major), contact=contact,
                    source_ref=(source_ref or "")[:40], dispatch_due_at=dispatch_due(project, now, is_vip),
                    escalated_at=now if major else None, escalated_by=registered_by if major else None,
                    retain_until=retain_until(int(policies.value("desk.complaints.retention_years", project))))
            break
        except IntegrityError:  # two desks took the same number at once: take the next one
            if attempt == 2:
                raise
    audit.record(actor=registered_by, action="desk.complaint.registered", target=complaint, project=project,
                 data={"serial": complaint.serial, "channel": channel, "vip": is_vip, "major": complaint.major,
                       "source_ref": complaint.source_ref})
    if contact is not None:  # the contact now follows this complaint and closes with it (DESK-INTAKE-1)
        from desk.services.intake import link_matter

        link_matter(contact=contact, matter_ref=f"complaint:{complaint.pk}", actor=registered_by)
    if complaint.major:
        _notify_escalation(complaint)
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("project").get(pk=complaint.pk)


@audit.atomic()
def escalate_complaint(*, complaint: Complaint, escalated_by: User, note: str = "") -> Complaint:
    """Mark a complaint major and report it to the supervisor/manager (001 篇1 第四章(三); 003 篇14 §4.2.3)."""
    complaint = _locked(complaint)
    require_policy_role(escalated_by, complaint.project, "desk.complaints.desk_roles", "COMPLAINT-2")
    if complaint.status == ComplaintStatus.CLOSED:
        raise Conflict(_("A closed complaint cannot be escalated."), code="closed", rule="COMPLAINT-2")
    if complaint.escalated_at:
        raise Conflict(_("The complaint is already escalated."), code="already_escalated", rule="COMPLAINT-2")
    note = limits.fit(Complaint, "escalation_note", note)
    complaint.major, complaint.escalated_at, complaint.escalated_by = True, clock.now(), escalated_by
    complaint.escalation_note = note
    complaint.save(update_fields=["major", "escalated_at", "escalated_by", "escalation_note"])
    audit.record(actor=escalated_by, action="desk.complaint.escalated", target=complaint, project=complaint.project,
                 data={"serial": complaint.serial, "note": complaint.escalation_note})
    _notify_escalation(complaint)
    return complaint


@audit.atomic()
def send_to_department(*, complaint: Complaint, sent_by: User, department: str = "") -> Complaint:
    """The desk notifies the responsible department (001 篇1 第四章(四)); its handling clock starts."""
    complaint = _locked(complaint)
    require_policy_role(sent_by, complaint.project, "desk.complaints.desk_roles", "COMPLAINT-1")
    COMPLAINT_FLOW.check(complaint.status, ComplaintStatus.SENT)
    department = _check_department(complaint.project, department or complaint.department)
    if not department:
        raise DomainError(_("Name the responsible department."), code="department_required", rule="COMPLAINT-1",
                          details={"field": "department"})
    now = clock.now()
    complaint.department, complaint.status, complaint.sent_at, complaint.sent_by = department, \
        ComplaintStatus.SENT, now, sent_by
    complaint.handling_due_at = handling_due(complaint.project, now, complaint.urgent)
    complaint.save(update_fields=["department", "status", "sent_at", "sent_by", "handling_due_at"])
    audit.record(actor=sent_by, action="desk.complaint.sent", target=complaint, project=complaint.project,
                 data={"serial": complaint.serial, "department": department,
                       "in_time": now <= complaint.dispatch_due_at})
    from django.urls import reverse

    people = list(User.objects.filter(is_active=True, department__code=department,
                                   memberships__project=complaint.project).distinct())
    title = _("Complaint %(serial)s sent to your department") % {"serial": complaint.serial}
    link = reverse("desk:complaints-detail", args=[complaint.pk])
    transaction.on_commit(lambda: notify_each(project=complaint.project, people=people, kind="desk.complaints.sent",
                                              title=title, dedupe_key=f"desk.complaints.sent:{complaint.pk}",
                                              link=link, subject=f"desk.complaint:{complaint.pk}"))
    resolve(subject=f"desk.complaint:{complaint.pk}", kinds=["desk.complaints.dispatch_overdue"])
    return complaint


@audit.atomic()
def record_handling(*, complaint: Complaint, handled_by: User, handling: str) -> Complaint:
    """The responsible department records its handling and reports back (001 篇1 第四章(五)(六))."""
    complaint = _locked(complaint)
    require_member(handled_by, complaint.project)
    COMPLAINT_FLOW.check(complaint.status, ComplaintStatus.HANDLED)
    if not may_handle(handled_by, complaint):
        raise NotAllowed(_("Only the responsible department or its head records the handling."),
                         code="not_responsible_department", rule="COMPLAINT-2",
                         clause="001 篇1 第四章(五)(六) 责任部门安排人员,组织处理投诉,将处理结果反馈给客户服务部")
    complaint.handling = _required(handling, _("handling and result"), "COMPLAINT-2")
    complaint.status, complaint.handled_at, complaint.handled_by = ComplaintStatus.HANDLED, clock.now(), handled_by
    complaint.save(update_fields=["handling", "status", "handled_at", "handled_by"])
    audit.record(actor=handled_by, action="desk.complaint.handled", target=complaint, project=complaint.project,
                 data={"serial": complaint.serial, "in_time": complaint.handled_at <= complaint.handling_due_at})
    resolve(subject=f"desk.complaint:{complaint.pk}", kinds=["desk.complaints.handling_overdue"])
    return complaint


@audit.atomic()
def close_complaint(*, complaint: Complaint, closed_by: User, follow_up: str) -> Complaint:
    """The desk's follow-up closes it (001 篇1 第四章(七)); a major one only by the supervisor/manager.
    Hands it to the return visits (VISIT) and closes the contact it came from (DESK-INTAKE-1)."""
    complaint = _locked(complaint)
    project = complaint.project
    require_policy_role(closed_by, project, "desk.complaints.desk_roles", "COMPLAINT-2")
    COMPLAINT_FLOW.check(complaint.status, ComplaintStatus.CLOSED)
    if complaint.major and not _may(closed_by, project, "desk.complaints.escalation_roles"):
        raise NotAllowed(_("A major complaint is closed by the supervisor or the manager."),
                         code="major_needs_supervisor", rule="COMPLAINT-2",
                         clause=policies.resolve("desk.complaints.escalation_roles", project).clause)
    complaint.follow_up = _required(follow_up, _("desk follow-up"), "COMPLAINT-2")
    complaint.status, complaint.closed_at, complaint.closed_by = ComplaintStatus.CLOSED, clock.now(), closed_by
    complaint.save(update_fields=["follow_up", "status", "closed_at", "closed_by"])
    audit.record(actor=closed_by, action="desk.complaint.closed", target=complaint, project=project,
                 data={"serial": complaint.serial})
    from desk.services import visits

    visits.register_closure(project=project, kind=MatterKind.COMPLAINT, source_ref=f"complaint:{complaint.pk}",
                            source_number=complaint.serial, closed_at=complaint.closed_at,
                            person_name=complaint.person_name, phone=complaint.phone, unit=complaint.unit,
                            subject=complaint.subject, department=complaint.department, major=complaint.major,
                            actor=closed_by)
    if complaint.contact_id:
        from desk.services.intake import follow_matter_closed

        follow_matter_closed(matter_ref=f"complaint:{complaint.pk}", closed_by=closed_by,
                             outcome=complaint.follow_up)
    resolve(subject=f"desk.complaint:{complaint.pk}")
    return complaint
