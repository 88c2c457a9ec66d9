"""Leaving the post during work: asked before, decided by a superior, left/returned at server time; an absence
without approval is recorded by the supervisor or clerk (ATTEND-2, 001 篇11 §1.2.3; 003 篇14 §4.2.1)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.permissions import has_role, is_member, require_member
from core.retention import retain_until
from duty.models.attendance import PostAbsence, PostLeave
from duty.selectors import attendance as sel
from duty.services.attendance import RETAIN_YEARS
from duty.states import REQUEST_FLOW, RequestStatus


def _lock(leave: PostLeave) -> PostLeave:
    return PostLeave.objects.select_for_update().select_related("project", "person").get(pk=leave.pk)


def _text(model, name: str, value: str, field: str) -> str:
    """Required text for the model's column `name`: refused, never cut, when it does not fit."""
    return limits.fit(model, name, value, required=True, rule="ATTEND-2", label=field)


def _require_approver(user: User, project: Project) -> None:
    require_member(user, project)
    policy = policies.resolve("duty.attendance.leave_approver_roles", project)
    if not (user.is_superuser or has_role(user, project, *policy.value)):
        raise NotAllowed(_("Leaving the post is approved by the superior."), code="role_not_allowed",
                         rule="ATTEND-2", clause=policy.clause)


@audit.atomic()
def request_leave(*, project: Project, person: User, reason: str) -> PostLeave:
    """Ask the superior before leaving the post, on business or private (ATTEND-2, 001 篇11 §1.2.3)."""
    require_member(person, project)
    reason = _text(PostLeave, "reason", reason, _("reason"))
    if PostLeave.objects.filter(project=project, person=person, status=RequestStatus.PENDING).exists():
        raise Conflict(_("You already have a request waiting for a decision."), code="leave_pending",
                       rule="ATTEND-2")
    leave = PostLeave.objects.create(project=project, person=person, reason=reason, requested_at=clock.now(),
                                     retain_until=retain_until(RETAIN_YEARS))
    audit.record(actor=person, action="duty.attendance.leave_requested", target=leave, project=project,
                 data={"reason": reason})
    return leave


@audit.atomic()
def decide_leave(*, leave: PostLeave, approver: User, approve: bool, comment: str = "") -> PostLeave:
    """A superior approves or rejects; nobody decides their own request (ATTEND-2)."""
    leave = _lock(leave)
    target = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    REQUEST_FLOW.check(leave.status, target)
    _require_approver(approver, leave.project)
    if approver.pk == leave.person_id:
        raise NotAllowed(_("You cannot approve your own leave of post."), code="self_approval", rule="ATTEND-2")
    comment = limits.fit(PostLeave, "comment", comment)
    leave.status, leave.decided_by, leave.decided_at = target, approver, clock.now()
    leave.comment = comment
    leave.save()
    audit.record(actor=approver, action=f"duty.attendance.leave_{target}", target=leave, project=leave.project,
                 approved_by=approver.display_name if approve else "", data={"comment": leave.comment})
    return leave


@audit.atomic()
def cancel_leave(*, leave: PostLeave, actor: User) -> PostLeave:
    leave = _lock(leave)
    if actor.pk != leave.person_id:
        raise NotAllowed(_("Only the person who asked may cancel the request."), code="not_requester",
                         rule="ATTEND-2")
    REQUEST_FLOW.check(leave.status, RequestStatus.CANCELLED)
    leave.status = RequestStatus.CANCELLED
    leave.save(update_fields=["status"])
    audit.record(actor=actor, action="duty.attendance.leave_cancelled", target=leave, project=leave.project)
    return leave


def _may_mark(leave: PostLeave, actor: User) -> None:
    require_member(actor, leave.project)
    if actor.pk != leave.person_id and not sel.is_supervisor(actor, leave.project):
        raise NotAllowed(_("Only the person on leave or the supervisor may record this."), code="not_allowed",
                         rule="ATTEND-2")


@audit.atomic()
def mark_left(*, leave: PostLeave, actor: User) -> PostLeave:
    """Record the moment of leaving, at server time; only after the approval (ATTEND-2: 经批准后方可外出)."""
    leave = _lock(leave)
    _may_mark(leave, actor)
    if leave.status != RequestStatus.APPROVED:
        raise Conflict(_("The post may be left only after the superior has approved."), code="not_approved",
                       rule="ATTEND-2", clause=policies.resolve("duty.attendance.leave_approver_roles",
                                                                leave.project).clause)
    if leave.left_at is not None:
        raise Conflict(_("The leaving time is already recorded."), code="already_left", rule="ATTEND-2")
    leave.left_at = clock.now()
    leave.save(update_fields=["left_at"])
    audit.record(actor=actor, action="duty.attendance.left_post", target=leave, project=leave.project,
                 data={"at": leave.left_at.isoformat()})
    return leave


@audit.atomic()
def mark_returned(*, leave: PostLeave, actor: User) -> PostLeave:
    """Record the return to the post at server time (ATTEND-2)."""
    leave = _lock(leave)
    _may_mark(leave, actor)
    if leave.left_at is None:
        raise Conflict(_("The leaving time has not been recorded."), code="not_left", rule="ATTEND-2")
    if leave.returned_at is not None:
        raise Conflict(_("The return is already recorded."), code="already_returned", rule="ATTEND-2")
    leave.returned_at = clock.now()
    leave.save(update_fields=["returned_at"])
    audit.record(actor=actor, action="duty.attendance.returned_to_post", target=leave, project=leave.project,
                 data={"at": leave.returned_at.isoformat()})
    return leave


@audit.atomic()
def record_absence(*, project: Project, person: User, recorded_by: User, note: str) -> PostAbsence:
    """The supervisor or clerk records someone found away from the post without approval (ATTEND-2,
    003 篇14 §4.2.1 不得擅自离岗、串岗)."""
    require_member(recorded_by, project)
    if not sel.may_prepare(recorded_by, project):
        raise NotAllowed(_("Only the supervisor or the attendance clerk may record an absence from post."),
                         code="role_not_allowed", rule="ATTEND-2")
    if not is_member(person, project):
        raise DomainError(_("The person must be a staff member of this project."), code="not_project_staff",
                          rule="ATTEND-2")
    if person.pk == recorded_by.pk:
        raise NotAllowed(_("You cannot record your own absence."), code="self_record", rule="ATTEND-2")
    absence = PostAbsence.objects.create(project=project, person=person, observed_at=clock.now(),
                                         recorded_by=recorded_by, note=_text(PostAbsence, "note", note, _("note")),
                                         retain_until=retain_until(RETAIN_YEARS))
    audit.record(actor=recorded_by, action="duty.attendance.absence_recorded", target=absence, project=project,
                 data={"person": person.username, "note": absence.note})
    return absence
