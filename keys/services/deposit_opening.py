"""Opening a resident's sealed key: request, approval, the resident's call, witnesses, before/after record,
re-seal (KEY-DEPOSIT-2, -3, -4, -9)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import attachments, audit, clock, limits, policies, signatures
from core.errors import DomainError, NotAllowed
from core.models import Project, User
from core.notifications import resolve
from core.permissions import has_role, require_member
from keys.models import (
    DEPOSIT_FLOW,
    OPENING_FLOW,
    DepositApproval,
    DepositStatus,
    EmergencyKind,
    KeyDeposit,
    KeyDepositOpening,
    OpeningKind,
    OpeningStatus,
)
from keys.services import ledger
from keys.services.common import require_text
from keys.services.deposit import duty_log, lock_deposit, require_deposit_custodian, to_minute
from keys.states import KeyStatus

WITNESS_CAPACITIES = ("witness_1", "witness_2", "witness_3", "witness_4")


def lock_opening(opening: KeyDepositOpening) -> KeyDepositOpening:
    return KeyDepositOpening.objects.select_for_update().get(pk=opening.pk)


def _chain_policy(kind: str, project: Project):
    return policies.resolve("keys.deposit.emergency_chain" if kind == OpeningKind.EMERGENCY
                            else "keys.deposit.request_chain", project)


@audit.atomic()
def request_opening(*, deposit: KeyDeposit, requested_by: User, kind: str, reason: str, emergency_kind: str = "",
                    responsible_confirmed_with: str = "", request_scan: tuple[str, bytes] | None = None
                    ) -> KeyDepositOpening:
    """A sealed key is opened only in an emergency (fire, flooding, gas leak) or on the resident's written
    request confirmed with the unit's responsible person (KEY-DEPOSIT-2)."""
    deposit = lock_deposit(deposit)
    require_member(requested_by, deposit.project)
    DEPOSIT_FLOW.check(deposit.status, DepositStatus.OPENING_REQUESTED)
    reason = limits.fit(KeyDepositOpening, "reason", reason, required=True, rule="KEY-DEPOSIT-2", label=_("reason"))
    responsible_confirmed_with = limits.fit(KeyDepositOpening, "responsible_confirmed_with",
                                            responsible_confirmed_with, label=_("confirmed with"))
    if kind == OpeningKind.EMERGENCY:
        if emergency_kind not in EmergencyKind.values:
            raise DomainError(_("A sealed key is opened in an emergency only for fire, flooding or a gas leak."),
                              code="not_an_emergency", rule="KEY-DEPOSIT-2", clause="003 篇8 §4.1(4)")
    elif kind == OpeningKind.WRITTEN_REQUEST:
        if request_scan is None or not request_scan[1]:
            raise DomainError(_("Attach the resident's written request."), code="written_request_required",
                              rule="KEY-DEPOSIT-2", clause="001 篇15 (4) 必须有书面申请…并经客服部经理同意")
        require_text(responsible_confirmed_with, field=_("confirmed with"), rule="KEY-DEPOSIT-2")
        emergency_kind = ""
    else:
        raise DomainError(_("Unknown kind of opening."), code="invalid_kind", rule="KEY-DEPOSIT-2")
    chain = _chain_policy(kind, deposit.project)
    opening = KeyDepositOpening.objects.create(
        deposit=deposit, project=deposit.project, kind=kind, emergency_kind=emergency_kind, reason=reason,
        chain=list(chain.value), chain_clause=chain.clause[:300], requested_by=requested_by,
        requested_at=clock.now(), responsible_confirmed_with=responsible_confirmed_with,
        old_seal_number=deposit.seal_number)
    if request_scan is not None and request_scan[1]:
        attachments.attach(target=opening, project=deposit.project, uploaded_by=requested_by, name=request_scan[0],
                           data=request_scan[1], kind="scan")
    deposit.status = DepositStatus.OPENING_REQUESTED
    deposit.save(update_fields=["status"])
    audit.record(actor=requested_by, action="keys.deposit.opening_requested", target=opening, project=deposit.project,
                 data={"deposit": deposit.serial, "kind": kind, "emergency": emergency_kind})
    return opening


def next_step(opening: KeyDepositOpening) -> tuple[int, dict] | None:
    done = opening.approvals.count()
    return (done, opening.chain[done]) if done < len(opening.chain) else None


