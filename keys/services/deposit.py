"""Residents' deposited keys: deposit, pickup, lock change, delegation, move-in handover, duty-log writing
(KEY-DEPOSIT-1, -5, -6, -7, -8, -9)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import attachments, audit, clock, crypto, handoffs, limits, policies, signatures
from core.errors import DomainError, NotAllowed, NotFound
from core.handoffs import LogNote
from core.models import Project, Resident, Unit, User
from core.notifications import resolve
from core.permissions import has_role, in_department, require_member
from core.retention import retain_until
from keys.categories import Category
from keys.models import (
    DEPOSIT_FLOW,
    CollectorKind,
    CustodyDelegation,
    DepositCollection,
    DepositLockChange,
    DepositStatus,
    KeyDeposit,
    KeyLoan,
    UnitKeyHandover,
)
from keys.services import ledger
from keys.services.common import custodian_of, require_text
from keys.states import KeyStatus


def _years(project: Project) -> int:
    return int(policies.value("keys.deposit.retention_years", project))


def active_delegation(user: User, project: Project, day: dt.date | None = None) -> CustodyDelegation | None:
    day = day or clock.today()
    return (CustodyDelegation.objects.filter(project=project, delegate=user, starts_on__lte=day, ends_on__gte=day)
            .select_related("custodian").first())


def is_deposit_custodian(user: User, project: Project) -> bool:
    """客服部 key staff, as for any resident key (KEY-LOAN-5)."""
    department = custodian_of(Category.DEPOSITED, project)
    return in_department(user, department) and has_role(user, project, *policies.value("keys.issuers", project)["roles"])


def require_deposit_custodian(user: User, project: Project, *, rule: str = "KEY-DEPOSIT-1") -> dict:
    """The custodian, or the named delegate during the custodian's leave (KEY-DEPOSIT-8). Returns audit data."""
    require_member(user, project)
    if is_deposit_custodian(user, project):
        return {}
    delegation = active_delegation(user, project)
    if delegation is not None:
        return {"as_delegate_of": delegation.custodian_id, "delegation": delegation.pk}
    raise NotAllowed(_("Only the custodian of deposited keys (or their delegate on leave) may do this."),
                     code="not_custodian", rule=rule,
                     clause=policies.resolve(f"keys.custodian.{Category.DEPOSITED}", project).clause)


def lock_deposit(deposit: KeyDeposit) -> KeyDeposit:
    return KeyDeposit.objects.select_for_update().select_related("project", "key", "unit", "resident").get(pk=deposit.pk)


def duty_log(*, deposit: KeyDeposit, actor: User, what: str, source: str, occurred_at: dt.datetime | None = None,
             handling: str = "", people: str = ""):
    """Every use of a resident's deposited key is written in full to the duty log (KEY-DEPOSIT-9); answers its id."""
    return handoffs.log_key_custody(LogNote(
        project=deposit.project, recorded_by=actor, what_happened=what, occurred_at=occurred_at, handling=handling,
        unit=deposit.unit, people=people[:200], location=deposit.key.storage, source=source))


def to_minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)


