"""Changes of items deposited or passed on for others, and publications handed out for others (FRONT-3; 002 篇6
§4): registered by the desk, approved by the supervisor or department manager through core.approvals (never by
the clerk who registered it, never two steps by one person), signed in by the depositor and signed out by the
person collecting, against identification."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, signatures
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, Unit, User
from desk.models import DEPOSIT_FLOW, Deposit, DepositKind, DepositStatus
from desk.services.common import lock_project, next_serial
from desk.services.identity import checked_id, in_project, require_register_staff

RULE = "FRONT-3"
POLICY = "desk.deposits.approval"
MAX_PIECES = 100


def lock(deposit: Deposit | int) -> Deposit:
    found = (Deposit.objects.select_for_update(of=("self",)).select_related("project")
             .filter(pk=getattr(deposit, "pk", deposit)).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


@audit.atomic()
def register_deposit(*, project: Project, requested_by: User, kind: str, description: str, pieces,
                     depositor_name: str, recipient_name: str = "", depositor_phone: str = "", unit: Unit | None = None,
                     reason: str) -> Deposit:
    """Registered for approval: nothing is taken in before the supervisor or manager approves (FRONT-3)."""
    require_register_staff(requested_by, project, rule=RULE)
    if kind not in DepositKind.values:
        raise DomainError(_("Choose what is asked: deposit, passing on or handing out a publication."),
                          code="invalid_kind", rule=RULE, details={"field": "kind"})
    in_project(project, unit=unit)
    if isinstance(pieces, bool) or not str(pieces).strip().isdigit() or not 1 <= int(str(pieces).strip()) <= MAX_PIECES:
        raise DomainError(_("The number of pieces must be a whole number from 1 to %(max)s.") % {"max": MAX_PIECES},
                          code="invalid_pieces", rule=RULE, details={"field": "pieces"})
    description = limits.fit(Deposit, "description", description, required=True, rule=RULE)
    depositor = limits.fit(Deposit, "depositor_name", depositor_name, required=True, rule=RULE)
    recipient = limits.fit(Deposit, "recipient_name", recipient_name or (depositor if kind == DepositKind.DEPOSIT
                                                                         else ""), required=True, rule=RULE)
    phone = limits.fit(Deposit, "depositor_phone", depositor_phone)
    reason = limits.fit(Deposit, "reason", reason, required=True, rule=RULE)
    steps, clause = approvals.resolve(POLICY, project)
    lock_project(project)
    deposit = Deposit.objects.create(
        project=project, serial=next_serial(Deposit, project, "JC"), kind=kind, description=description,
        pieces=int(str(pieces).strip()), depositor_name=depositor, depositor_phone=phone, recipient_name=recipient,
        unit=unit, reason=reason, requested_by=requested_by, requested_at=clock.now(), chain=steps,
        chain_clause=clause[:300], status=DepositStatus.PENDING if steps else DepositStatus.APPROVED,
        approved_at=None if steps else clock.now())
    audit.record(actor=requested_by, action="desk.deposit.registered", target=deposit, project=project,
                 data={"serial": deposit.serial, "kind": kind, "items": description, "pieces": deposit.pieces,
                       "from": depositor, "for": recipient})
    return deposit


@audit.atomic()
def decide_deposit(*, deposit: Deposit, approver: User, approve: bool, comment: str = "") -> Deposit:
    """The supervisor's or manager's decision on one step of the chain; a rejection needs its reason (FRONT-3)."""
    deposit = lock(deposit)
    if deposit.status != DepositStatus.PENDING:
        raise Conflict(_("This item is not awaiting approval."), code="not_pending", rule=RULE)
    index, step = approvals.pending_step(deposit)
    approvals.check_approver(deposit, approver, step, parties=[deposit.requested_by_id], rule=RULE,
                             own_message=_("You registered this item; the supervisor or manager approves it."))
    comment = limits.fit(deposit.approvals.model, "comment", comment, required=not approve, rule=RULE,
                         label=_("reason"))
    approvals.record(deposit, index=index, step=step, approver=approver, approved=approve, comment=comment)
    if not approve:
        deposit.status = DepositStatus.REJECTED
    elif approvals.next_step(deposit) is None:
        deposit.status, deposit.approved_at = DepositStatus.APPROVED, clock.now()
    deposit.save(update_fields=["status", "approved_at"])
    audit.record(actor=approver, action="desk.deposit.approved" if approve else "desk.deposit.rejected",
                 target=deposit, project=deposit.project, approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment})
    return deposit


@audit.atomic()
def sign_in(*, deposit: Deposit, taken_in_by: User, signature: str) -> Deposit:
    """The approved item taken in: the depositor signs on the screen, the clerk is on record (FRONT-3)."""
    deposit = lock(deposit)
    require_register_staff(taken_in_by, deposit.project, rule=RULE)
    if deposit.status in (DepositStatus.PENDING, DepositStatus.REJECTED):
        raise Conflict(_("Nothing is taken in for others without the supervisor's or manager's approval."),
                       code="not_approved", rule=RULE, clause=deposit.chain_clause)
    DEPOSIT_FLOW.check(deposit.status, DepositStatus.HELD)
    signatures.sign_on_screen(target=deposit, project=deposit.project, capacity="deposit_depositor",
                              name=deposit.depositor_name, image=signature, witnessed_by=taken_in_by)
    deposit.status, deposit.signed_in_at, deposit.taken_in_by = DepositStatus.HELD, clock.now(), taken_in_by
    deposit.save(update_fields=["status", "signed_in_at", "taken_in_by"])
    audit.record(actor=taken_in_by, action="desk.deposit.signed_in", target=deposit, project=deposit.project,
                 data={"pieces": deposit.pieces})
    return deposit


@audit.atomic()
def sign_out(*, deposit: Deposit, released_by: User, collector_name: str, id_type: str, id_number: str,
             signature: str) -> Deposit:
    """Handed to the person it is for (or back to the depositor), against identification and a signature (FRONT-3)."""
    deposit = lock(deposit)
    require_register_staff(released_by, deposit.project, rule=RULE)
    DEPOSIT_FLOW.check(deposit.status, DepositStatus.RELEASED)
    name = limits.fit(Deposit, "collector_name", collector_name or deposit.recipient_name, required=True, rule=RULE)
    _type, cipher, hint = checked_id(id_type, id_number, rule=RULE)
    signatures.sign_on_screen(target=deposit, project=deposit.project, capacity="deposit_collector", name=name,
                              image=signature, witnessed_by=released_by)
    deposit.status, deposit.released_at, deposit.released_by = DepositStatus.RELEASED, clock.now(), released_by
    deposit.collector_name, deposit.collector_id_cipher, deposit.collector_id_hint = name, cipher, hint
    deposit.save()
    audit.record(actor=released_by, action="desk.deposit.signed_out", target=deposit, project=deposit.project,
                 data={"collector": name, "id_hint": hint})
    return deposit