def may_approve(user: User, opening: KeyDepositOpening) -> bool:
    step = next_step(opening)
    return bool(step and opening.status == OpeningStatus.REQUESTED and has_role(user, opening.project, *step[1]["roles"])
                and not opening.approvals.filter(approver=user).exists())


@audit.atomic()
def decide_opening(*, opening: KeyDepositOpening, approver: User, approve: bool = True,
                   comment: str = "") -> KeyDepositOpening:
    """One step of the approval chain (003: 客服负责人 + 项目经理; 001: 客服部经理 → 总经理) (KEY-DEPOSIT-2)."""
    opening = lock_opening(opening)
    deposit = lock_deposit(opening.deposit)
    require_member(approver, opening.project)
    step = next_step(opening)
    OPENING_FLOW.check(opening.status, OpeningStatus.APPROVED if approve else OpeningStatus.REJECTED)
    clause = _chain_policy(opening.kind, opening.project).clause
    if step is None or not has_role(approver, opening.project, *step[1]["roles"]):
        raise NotAllowed(_("Your role may not approve this step."), code="not_approver", rule="KEY-DEPOSIT-2",
                         clause=clause)
    if opening.approvals.filter(approver=approver).exists():
        raise NotAllowed(_("Each step needs a different approver."), code="same_approver", rule="KEY-DEPOSIT-2",
                         clause=clause)
    comment = limits.fit(DepositApproval, "comment", comment, label=_("comment"))
    if not approve and not comment:
        raise DomainError(_("Give a reason for rejecting."), code="comment_required", rule="KEY-DEPOSIT-2")
    DepositApproval.objects.create(opening=opening, step_index=step[0], step_label=step[1].get("label", "")[:100],
                                   approver=approver, approved=approve, comment=comment,
                                   decided_at=clock.now())
    if not approve:
        opening.status = OpeningStatus.REJECTED
        DEPOSIT_FLOW.check(deposit.status, DepositStatus.SEALED)
        deposit.status = DepositStatus.SEALED
    elif step[0] + 1 >= len(opening.chain):
        opening.status = OpeningStatus.APPROVED
        deposit.status = DepositStatus.APPROVED
    opening.save(update_fields=["status"])
    deposit.save(update_fields=["status"])
    audit.record(actor=approver, action="keys.deposit.opening_decided", target=opening, project=opening.project,
                 approved_by=approver.display_name if approve else "",
                 data={"step": step[0], "approved": approve, "comment": comment})
    return opening


@audit.atomic()
def log_resident_call(*, opening: KeyDepositOpening, called_by: User, outcome: str) -> KeyDepositOpening:
    """The resident is phoned; the call time goes to the duty log to the minute (KEY-DEPOSIT-2, 003 §4.1(4))."""
    opening = lock_opening(opening)
    require_deposit_custodian(called_by, opening.project, rule="KEY-DEPOSIT-2")
    outcome = limits.fit(KeyDepositOpening, "call_outcome", outcome, required=True, rule="KEY-DEPOSIT-2",
                         label=_("call outcome"))
    called_at = to_minute(clock.now())
    opening.resident_called_at, opening.call_outcome = called_at, outcome
    opening.save(update_fields=["resident_called_at", "call_outcome"])
    deposit = opening.deposit
    duty_log(deposit=deposit, actor=called_by, occurred_at=called_at, source=f"keys.deposit.call:{opening.pk}",
             what=_("Called resident %(resident)s at %(time)s about opening sealed key %(key)s: %(outcome)s")
             % {"resident": deposit.resident.name, "time": clock.beijing(called_at).strftime("%Y-%m-%d %H:%M"),
                "key": deposit.key.number, "outcome": outcome}, people=deposit.resident.name)
    audit.record(actor=called_by, action="keys.deposit.resident_called", target=opening, project=opening.project,
                 data={"called_at": called_at, "outcome": outcome})
    return opening