@audit.atomic()
def deposit_key(*, project: Project, received_by: User, resident: Resident, unit: Unit, pieces: int, purpose: str,
                sealed: bool, seal_number: str = "", may_collect: str = "", signer_name: str, signature_image: str,
                storage: str, is_temporary: bool = False, third_party_name: str = "", third_party_kind: str = "",
                expires_at: dt.datetime | None = None, keeper: User | None = None) -> KeyDeposit:
    """《业户钥匙寄存登记表》: the key enters the ledger as "deposited"; a sealed key is signed across the seal
    by the resident (KEY-DEPOSIT-1); a temporary deposit names its third party and expiry (KEY-DEPOSIT-7)."""
    extra = require_deposit_custodian(received_by, project)
    if resident.project_id != project.pk or unit.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    if not resident.units.filter(pk=unit.pk).exists():
        raise DomainError(_("%(name)s is not a resident of this unit.") % {"name": resident.name},
                          code="resident_not_of_unit", rule="KEY-DEPOSIT-1")
    purpose = limits.fit(KeyDeposit, "purpose", purpose, required=True, rule="KEY-DEPOSIT-1", label=_("purpose"))
    seal_number = limits.fit(KeyDeposit, "seal_number", seal_number)
    may_collect = limits.fit(KeyDeposit, "may_collect", may_collect)
    third_party_name = limits.fit(KeyDeposit, "third_party_name", third_party_name)
    if sealed and not seal_number:
        raise DomainError(_("A sealed key needs the seal number."), code="seal_number_required", rule="KEY-DEPOSIT-1")
    if is_temporary:
        require_text(third_party_name, field=_("third party"), rule="KEY-DEPOSIT-7")
        if third_party_kind not in CollectorKind.values or third_party_kind == CollectorKind.RESIDENT:
            raise DomainError(_("Say who the third party is (hourly worker, relative …)."),
                              code="third_party_kind_required", rule="KEY-DEPOSIT-7")
        if expires_at is None or expires_at <= clock.now():
            raise DomainError(_("A temporary deposit needs an expiry in the future."), code="expiry_required",
                              rule="KEY-DEPOSIT-7")
    key = ledger.create_key(project=project, actor=received_by, category=Category.DEPOSITED,
                            name=_("Deposited key of %(unit)s") % {"unit": str(unit)}, unit=unit, pieces=pieces,
                            storage=storage)
    now = clock.now()
    deposit = KeyDeposit.objects.create(
        project=project, resident=resident, unit=unit, key=key, pieces=key.pieces, sealed=sealed,
        seal_number=seal_number, seal_history=[seal_number] if seal_number else [], purpose=purpose,
        may_collect=may_collect, status=DepositStatus.SEALED if sealed else DepositStatus.DEPOSITED,
        received_by=received_by, deposited_at=now, is_temporary=is_temporary,
        third_party_name=third_party_name, third_party_kind=third_party_kind if is_temporary else "",
        expires_at=expires_at if is_temporary else None, keeper=keeper if is_temporary else None,
        retain_until=retain_until(_years(project)))
    deposit.serial = f"JC{clock.beijing(now):%Y%m%d}-{deposit.pk:05d}"
    deposit.save(update_fields=["serial"])
    # Residents have no account: they sign on the desk's screen, across the seal when sealed.
    signatures.sign_on_screen(target=deposit, project=project, capacity="resident_seal" if sealed else "resident",
                              name=signer_name, image=signature_image, witnessed_by=received_by)
    if sealed:
        ledger.set_status(key=key, status=KeyStatus.SEALED)
    audit.record(actor=received_by, action="keys.deposit.deposited", target=deposit, project=project,
                 data={"serial": deposit.serial, "key": key.number, "sealed": sealed, "seal_number": seal_number,
                       "temporary": is_temporary, **extra})
    return deposit


def _identity(kind: str, access_pass_no: str, id_number: str, document: tuple[str, bytes] | None,
              document_kind: str) -> None:
    """Housekeeper → access pass; relative / agent / hourly worker → ID number or authorization letter,
    the copy kept (KEY-DEPOSIT-5, 003 §4.1(5))."""
    if kind == CollectorKind.HOUSEKEEPER:
        if not access_pass_no.strip():
            raise DomainError(_("A housekeeper shows the access pass: enter its number."),
                              code="access_pass_required", rule="KEY-DEPOSIT-5")
        return
    if not id_number.strip() and document_kind != "authorization":
        raise DomainError(_("Check the ID card (enter its number) or the authorization letter."),
                          code="identity_required", rule="KEY-DEPOSIT-5")
    if document is None or not document[1]:
        raise DomainError(_("Attach the copy of the ID card or the authorization letter."),
                          code="identity_copy_required", rule="KEY-DEPOSIT-5")


