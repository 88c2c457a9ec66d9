"""Goods-release passes (物品放行条; PASS-1; 003 篇9 三.1, 003 篇11 §4.6.14): a resident applies at the desk with
the goods, the unit and the day they leave; a tenant's goods need the owner's consent on record (who, how); the
desk approves as the project's policy says (core.approvals: never one's own pass, never two steps of one); the
numbered pass carries a code the guard scans at the gate (desk.services.passes_gate)."""
from __future__ import annotations

import datetime as dt
import secrets

from django.utils.translation import gettext as _

from core import approvals, audit, clock, limits, policies
from core.errors import DomainError, NotFound
from core.models import Project, ResidentKind, Unit, User
from core.parsing import is_int
from core.permissions import has_role, require_member, require_policy_role
from desk.models import GOODS_FLOW, AccessPass, ConsentMethod, GoodsPass, GoodsStatus
from desk.services.common import lock_project, next_serial

RULE = "PASS-1"
MAX_GOODS = 50  # one pass is one move: a van's worth of lines, never thousands
MAX_QUANTITY = 9999
# Codes are read aloud and typed on a phone: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def may_issue(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.passes.issuer_roles", project))


def require_issuer(user: User, project: Project) -> None:
    require_member(user, project)
    require_policy_role(user, project, "desk.passes.issuer_roles", rule=RULE)


def new_code() -> str:
    """A random verification code, unused by any goods or access pass (the guard finds either by it)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not GoodsPass.objects.filter(code=code).exists() and not AccessPass.objects.filter(code=code).exists():
            return code


def as_date(value, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = clock.beijing(value).date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise DomainError(_("Give a date (YYYY-MM-DD)."), code="invalid_date", rule=RULE,
                          details={"field": field}) from None


def goods_lines(goods) -> list[dict]:
    """The goods list as the guard will read it: a name and a whole quantity per line."""
    limits.count(goods, field=_("goods"), limit=MAX_GOODS)
    lines = []
    for row in goods or []:
        row = row if isinstance(row, dict) else {}
        name = limits.within(row.get("name"), field=_("goods"), limit=60)
        quantity = row.get("quantity", 1)
        if not name:
            continue
        if isinstance(quantity, bool) or not is_int(quantity) or not 1 <= int(quantity) <= MAX_QUANTITY:
            raise DomainError(_("The quantity must be a whole number from 1 to %(max)s.") % {"max": MAX_QUANTITY},
                              code="invalid_quantity", rule=RULE, details={"field": "goods"})
        lines.append({"name": name, "quantity": int(quantity)})
    if not lines:
        raise DomainError(_("List the goods that leave, with their quantities."), code="goods_required", rule=RULE,
                          details={"field": "goods"})
    return lines


def needs_owner_consent(goods_pass: GoodsPass) -> bool:
    return goods_pass.applicant_kind in policies.value("desk.passes.owner_consent_kinds", goods_pass.project)


def lock(goods_pass: GoodsPass | int) -> GoodsPass:
    pk = getattr(goods_pass, "pk", goods_pass)
    found = GoodsPass.objects.select_for_update(of=("self",)).select_related("project", "unit__building").filter(
        pk=pk).first()
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def _approve_if_complete(goods_pass: GoodsPass) -> None:
    """Approved once the owner's consent (where needed) and every desk step are on record."""
    consent_missing = needs_owner_consent(goods_pass) and goods_pass.owner_consent is not True
    if not consent_missing and approvals.next_step(goods_pass) is None:
        GOODS_FLOW.check(goods_pass.status, GoodsStatus.APPROVED)
        goods_pass.status, goods_pass.approved_at = GoodsStatus.APPROVED, clock.now()


@audit.atomic()
def apply(*, project: Project, registered_by: User, unit: Unit, applicant_kind: str, applicant_name: str,
          goods, exit_date, applicant_phone: str = "", vehicle_plate: str = "", note: str = "") -> GoodsPass:
    """Register a resident's application for a 物品放行条 at the desk, at the server's time (PASS-1)."""
    require_issuer(registered_by, project)
    if unit is None or unit.project_id != project.pk:
        raise DomainError(_("Choose a unit of this project."), code="unit_not_in_project", rule="CORE-1",
                          details={"field": "unit"})
    if applicant_kind not in ResidentKind.values:
        raise DomainError(_("Say whether the applicant is the owner, a tenant or a family member."),
                          code="invalid_choice", rule=RULE, details={"field": "applicant_kind"})
    name = limits.fit(GoodsPass, "applicant_name", applicant_name, required=True, rule=RULE)
    phone = limits.fit(GoodsPass, "applicant_phone", applicant_phone)
    plate = limits.fit(GoodsPass, "vehicle_plate", (vehicle_plate or "").upper().replace(" ", ""))
    note = limits.fit(GoodsPass, "note", note)
    lines = goods_lines(goods)
    day = as_date(exit_date, "exit_date")
    if day < clock.today():
        raise DomainError(_("The date of exit has passed."), code="exit_date_past", rule=RULE,
                          details={"field": "exit_date"})
    steps, clause = approvals.resolve("desk.passes.goods_approval", project)
    lock_project(project)
    goods_pass = GoodsPass.objects.create(
        project=project, serial=next_serial(GoodsPass, project, "FX"), code=new_code(), unit=unit,
        applicant_kind=applicant_kind, applicant_name=name, applicant_phone=phone, goods=lines, vehicle_plate=plate,
        exit_date=day, note=note, chain=steps, chain_clause=clause[:300], registered_by=registered_by,
        registered_at=clock.now())
    _approve_if_complete(goods_pass)
    goods_pass.save(update_fields=["status", "approved_at"])
    audit.record(actor=registered_by, action="desk.goods_pass.registered", target=goods_pass, project=project,
                 data={"serial": goods_pass.serial, "unit": unit.label, "applicant": name, "kind": applicant_kind,
                       "goods": lines, "exit_date": day.isoformat(), "plate": plate})
    return goods_pass


