"""The gate (PASS-1; 003 篇11 §4.6.14 请出示放行条!(保安专用)): the guard opens a pass on a phone by its code
(scanned from the QR or typed), sees what it allows and until when, and records goods let out — once, on the
day of exit, never a revoked pass — or an access pass shown. A refusal names why and changes nothing."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotFound
from core.models import Project, User
from core.permissions import has_role, require_member, require_policy_role
from desk.models import GOODS_FLOW, AccessPass, AccessPassCheck, AccessStatus, GoodsPass, GoodsStatus
from desk.services.passes import CODE_ALPHABET, lock

RULE = "PASS-1"


def may_check(user: User, project: Project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.passes.gate_roles", project))


def require_guard(user: User, project: Project) -> None:
    require_member(user, project)
    require_policy_role(user, project, "desk.passes.gate_roles", rule=RULE)


def clean_code(code) -> str:
    """What the guard typed or the QR carried (a code, or a link ending with one), as stored."""
    text = str(code or "").strip().upper()
    text = text.rstrip("/").rsplit("=", 1)[-1].rsplit("/", 1)[-1]
    return "".join(ch for ch in text if ch in CODE_ALPHABET)[:12]


def find(*, project: Project, code) -> GoodsPass | AccessPass:
    """The goods or access pass of this project with this code (never another project's)."""
    code = clean_code(code)
    found = None
    if code:
        found = (GoodsPass.objects.filter(project=project, code=code).select_related("unit__building").first()
                 or AccessPass.objects.filter(project=project, code=code).select_related("unit__building").first())
    if found is None:
        raise NotFound(_("No pass of this project has that code."), code="unknown_pass", rule=RULE)
    return found


def goods_refusal(goods_pass: GoodsPass) -> DomainError | None:
    """Why this goods pass may not let goods out now, or None when it may."""
    status = goods_pass.status
    if status == GoodsStatus.USED:
        when = clock.beijing(goods_pass.exited_at)
        return Conflict(_("This pass was already used at %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"},
                        code="pass_used", rule=RULE)
    if status == GoodsStatus.REVOKED:
        return Conflict(_("This pass was revoked."), code="pass_revoked", rule=RULE)
    if status == GoodsStatus.REJECTED:
        return Conflict(_("This pass was rejected."), code="pass_rejected", rule=RULE)
    if status != GoodsStatus.APPROVED:
        return Conflict(_("This pass is not approved yet."), code="pass_not_approved", rule=RULE)
    today = clock.today()
    if today > goods_pass.exit_date:
        return Conflict(_("This pass was valid on %(day)s only.") % {"day": goods_pass.exit_date},
                        code="pass_expired", rule=RULE)
    if today < goods_pass.exit_date:
        return Conflict(_("This pass is valid on %(day)s only.") % {"day": goods_pass.exit_date},
                        code="pass_not_yet_valid", rule=RULE)
    return None


def access_refusal(access_pass: AccessPass) -> DomainError | None:
    if access_pass.status == AccessStatus.REVOKED:
        return Conflict(_("This access pass was revoked."), code="pass_revoked", rule=RULE)
    if access_pass.status == AccessStatus.RETURNED:
        return Conflict(_("This access pass was handed back."), code="pass_returned", rule=RULE)
    today = clock.today()
    if today > access_pass.valid_until:
        return Conflict(_("This access pass expired on %(day)s.") % {"day": access_pass.valid_until},
                        code="pass_expired", rule=RULE)
    if today < access_pass.valid_from:
        return Conflict(_("This access pass is valid from %(day)s.") % {"day": access_pass.valid_from},
                        code="pass_not_yet_valid", rule=RULE)
    return None


@audit.atomic()
def record_exit(*, goods_pass: GoodsPass, guard: User, discrepancy: str = "") -> GoodsPass:
    """The goods leave through the gate: the guard and the server's time on the pass, with anything that did not
    match the list; the pass is spent (PASS-1)."""
    goods_pass = lock(goods_pass)
    require_guard(guard, goods_pass.project)
    refusal = goods_refusal(goods_pass)
    if refusal is not None:
        raise refusal
    GOODS_FLOW.check(goods_pass.status, GoodsStatus.USED)
    goods_pass.discrepancy = limits.fit(GoodsPass, "discrepancy", discrepancy)
    goods_pass.status, goods_pass.exit_guard, goods_pass.exited_at = GoodsStatus.USED, guard, clock.now()
    goods_pass.save(update_fields=["status", "exit_guard", "exited_at", "discrepancy"])
    audit.record(actor=guard, action="desk.goods_pass.let_out", target=goods_pass, project=goods_pass.project,
                 data={"serial": goods_pass.serial, "discrepancy": goods_pass.discrepancy})
    return goods_pass


@audit.atomic()
def record_access_check(*, access_pass: AccessPass, guard: User, note: str = "") -> AccessPassCheck:
    """The guard checked a valid access pass at the gate (PASS-1)."""
    access_pass = AccessPass.objects.select_for_update().select_related("project").get(pk=access_pass.pk)
    require_guard(guard, access_pass.project)
    refusal = access_refusal(access_pass)
    if refusal is not None:
        raise refusal
    check = AccessPassCheck.objects.create(access_pass=access_pass, checked_by=guard, checked_at=clock.now(),
                                           note=limits.fit(AccessPassCheck, "note", note))
    audit.record(actor=guard, action="desk.access_pass.checked", target=access_pass, project=access_pass.project,
                 data={"serial": access_pass.serial, "note": check.note})
    return check