@audit.atomic()
def collect_deposit(*, deposit: KeyDeposit, handed_by: User, collector_kind: str, collector_name: str,
                    signer_image: str, access_pass_no: str = "", id_number: str = "",
                    document: tuple[str, bytes] | None = None, document_kind: str = "id_copy",
                    consent_call_made: bool = False) -> KeyDeposit:
    """The key leaves custody. Anyone but the resident shows identity by kind, the copy is kept encrypted, and
    the resident's consent call is logged to the minute in the duty log (KEY-DEPOSIT-5); a temporary deposit
    goes only to its named third party before expiry (KEY-DEPOSIT-7)."""
    deposit = lock_deposit(deposit)
    extra = require_deposit_custodian(handed_by, deposit.project, rule="KEY-DEPOSIT-5")
    target = DepositStatus.RETURNED if collector_kind == CollectorKind.RESIDENT else DepositStatus.COLLECTED
    DEPOSIT_FLOW.check(deposit.status, target)
    if collector_kind not in CollectorKind.values:
        raise DomainError(_("Say who collects the key."), code="collector_kind_required", rule="KEY-DEPOSIT-5")
    collector_name = limits.fit(DepositCollection, "collector_name", collector_name, required=True,
                                rule="KEY-DEPOSIT-5", label=_("collector"))
    access_pass_no = limits.fit(DepositCollection, "access_pass_no", access_pass_no, label=_("Access pass number"))
    now = clock.now()
    if deposit.is_temporary and collector_kind != CollectorKind.RESIDENT:
        if collector_name != deposit.third_party_name:
            raise NotAllowed(_("This key may be handed only to %(name)s.") % {"name": deposit.third_party_name},
                             code="not_the_named_third_party", rule="KEY-DEPOSIT-7")
        if deposit.expires_at and now > deposit.expires_at:
            raise NotAllowed(_("The temporary deposit expired; ask the resident again."), code="deposit_expired",
                             rule="KEY-DEPOSIT-7")
    called_at = None
    if collector_kind != CollectorKind.RESIDENT:
        _identity(collector_kind, access_pass_no, id_number, document, document_kind)
        if not consent_call_made:
            raise DomainError(_("Call the resident for consent before handing the key to someone else."),
                              code="consent_call_required", rule="KEY-DEPOSIT-5")
        called_at = to_minute(now)
    id_number = id_number.strip().upper()
    collection = DepositCollection.objects.create(
        deposit=deposit, collector_kind=collector_kind, collector_name=collector_name,
        access_pass_no=access_pass_no, id_number_cipher=crypto.encrypt_text(id_number),
        id_number_hint=id_number[-4:], consent_called_at=called_at, handed_by=handed_by, collected_at=now)
    if document is not None and document[1]:
        attachments.attach(target=collection, project=deposit.project, uploaded_by=handed_by, name=document[0],
                           data=document[1], kind=document_kind if document_kind == "authorization" else "id_copy")
    signatures.sign_on_screen(target=collection, project=deposit.project, capacity="collector", name=collector_name,
                              image=signer_image, witnessed_by=handed_by)
    if called_at is not None:
        duty_log(deposit=deposit, actor=handed_by, occurred_at=called_at, source=f"keys.deposit.consent:{deposit.pk}",
                 what=_("Called resident %(resident)s at %(time)s for consent to hand deposited key %(key)s to "
                        "%(name)s (%(kind)s).") % {"resident": deposit.resident.name, "key": deposit.key.number,
                                                   "time": clock.beijing(called_at).strftime("%Y-%m-%d %H:%M"),
                                                   "name": collector_name,
                                                   "kind": CollectorKind(collector_kind).label},
                 people=collector_name)
    duty_log(deposit=deposit, actor=handed_by, source=f"keys.deposit.collected:{deposit.pk}",
             what=_("Deposited key %(key)s (%(serial)s) collected by %(name)s.")
             % {"key": deposit.key.number, "serial": deposit.serial, "name": collector_name}, people=collector_name)
    deposit.status = target
    deposit.closed_at = now
    deposit.save(update_fields=["status", "closed_at"])
    # The key has left our custody for good: it no longer hangs in the key room.
    ledger.set_status(key=deposit.key, status=KeyStatus.RETIRED)
    audit.record(actor=handed_by, action="keys.deposit.collected", target=deposit, project=deposit.project,
                 data={"collector_kind": collector_kind, "collector": collector_name,
                       "id_hint": id_number[-4:], "consent_called_at": called_at, **extra})
    resolve(subject=f"keys.deposit:{deposit.pk}")
    return deposit


