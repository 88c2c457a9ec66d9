"""Duplicating a vacant-unit key: requested, approved by the custodian head, then the new pieces are
recorded in the ledger (KEY-VACANT-1, 003 篇8 §4.2(9) 没有客服组负责人的批准,任何人不得复配空房钥匙)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import User
from core.permissions import has_role, in_department, require_member
from core.retention import retain_until
from keys.categories import Category
from keys.models import DUPLICATION_FLOW, DuplicationRequest, DuplicationStatus, KeySet
from keys.services import ledger
from keys.services.common import require_custodian_staff
from keys.states import KeyStatus

MAX_COUNT = 10


def may_approve(user: User, request: DuplicationRequest) -> bool:
    rule = policies.value("keys.vacant.duplication_approver", request.project)
    return user.is_superuser or (in_department(user, rule["department"])
                                 and has_role(user, request.project, *rule["roles"]))


@audit.atomic()
def request_duplication(*, key: KeySet, requested_by: User, reason: str, count: int) -> DuplicationRequest:
    """Ask to cut duplicates of a vacant-unit key (KEY-VACANT-1)."""
    key = KeySet.objects.select_for_update().select_related("project").get(pk=key.pk)
    require_member(requested_by, key.project)
    if key.category != Category.VACANT:
        raise DomainError(_("Key %(number)s is not a vacant-unit key.") % {"number": key.number},
                          code="not_vacant_key", rule="KEY-VACANT-1")
    if key.status in {KeyStatus.LOST, KeyStatus.RETIRED}:
        raise Conflict(_("Key %(number)s is not in custody.") % {"number": key.number}, code="key_not_in_custody",
                       rule="KEY-VACANT-1")
    reason = limits.fit(DuplicationRequest, "reason", reason, required=True, rule="KEY-VACANT-1", label=_("reason"))
    try:
        count = int(count)
    except (TypeError, ValueError):
        count = 0
    if not 1 <= count <= MAX_COUNT:
        raise DomainError(_("Cut between 1 and %(max)s pieces.") % {"max": MAX_COUNT}, code="invalid_count",
                          rule="KEY-VACANT-1")
    request = DuplicationRequest.objects.create(project=key.project, key=key, reason=reason, count=count,
                                                requested_by=requested_by, requested_at=clock.now(),
                                                retain_until=retain_until(2))
    audit.record(actor=requested_by, action="keys.vacant.duplication_requested", target=request, project=key.project,
                 data={"key": key.number, "count": count, "reason": reason[:200]})
    return request


def _lock(request: DuplicationRequest) -> DuplicationRequest:
    return DuplicationRequest.objects.select_for_update().select_related("key", "project").get(pk=request.pk)


@audit.atomic()
def decide_duplication(*, request: DuplicationRequest, decided_by: User, approve: bool,
                       note: str = "") -> DuplicationRequest:
    """The custodian department's head approves or rejects; nobody approves their own request (KEY-VACANT-1)."""
    request = _lock(request)
    require_member(decided_by, request.project)
    resolved = policies.resolve("keys.vacant.duplication_approver", request.project)
    if not may_approve(decided_by, request):
        raise NotAllowed(_("Only the head of the key's custodian group may approve duplicating a vacant-unit key."),
                         code="not_duplication_approver", rule="KEY-VACANT-1", clause=resolved.clause)
    if decided_by.pk == request.requested_by_id:
        raise NotAllowed(_("Nobody approves their own request."), code="self_approval", rule="KEY-VACANT-1")
    target = DuplicationStatus.APPROVED if approve else DuplicationStatus.REJECTED
    DUPLICATION_FLOW.check(request.status, target)
    note = limits.fit(DuplicationRequest, "decision_note", note)
    if not approve and not note:
        raise DomainError(_("Give the reason for the rejection."), code="required", rule="KEY-VACANT-1")
    request.status = target
    request.decided_by = decided_by
    request.decided_at = clock.now()
    request.decision_note = note
    request.save()
    audit.record(actor=decided_by, action=f"keys.vacant.duplication_{target}", target=request,
                 project=request.project, approved_by=decided_by.display_name if approve else "",
                 data={"key": request.key.number, "count": request.count})
    return request


@audit.atomic()
def record_duplicates_cut(*, request: DuplicationRequest, recorded_by: User) -> DuplicationRequest:
    """The approved pieces are cut and added to the ledger's piece count (KEY-VACANT-1, KEY-LEDGER-1)."""
    request = _lock(request)
    require_custodian_staff(recorded_by, request.key, rule="KEY-VACANT-1")
    if request.status != DuplicationStatus.APPROVED:
        raise Conflict(_("Duplicates of a vacant-unit key are cut only after the custodian head's approval."),
                       code="duplication_not_approved", rule="KEY-VACANT-1",
                       clause=policies.resolve("keys.vacant.duplication_approver", request.project).clause)
    DUPLICATION_FLOW.check(request.status, DuplicationStatus.CUT)
    key = KeySet.objects.get(pk=request.key_id)
    ledger.update_key(key=key, actor=recorded_by, pieces=key.pieces + request.count)
    request.status = DuplicationStatus.CUT
    request.cut_recorded_by = recorded_by
    request.cut_at = clock.now()
    request.save()
    audit.record(actor=recorded_by, action="keys.vacant.duplicates_cut", target=request, project=request.project,
                 data={"key": key.number, "count": request.count, "pieces_now": key.pieces + request.count})
    return request
