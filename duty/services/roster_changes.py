"""Swaps, substitutes and leave on an issued roster, approved by the superior beforehand (ROSTER-3)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import audit, clock, limits, notifications, policies
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.models import User
from core.permissions import has_role, is_member, require_member, staff_in_policy_roles
from duty.models import ChangeKind, RosterAssignment, ShiftChangeRequest
from duty.selectors.roster import shift_window
from duty.states import REQUEST_FLOW, RequestStatus, RosterStatus


def _lock_assignment(assignment: RosterAssignment) -> RosterAssignment:
    return RosterAssignment.objects.select_for_update().select_related("roster__project", "shift", "person").get(
        pk=assignment.pk)


def change_deadline(assignment: RosterAssignment) -> dt.datetime:
    hours = int(policies.value("duty.roster.change_notice_hours", assignment.roster.project))
    return shift_window(assignment)[0] - dt.timedelta(hours=hours)


@audit.atomic()
def request_change(*, assignment: RosterAssignment, requested_by: User, kind: str, reason: str,
                   swap_with: RosterAssignment | None = None, substitute: User | None = None) -> ShiftChangeRequest:
    """Ask the superior, at least the policy's hours before the shift, to swap, be substituted or take leave.
    The requester never names their own substitute: the approver does (ROSTER-3, 003 篇14 §4.2.6)."""
    assignment = _lock_assignment(assignment)
    project = assignment.roster.project
    require_member(requested_by, project)
    if substitute is not None:
        raise NotAllowed(_("You may not arrange your own substitute; the supervisor names one when approving."),
                         code="substitute_named_by_requester", rule="ROSTER-3",
                         clause=policies.resolve("duty.roster.change_approver_roles", project).clause)
    if requested_by.pk != assignment.person_id:
        raise NotAllowed(_("Only the person on the shift may ask to change it."), code="not_on_shift",
                         rule="ROSTER-3")
    if kind not in ChangeKind.values:
        raise DomainError(_("Unknown kind of change."), code="invalid_kind", rule="ROSTER-3")
    if assignment.roster.status != RosterStatus.ISSUED:
        raise Conflict(_("Only shifts of the issued roster can be changed."), code="not_issued", rule="ROSTER-3")
    notice = policies.resolve("duty.roster.change_notice_hours", project)
    if clock.now() > change_deadline(assignment):
        raise Conflict(_("Changes must be asked at least %(hours)s hours before the shift starts.")
                       % {"hours": notice.value}, code="change_too_late", rule="ROSTER-3", clause=notice.clause)
    if kind == ChangeKind.SWAP:
        if swap_with is None:
            raise DomainError(_("Choose the colleague's shift to swap with."), code="swap_required",
                              rule="ROSTER-3")
        swap_with = _lock_assignment(swap_with)
        if swap_with.roster.project_id != project.pk or swap_with.roster.status != RosterStatus.ISSUED:
            raise NotFound(_("No such shift."), code="not_found")
        if swap_with.person_id == requested_by.pk:
            raise DomainError(_("Choose a colleague's shift."), code="invalid_swap", rule="ROSTER-3")
        if clock.now() > change_deadline(swap_with):
            raise Conflict(_("Changes must be asked at least %(hours)s hours before the shift starts.")
                           % {"hours": notice.value}, code="change_too_late", rule="ROSTER-3",
                           clause=notice.clause)
    else:
        swap_with = None
    if assignment.change_requests.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("A request for this shift is already waiting for a decision."), code="already_requested",
                       rule="ROSTER-3")
    reason = limits.fit(ShiftChangeRequest, "reason", reason, label=_("reason"))
    if not reason:
        raise DomainError(_("“%(field)s” is required.") % {"field": _("reason")}, code="required",
                          rule="ROSTER-3", details={"field": "reason"})
    req = ShiftChangeRequest.objects.create(project=project, kind=kind, assignment=assignment,
                                            requested_by=requested_by, requested_at=clock.now(),
                                            reason=reason, swap_with=swap_with)
    audit.record(actor=requested_by, action="duty.roster.change_requested", target=req, project=project,
                 data={"kind": kind, "assignment": assignment.pk, "swap_with": swap_with.pk if swap_with else None})
    for approver in staff_in_policy_roles(project, "duty.roster.change_approver_roles"):
        if approver.pk != requested_by.pk:
            notifications.notify(project=project, recipient=approver, kind="duty.roster.change_requested",
                                 title=_("Shift change asked by %(name)s") % {"name": requested_by.display_name},
                                 dedupe_key=f"duty.roster.change:{req.pk}:{approver.pk}",
                                 subject=f"duty.shift_change:{req.pk}",
                                 link="/duty/roster/requests/")
    return req


def _check_decider(req: ShiftChangeRequest, approver: User, target: str) -> None:
    REQUEST_FLOW.check(req.status, target)
    project = req.project
    require_member(approver, project)
    policy = policies.resolve("duty.roster.change_approver_roles", project)
    involved = {req.requested_by_id, req.assignment.person_id, req.swap_with.person_id if req.swap_with else None}
    if approver.pk in involved:
        raise NotAllowed(_("You cannot decide a request you are part of."), code="self_approval", rule="ROSTER-3")
    if not (approver.is_superuser or has_role(approver, project, *policy.value)):
        raise NotAllowed(_("Shift changes are approved by the customer-service supervisor."),
                         code="approver_not_allowed", rule="ROSTER-3", clause=policy.clause)


def _lock_request(req: ShiftChangeRequest) -> ShiftChangeRequest:
    # Lock only the request row: the optional swap is an outer join, which PostgreSQL cannot lock.
    return ShiftChangeRequest.objects.select_for_update(of=("self",)).select_related(
        "project", "assignment__roster", "assignment__shift", "swap_with__shift").get(pk=req.pk)


@audit.atomic()
def approve_change(*, request: ShiftChangeRequest, approver: User, substitute: User | None = None,
                   comment: str = "") -> ShiftChangeRequest:
    """Approve before the shift starts and apply it to the issued roster: a swap exchanges the two people;
    leave or a substitute puts the person the approver names on the shift (ROSTER-3)."""
    req = _lock_request(request)
    _check_decider(req, approver, RequestStatus.APPROVED)
    comment = limits.fit(ShiftChangeRequest, "comment", comment, label=_("comment"))
    project = req.project
    assignment = _lock_assignment(req.assignment)
    if assignment.roster.status != RosterStatus.ISSUED:
        raise Conflict(_("Only shifts of the issued roster can be changed."), code="not_issued", rule="ROSTER-3")
    if clock.now() >= shift_window(assignment)[0]:
        raise Conflict(_("The shift has started; a change needs approval beforehand."), code="change_too_late",
                       rule="ROSTER-3", clause=policies.resolve("duty.roster.change_notice_hours", project).clause)
    before = {"assignment": assignment.pk, "person": assignment.person_id}
    if req.kind == ChangeKind.SWAP:
        other = _lock_assignment(req.swap_with)
        if other.roster.status != RosterStatus.ISSUED:
            raise Conflict(_("Only shifts of the issued roster can be changed."), code="not_issued",
                           rule="ROSTER-3")
        before.update({"other": other.pk, "other_person": other.person_id})
        first, second = assignment.person_id, other.person_id
        _ensure_free(assignment, second, ignore=other)
        _ensure_free(other, first, ignore=assignment)
        assignment.person_id, other.person_id = second, first
        assignment.save(update_fields=["person"])
        other.save(update_fields=["person"])
        affected = [first, second]
    else:
        if substitute is None:
            raise DomainError(_("Name the substitute who will work this shift."), code="substitute_required",
                              rule="ROSTER-3")
        if not is_member(substitute, project) or not substitute.is_active:
            raise NotFound(_("No such staff member in this project."), code="not_found")
        if substitute.pk == assignment.person_id:
            raise DomainError(_("The substitute must be someone else."), code="invalid_substitute",
                              rule="ROSTER-3")
        _ensure_free(assignment, substitute.pk)
        affected = [assignment.person_id, substitute.pk]
        assignment.person = substitute
        assignment.save(update_fields=["person"])
        req.substitute = substitute
    req.status, req.decided_by, req.decided_at = RequestStatus.APPROVED, approver, clock.now()
    req.comment = comment
    req.save()
    audit.record(actor=approver, action="duty.roster.change_approved", target=req, project=project,
                 approved_by=approver.display_name,
                 data={"kind": req.kind, "before": before, "roster": assignment.roster_id,
                       "substitute": req.substitute_id})
    _notify_decision(req, affected)
    notifications.resolve(subject=f"duty.shift_change:{req.pk}", kinds=["duty.roster.change_requested"])
    return req


def _ensure_free(assignment: RosterAssignment, person_id: int, ignore: RosterAssignment | None = None) -> None:
    """The incoming person must not already work an overlapping shift that day in an issued roster."""
    start, end = shift_window(assignment)
    others = RosterAssignment.objects.filter(person_id=person_id, roster__status=RosterStatus.ISSUED,
                                             roster__project=assignment.roster.project,
                                             day__in=[assignment.day - dt.timedelta(days=1), assignment.day,
                                                      assignment.day + dt.timedelta(days=1)]
                                             ).select_related("shift").exclude(pk=assignment.pk)
    if ignore is not None:
        others = others.exclude(pk=ignore.pk)
    for other in others:
        o_start, o_end = shift_window(other)
        if o_start < end and start < o_end:
            raise Conflict(_("That person already works an overlapping shift."), code="shift_overlap",
                           rule="ROSTER-3")


@audit.atomic()
def reject_change(*, request: ShiftChangeRequest, approver: User, comment: str = "") -> ShiftChangeRequest:
    """Refuse a change; the roster stays as issued (ROSTER-3)."""
    req = _lock_request(request)
    _check_decider(req, approver, RequestStatus.REJECTED)
    comment = limits.fit(ShiftChangeRequest, "comment", comment, label=_("comment"))
    req.status, req.decided_by, req.decided_at = RequestStatus.REJECTED, approver, clock.now()
    req.comment = comment
    req.save()
    audit.record(actor=approver, action="duty.roster.change_rejected", target=req, project=req.project,
                 data={"comment": req.comment})
    _notify_decision(req, [req.requested_by_id])
    notifications.resolve(subject=f"duty.shift_change:{req.pk}", kinds=["duty.roster.change_requested"])
    return req


@audit.atomic()
def cancel_change(*, request: ShiftChangeRequest, actor: User) -> ShiftChangeRequest:
    req = _lock_request(request)
    REQUEST_FLOW.check(req.status, RequestStatus.CANCELLED)
    if actor.pk != req.requested_by_id:
        raise NotAllowed(_("Only the person who asked may cancel the request."), code="not_requester",
                         rule="ROSTER-3")
    req.status, req.decided_at = RequestStatus.CANCELLED, clock.now()
    req.save(update_fields=["status", "decided_at"])
    audit.record(actor=actor, action="duty.roster.change_cancelled", target=req, project=req.project)
    notifications.resolve(subject=f"duty.shift_change:{req.pk}", kinds=["duty.roster.change_requested"])
    return req


def _notify_decision(req: ShiftChangeRequest, people: list[int]) -> None:
    title = _("Your shift change request was %(status)s") % {"status": req.get_status_display()}
    for person in User.objects.filter(pk__in=people):
        notifications.notify(project=req.project, recipient=person, kind="duty.roster.change_decided", title=title,
                             dedupe_key=f"duty.roster.change_decided:{req.pk}:{person.pk}",
                             subject=f"duty.shift_change:{req.pk}",
                             link="/duty/roster/requests/")