@audit.atomic()
def report_lock_change(*, deposit: KeyDeposit, reported_by: User, note: str = "") -> DepositLockChange:
    """The resident changed the lock: open until the new key is in and the old one back (KEY-DEPOSIT-6)."""
    deposit = lock_deposit(deposit)
    require_deposit_custodian(reported_by, deposit.project, rule="KEY-DEPOSIT-6")
    if deposit.status in DepositStatus.closed_states():
        raise DomainError(_("This deposit is closed."), code="deposit_closed", rule="KEY-DEPOSIT-6")
    note = limits.fit(DepositLockChange, "note", note, label=_("note"))
    if deposit.lock_changes.filter(completed_at__isnull=True).exists():
        raise DomainError(_("A lock change is already open for this deposit."), code="lock_change_open",
                          rule="KEY-DEPOSIT-6")
    change = DepositLockChange.objects.create(deposit=deposit, project=deposit.project, reported_by=reported_by,
                                              reported_at=clock.now(), note=note)
    audit.record(actor=reported_by, action="keys.deposit.lock_change_reported", target=change, project=deposit.project,
                 data={"deposit": deposit.serial})
    return change


@audit.atomic()
def complete_lock_change(*, change: DepositLockChange, actor: User, pieces: int, signer_name: str,
                         signature_image: str, seal_number: str = "") -> DepositLockChange:
    """New key deposited (sealed like the old one), old key returned to the resident (KEY-DEPOSIT-6)."""
    change = DepositLockChange.objects.select_for_update().get(pk=change.pk)
    old = lock_deposit(change.deposit)
    if change.completed_at:
        raise DomainError(_("This lock change is already complete."), code="lock_change_done", rule="KEY-DEPOSIT-6")
    DEPOSIT_FLOW.check(old.status, DepositStatus.RETURNED)
    new = deposit_key(project=old.project, received_by=actor, resident=old.resident, unit=old.unit, pieces=pieces,
                      purpose=old.purpose, sealed=old.sealed, seal_number=seal_number, may_collect=old.may_collect,
                      signer_name=signer_name, signature_image=signature_image, storage=old.key.storage)
    old.status = DepositStatus.RETURNED
    old.closed_at = clock.now()
    old.save(update_fields=["status", "closed_at"])
    ledger.set_status(key=old.key, status=KeyStatus.RETIRED)
    change.new_deposit, change.completed_at = new, clock.now()
    change.save(update_fields=["new_deposit", "completed_at"])
    duty_log(deposit=old, actor=actor, source=f"keys.deposit.lock_change:{change.pk}",
             what=_("Lock changed: new key deposited as %(new)s, old key %(old)s returned to the resident.")
             % {"new": new.serial, "old": old.key.number})
    audit.record(actor=actor, action="keys.deposit.lock_change_completed", target=change, project=old.project,
                 data={"old": old.serial, "new": new.serial})
    resolve(subject=f"keys.lock_change:{change.pk}")
    return change