@audit.atomic()
def record_owner_consent(*, goods_pass: GoodsPass, recorded_by: User, owner_name: str, method: str,
                         consents: bool, note: str = "") -> GoodsPass:
    """The owner's answer to a tenant's goods leaving, taken down by the desk: who, how; a refusal rejects the
    pass (PASS-1)."""
    goods_pass = lock(goods_pass)
    require_issuer(recorded_by, goods_pass.project)
    if goods_pass.status != GoodsStatus.PENDING:
        raise DomainError(_("This pass is not awaiting approval."), code="not_pending", rule=RULE, status=409)
    if not needs_owner_consent(goods_pass):
        raise DomainError(_("The owner's consent is not asked for this applicant."), code="consent_not_needed",
                          rule=RULE, clause=policies.resolve("desk.passes.owner_consent_kinds",
                                                             goods_pass.project).clause, status=409)
    if goods_pass.owner_consent is not None:
        raise DomainError(_("The owner's answer is already on record."), code="consent_recorded", rule=RULE,
                          status=409)
    if method not in ConsentMethod.values:
        raise DomainError(_("Say how the owner gave the answer."), code="invalid_choice", rule=RULE,
                          details={"field": "method"})
    goods_pass.owner_name = limits.fit(GoodsPass, "owner_name", owner_name, required=True, rule=RULE)
    goods_pass.owner_consent_note = limits.fit(GoodsPass, "owner_consent_note", note, required=not consents,
                                               rule=RULE)
    goods_pass.owner_consent, goods_pass.owner_consent_method = bool(consents), method
    goods_pass.owner_consent_by, goods_pass.owner_consent_at = recorded_by, clock.now()
    if consents:
        _approve_if_complete(goods_pass)
    else:
        GOODS_FLOW.check(goods_pass.status, GoodsStatus.REJECTED)
        goods_pass.status = GoodsStatus.REJECTED
    goods_pass.save()
    audit.record(actor=recorded_by, action="desk.goods_pass.owner_consented" if consents
                 else "desk.goods_pass.owner_refused", target=goods_pass, project=goods_pass.project,
                 data={"owner": goods_pass.owner_name, "method": method, "note": goods_pass.owner_consent_note})
    return goods_pass


@audit.atomic()
def decide(*, goods_pass: GoodsPass, approver: User, approve: bool, comment: str = "") -> GoodsPass:
    """One desk step of the pass's approval chain (core.approvals: not the clerk who registered it, not two steps
    by one person); a tenant's pass is approved only after the owner's consent (PASS-1)."""
    goods_pass = lock(goods_pass)
    if goods_pass.status != GoodsStatus.PENDING:
        raise DomainError(_("This pass is not awaiting approval."), code="not_pending", rule=RULE, status=409)
    index, step = approvals.pending_step(goods_pass)
    approvals.check_approver(goods_pass, approver, step, parties=[goods_pass.registered_by_id], rule=RULE,
                             own_message=_("You registered this pass; another person approves it."))
    if approve and needs_owner_consent(goods_pass) and goods_pass.owner_consent is not True:
        raise DomainError(_("Record the owner's consent before the pass is approved."),
                          code="owner_consent_required", rule=RULE,
                          clause=policies.resolve("desk.passes.owner_consent_kinds", goods_pass.project).clause,
                          status=409)
    comment = limits.fit(goods_pass.approvals.model, "comment", comment, required=not approve, rule=RULE,
                         label=_("comment"))
    approvals.record(goods_pass, index=index, step=step, approver=approver, approved=approve, comment=comment)
    if approve:
        _approve_if_complete(goods_pass)
    else:
        GOODS_FLOW.check(goods_pass.status, GoodsStatus.REJECTED)
        goods_pass.status = GoodsStatus.REJECTED
    goods_pass.save(update_fields=["status", "approved_at"])
    audit.record(actor=approver, action="desk.goods_pass.approved" if approve else "desk.goods_pass.rejected",
                 target=goods_pass, project=goods_pass.project, approved_by=approver.display_name if approve else "",
                 data={"step": step["code"], "comment": comment})
    return goods_pass


@audit.atomic()
def revoke(*, goods_pass: GoodsPass, revoked_by: User, reason: str) -> GoodsPass:
    """Withdraw a pass not yet used (the resident cancels, the goods are disputed): the gate refuses it (PASS-1)."""
    goods_pass = lock(goods_pass)
    require_issuer(revoked_by, goods_pass.project)
    GOODS_FLOW.check(goods_pass.status, GoodsStatus.REVOKED)
    goods_pass.revoke_reason = limits.fit(GoodsPass, "revoke_reason", reason, required=True, rule=RULE)
    goods_pass.status, goods_pass.revoked_by, goods_pass.revoked_at = GoodsStatus.REVOKED, revoked_by, clock.now()
    goods_pass.save(update_fields=["status", "revoked_by", "revoked_at", "revoke_reason"])
    audit.record(actor=revoked_by, action="desk.goods_pass.revoked", target=goods_pass, project=goods_pass.project,
                 data={"reason": goods_pass.revoke_reason})
    return goods_pass