def _check_witnesses(opening: KeyDepositOpening, witnesses: list[tuple[User, str]]) -> None:
    """Two 客服助理 and a security guard, each a different person, not an approver unless allowed; never fewer
    than two persons (KEY-DEPOSIT-3)."""
    rule = policies.resolve("keys.deposit.witnesses", opening.project)
    slots, clause = rule.value["slots"], rule.clause
    people = [w for w, _pw in witnesses]
    if len({p.pk for p in people}) != len(people):
        raise NotAllowed(_("Each witness must be a different person."), code="witness_counted_twice",
                         rule="KEY-DEPOSIT-3", clause=clause)
    if len(people) < max(len(slots), int(rule.value.get("min_persons", 2))):
        raise NotAllowed(_("Entering with a sealed key needs %(n)s witnesses present.")
                         % {"n": max(len(slots), int(rule.value.get("min_persons", 2)))},
                         code="witness_quorum", rule="KEY-DEPOSIT-3", clause=clause)
    approvers = set(opening.approvals.values_list("approver_id", flat=True))
    if not rule.value.get("approvers_may_witness") and approvers & {p.pk for p in people}:
        raise NotAllowed(_("An approver of this opening may not count as a witness."), code="approver_as_witness",
                         rule="KEY-DEPOSIT-3", clause=clause)
    for index, slot in enumerate(slots):
        person = people[index]
        if not has_role(person, opening.project, *slot["roles"]):
            raise NotAllowed(_("%(name)s cannot be witness %(n)s (%(label)s).")
                             % {"name": person.display_name, "n": index + 1, "label": slot.get("label", "")},
                             code="witness_wrong_role", rule="KEY-DEPOSIT-3", clause=clause)


@audit.atomic()
def open_sealed_key(*, opening: KeyDepositOpening, actor: User, witnesses: list[tuple[User, str]],
                    before_note: str) -> KeyDepositOpening:
    """Enter the unit: approval given, (emergency) resident called, witnesses confirm with their own
    passwords, record before entering (KEY-DEPOSIT-2, -3); written to the duty log (KEY-DEPOSIT-9)."""
    opening = lock_opening(opening)
    deposit = lock_deposit(opening.deposit)
    require_deposit_custodian(actor, opening.project, rule="KEY-DEPOSIT-3")
    OPENING_FLOW.check(opening.status, OpeningStatus.OPENED)
    DEPOSIT_FLOW.check(deposit.status, DepositStatus.OPENED)
    if opening.kind == OpeningKind.EMERGENCY and opening.resident_called_at is None:
        raise DomainError(_("Call the resident and log the call time first."), code="resident_call_required",
                          rule="KEY-DEPOSIT-2", clause="003 篇8 §4.1(4)")
    before_note = limits.fit(KeyDepositOpening, "before_note", before_note, required=True, rule="KEY-DEPOSIT-3",
                             label=_("record before entering"))
    _check_witnesses(opening, witnesses)
    for capacity, (person, password) in zip(WITNESS_CAPACITIES, witnesses):
        signatures.sign_with_credentials(target=opening, project=opening.project, capacity=capacity, person=person,
                                         password=password)
    now = clock.now()
    opening.status, opening.entered_at, opening.before_note = OpeningStatus.OPENED, now, before_note
    hours = int(policies.value("keys.deposit.paperwork_hours", opening.project))
    opening.paperwork_due_at = now + dt.timedelta(hours=hours)
    opening.save(update_fields=["status", "entered_at", "before_note", "paperwork_due_at"])
    deposit.status = DepositStatus.OPENED
    deposit.save(update_fields=["status"])
    ledger.set_status(key=deposit.key, status=KeyStatus.IN_STORE)
    names = ", ".join(p.display_name for p, _pw in witnesses)
    duty_log(deposit=deposit, actor=actor, source=f"keys.deposit.opened:{opening.pk}", people=names,
             what=_("Sealed key %(key)s of %(unit)s opened (%(kind)s: %(reason)s); witnesses: %(names)s.")
             % {"key": deposit.key.number, "unit": str(deposit.unit), "kind": opening.get_kind_display(),
                "reason": opening.reason, "names": names}, handling=before_note)
    audit.record(actor=actor, action="keys.deposit.opened", target=opening, project=opening.project,
                 data={"deposit": deposit.serial, "witnesses": [p.pk for p, _pw in witnesses]})
    return opening