@audit.atomic()
def delegate_custody(*, project: Project, custodian: User, delegate: User, starts_on: dt.date, ends_on: dt.date,
                     reason: str, created_by: User) -> CustodyDelegation:
    """While the custodian is on leave a named person keeps the deposited keys (KEY-DEPOSIT-8)."""
    require_member(created_by, project)
    if not (is_deposit_custodian(created_by, project) or has_role(created_by, project, "cs_supervisor",
                                                                   "site_manager")):
        raise NotAllowed(_("Only the custodian or the customer-service head may delegate custody."),
                         code="not_custodian", rule="KEY-DEPOSIT-8")
    require_member(delegate, project)
    if not is_deposit_custodian(custodian, project):
        raise DomainError(_("%(name)s is not a custodian of deposited keys.") % {"name": custodian.display_name},
                          code="not_a_custodian", rule="KEY-DEPOSIT-8")
    if delegate.pk == custodian.pk or ends_on < starts_on:
        raise DomainError(_("Name another person and a valid leave period."), code="invalid_delegation",
                          rule="KEY-DEPOSIT-8")
    reason = limits.fit(CustodyDelegation, "reason", reason, required=True, rule="KEY-DEPOSIT-8", label=_("reason"))
    delegation = CustodyDelegation.objects.create(project=project, custodian=custodian, delegate=delegate,
                                                  starts_on=starts_on, ends_on=ends_on, reason=reason,
                                                  created_by=created_by, created_at=clock.now())
    audit.record(actor=created_by, action="keys.deposit.custody_delegated", target=delegation, project=project,
                 data={"custodian": custodian.pk, "delegate": delegate.pk, "from": starts_on, "to": ends_on})
    return delegation


@audit.atomic()
def hand_over_unit_keys(*, project: Project, handed_by: User, unit: Unit, resident: Resident, keys_description: str,
                        pieces: int, signer_name: str, signature_image: str) -> UnitKeyHandover:
    """《单元钥匙交接单》: unit keys handed to the owner at move-in, both sign (KEY-DEPOSIT-1, 001 篇13 a.1–a.2)."""
    require_deposit_custodian(handed_by, project)
    if unit.project_id != project.pk or resident.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    keys_description = limits.fit(UnitKeyHandover, "keys_description", keys_description, required=True,
                                  rule="KEY-DEPOSIT-1", label=_("keys handed over"))
    if int(pieces) < 1:
        raise DomainError(_("A key set has at least one piece."), code="invalid_pieces", rule="KEY-DEPOSIT-1")
    handover = UnitKeyHandover.objects.create(project=project, unit=unit, resident=resident,
                                              keys_description=keys_description, pieces=int(pieces),
                                              handed_by=handed_by, handed_at=clock.now(),
                                              retain_until=retain_until(_years(project)))
    signatures.sign_as_session_user(target=handover, project=project, capacity="handed_by", person=handed_by)
    signatures.sign_on_screen(target=handover, project=project, capacity="owner", name=signer_name,
                              image=signature_image, witnessed_by=handed_by)
    audit.record(actor=handed_by, action="keys.deposit.unit_keys_handed_over", target=handover, project=project,
                 data={"unit": unit.pk, "pieces": int(pieces)})
    return handover


def log_deposited_loan(loan: KeyLoan, event: str) -> None:
    """Hooked at the end of desk.checkout_key / return_key for deposited keys (KEY-DEPOSIT-9, 003 §4.1(4))."""
    deposit = KeyDeposit.objects.filter(key_id=loan.key_id).select_related("key", "unit", "project").first()
    who = loan.holder.display_name
    if event == "lent":
        what = _("Deposited key %(key)s lent on %(serial)s to %(who)s by %(by)s, %(pieces)s piece(s), due %(due)s, "
                 "purpose: %(purpose)s.") % {
            "key": loan.key.number, "serial": loan.serial, "who": who,
            "by": loan.issued_by.display_name if loan.issued_by else "", "pieces": loan.pieces_out,
            "due": clock.beijing(loan.due_at).strftime("%Y-%m-%d %H:%M") if loan.due_at else "",
            "purpose": loan.purpose}
        actor = loan.issued_by
    else:
        what = _("Deposited key %(key)s returned on %(serial)s by %(who)s to %(by)s, %(pieces)s piece(s).") % {
            "key": loan.key.number, "serial": loan.serial, "who": who,
            "by": loan.received_by.display_name if loan.received_by else "", "pieces": loan.pieces_in}
        actor = loan.received_by
    handoffs.log_key_custody(LogNote(project=loan.project, recorded_by=actor, what_happened=what,
                                     unit=deposit.unit if deposit else loan.key.unit, people=who,
                                     source=f"keys.deposit.loan_{event}:{loan.pk}"))
