"""Making and reviewing a return visit (VISIT-4, VISIT-5).

The visitor records the five evaluations (003 篇10 §4.1.4) by phone or in person; the resident
confirms: a signature drawn on the screen in person, or, by phone, the resident's spoken confirmation
whose time the server records (§4.3). The supervisor then reviews each record (§4.5); an
unsatisfactory result is reported to the manager and handled as a complaint, opened in the same
transaction through the complaints area."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, notifications, policies, signatures
from core.errors import DomainError, NotAllowed
from core.labels import ref_words
from core.models import User
from core.permissions import require_member, staff_in_policy_roles
from core.roles import DepartmentCode
from desk.models import VISIT_FLOW, ReturnVisit, Satisfaction, VisitMethod, VisitStatus
from desk.services.visits import require_supervisor, visit_link

RESIDENT_CAPACITY = "resident"
C = "003 篇10 "


def _required(value: str, field: str, rule: str) -> str:
    return limits.text(value, field=field, required=True, rule=rule)


@audit.atomic()
def record_visit(*, visit: ReturnVisit, visitor: User, method: str, quality: str, effect: str, satisfaction: str,
                 shortcomings: str = "", suggestions: str = "", resident_name: str, signature_image: str = "",
                 verbal_confirmed: bool = False) -> ReturnVisit:
    """Record the visit with the server's time and the resident's confirmation (VISIT-4).

    Only the named visitors record it, not before its window opens (VISIT-1, VISIT-3). A visit made
    after `due_at` is recorded but counts as outside the window."""
    visit = ReturnVisit.objects.select_for_update().select_related("closure", "project").get(pk=visit.pk)
    require_member(visitor, visit.project)
    if visitor.pk not in (visit.assignee_id, visit.co_assignee_id):
        raise NotAllowed(_("Only the people this visit is assigned to may record it."), code="not_assignee",
                         rule="VISIT-3", clause=policies.resolve("desk.visits.supervisor_roles", visit.project).clause)
    VISIT_FLOW.check(visit.status, VisitStatus.DONE)
    now = clock.now()
    if now < visit.window_start:
        raise DomainError(_("This visit's window opens on %(date)s.")
                          % {"date": f"{clock.beijing(visit.window_start):%Y-%m-%d}"}, code="window_not_open",
                          rule="VISIT-1", clause=policies.resolve(f"desk.visits.window.{visit.closure.kind}",
                                                                  visit.project).clause)
    if method not in VisitMethod.values:
        raise DomainError(_("Choose how the visit was made."), code="invalid_method", rule="VISIT-4",
                          details={"field": "method"})
    if satisfaction not in Satisfaction.values:
        raise DomainError(_("Choose the resident's satisfaction."), code="invalid_satisfaction", rule="VISIT-4",
                          clause=C + "§4.1.4 c) 住户的满意程度评价", details={"field": "satisfaction"})
    visit.quality = _required(quality, _("quality"), "VISIT-4")
    visit.effect = _required(effect, _("effect of the service"), "VISIT-4")
    visit.confirmed_by_name = limits.fit(ReturnVisit, "confirmed_by_name", resident_name, required=True, rule="VISIT-4",
                                         label=_("Name of the signer"))
    visit.shortcomings, visit.suggestions = (shortcomings or "").strip(), (suggestions or "").strip()
    visit.method, visit.satisfaction = method, satisfaction
    if method == VisitMethod.PHONE:
        if not verbal_confirmed:
            raise DomainError(_("The resident must confirm the record on the phone."), code="confirmation_required",
                              rule="VISIT-4", clause=C + "§4.3 请住户对记录内容签名确认",
                              details={"field": "verbal_confirmed"})
        visit.verbal_confirmed_at = now
    else:
        signatures.sign_on_screen(target=visit, project=visit.project, capacity=RESIDENT_CAPACITY,
                                  name=visit.confirmed_by_name, image=signature_image or "", witnessed_by=visitor)
    visit.status, visit.visited_at, visit.visited_by = VisitStatus.DONE, now, visitor
    visit.save()
    audit.record(actor=visitor, action="desk.visits.recorded", target=visit, project=visit.project,
                 data={"number": visit.number, "method": method, "satisfaction": satisfaction,
                       "late": now > visit.due_at})
    notifications.notify_each(project=visit.project, people=staff_in_policy_roles(visit.project,
                                                                                   "desk.visits.supervisor_roles"),
                              kind="desk.visit.review", title=_("Return visit %(number)s awaits your review")
                              % {"number": visit.number}, dedupe_key=f"desk.visit.review:{visit.pk}",
                              link=visit_link(visit), subject=f"desk.visit:{visit.pk}")
    notifications.resolve(subject=f"desk.visit:{visit.pk}", kinds=["desk.visit.assigned", "desk.visit.overdue"])
    return visit


def _open_complaint(visit: ReturnVisit, reviewer: User) -> str:
    """Hand an unsatisfactory result to the complaints procedure (VISIT-5, §4.5 按《住户投诉处理标准作业规程》办理)."""
    from desk.services.complaints import register_complaint

    closure = visit.closure
    subjects = policies.value("desk.complaints.subjects", visit.project)
    content = _("Unsatisfactory return visit %(number)s of %(matter)s. Shortcomings: %(short)s. Opinion: %(opinion)s") \
        % {"number": visit.number, "matter": closure.source_number or ref_words(closure.source_ref),
           "short": visit.shortcomings or "-", "opinion": visit.review_opinion}
    complaint = register_complaint(
        project=visit.project, registered_by=reviewer, person_name=closure.person or visit.confirmed_by_name,
        phone=closure.phone, content=content, channel="return_visit", unit=closure.unit,
        subject=closure.subject if closure.subject in subjects else "",
        department=closure.department if closure.department in DepartmentCode.values else "",
        source_ref=f"visit:{visit.pk}")
    return f"complaint:{complaint.pk}"


@audit.atomic()
def review_visit(*, visit: ReturnVisit, reviewer: User, opinion: str) -> ReturnVisit:
    """The supervisor's review and opinion on the record (VISIT-5). An unsatisfactory visit is reported to
    the manager and opens a complaint (channel "return_visit") in the same transaction."""
    visit = ReturnVisit.objects.select_for_update().select_related("closure", "project").get(pk=visit.pk)
    require_supervisor(reviewer, visit.project, rule="VISIT-5")
    VISIT_FLOW.check(visit.status, VisitStatus.REVIEWED)
    visit.review_opinion = _required(opinion, _("supervisor's opinion"), "VISIT-5")
    visit.status, visit.reviewed_at, visit.reviewed_by = VisitStatus.REVIEWED, clock.now(), reviewer
    if visit.satisfaction == Satisfaction.UNSATISFIED:
        visit.complaint_ref = _open_complaint(visit, reviewer)
        notifications.notify_each(
            project=visit.project, people=staff_in_policy_roles(visit.project, "desk.visits.manager_roles"),
            kind="desk.visit.unsatisfactory",
            title=_("Return visit %(number)s: the resident is unsatisfied; a complaint was opened")
            % {"number": visit.number}, dedupe_key=f"desk.visit.unsatisfactory:{visit.pk}", link=visit_link(visit),
            subject=f"desk.visit:{visit.pk}")
    visit.save()
    audit.record(actor=reviewer, action="desk.visits.reviewed", target=visit, project=visit.project,
                 data={"number": visit.number, "satisfaction": visit.satisfaction, "complaint": visit.complaint_ref})
    notifications.resolve(subject=f"desk.visit:{visit.pk}", kinds=["desk.visit.review"])
    return visit