@audit.atomic()
def close_opening(*, opening: KeyDepositOpening, actor: User, after_note: str, manager: User,
                  manager_password: str) -> KeyDepositOpening:
    """Record after leaving, signed by the 客服部经理 with their own password (KEY-DEPOSIT-3, 001 篇15 (5))."""
    opening = lock_opening(opening)
    require_deposit_custodian(actor, opening.project, rule="KEY-DEPOSIT-3")
    OPENING_FLOW.check(opening.status, OpeningStatus.CLOSED)
    after_note = limits.fit(KeyDepositOpening, "after_note", after_note, required=True, rule="KEY-DEPOSIT-3",
                            label=_("record after leaving"))
    signers = policies.resolve("keys.deposit.record_signers", opening.project)
    if not has_role(manager, opening.project, *signers.value):
        raise NotAllowed(_("The record is signed by the customer-service manager."), code="not_record_signer",
                         rule="KEY-DEPOSIT-3", clause=signers.clause)
    signatures.sign_with_credentials(target=opening, project=opening.project, capacity="manager", person=manager,
                                     password=manager_password)
    opening.status, opening.left_at, opening.after_note = OpeningStatus.CLOSED, clock.now(), after_note
    opening.save(update_fields=["status", "left_at", "after_note"])
    audit.record(actor=actor, action="keys.deposit.opening_closed", target=opening, project=opening.project,
                 data={"manager": manager.pk})
    return opening


@audit.atomic()
def complete_paperwork(*, opening: KeyDepositOpening, actor: User, signer_name: str, signature_image: str,
                       stamped: bool = False) -> KeyDepositOpening:
    """Paperwork after the fact: an emergency's usage record; a written request stamped and signed by the
    resident (KEY-DEPOSIT-2)."""
    opening = lock_opening(opening)
    require_deposit_custodian(actor, opening.project, rule="KEY-DEPOSIT-2")
    if opening.entered_at is None or opening.paperwork_completed_at:
        raise DomainError(_("There is no paperwork waiting for this opening."), code="no_paperwork_due",
                          rule="KEY-DEPOSIT-2")
    if opening.kind == OpeningKind.WRITTEN_REQUEST and not stamped:
        raise DomainError(_("The resident stamps the request as well as signing it."), code="stamp_required",
                          rule="KEY-DEPOSIT-2", clause="001 篇15 (4) 客户需在申请书上补盖公章并由使用人签字")
    signatures.sign_on_screen(target=opening, project=opening.project, capacity="resident_paperwork",
                              name=signer_name, image=signature_image, witnessed_by=actor)
    opening.paperwork_completed_at = clock.now()
    opening.save(update_fields=["paperwork_completed_at"])
    audit.record(actor=actor, action="keys.deposit.paperwork_completed", target=opening, project=opening.project,
                 data={"stamped": stamped})
    resolve(subject=f"keys.deposit_opening:{opening.pk}")
    return opening


@audit.atomic()
def reseal(*, opening: KeyDepositOpening, actor: User, new_seal_number: str, signer_name: str,
           signature_image: str) -> KeyDepositOpening:
    """The resident re-seals with a NEW seal number and signs again (KEY-DEPOSIT-4, 003 §4.4(1)⑥)."""
    opening = lock_opening(opening)
    deposit = lock_deposit(opening.deposit)
    require_deposit_custodian(actor, opening.project, rule="KEY-DEPOSIT-4")
    DEPOSIT_FLOW.check(deposit.status, DepositStatus.RESEALED)
    new_seal_number = require_text(new_seal_number, field=_("new seal number"), rule="KEY-DEPOSIT-4",
                                   fits=(KeyDeposit, "seal_number"))
    if new_seal_number in (deposit.seal_history or []) or new_seal_number == deposit.seal_number:
        raise DomainError(_("The new seal number must differ from the old one."), code="seal_number_reused",
                          rule="KEY-DEPOSIT-4")
    signatures.sign_on_screen(target=opening, project=opening.project, capacity="resident_reseal", name=signer_name,
                              image=signature_image, witnessed_by=actor)
    opening.new_seal_number, opening.resealed_at = new_seal_number, clock.now()
    opening.save(update_fields=["new_seal_number", "resealed_at"])
    deposit.seal_number = new_seal_number
    deposit.seal_history = [*(deposit.seal_history or []), new_seal_number]
    deposit.status, deposit.sealed = DepositStatus.RESEALED, True
    deposit.save(update_fields=["seal_number", "seal_history", "status", "sealed"])
    ledger.set_status(key=deposit.key, status=KeyStatus.SEALED)
    audit.record(actor=actor, action="keys.deposit.resealed", target=opening, project=opening.project,
                 data={"old": opening.old_seal_number, "new": new_seal_number})
    resolve(subject=f"keys.deposit:{opening.deposit_id}", kinds=["keys.deposit.reseal"])
    return opening
