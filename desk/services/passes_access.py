"""Access passes (出入证; PASS-1; 003 篇9 三.1 办理出入证; 003 篇8 (5) 保姆、小时工需凭出入证): issued by the desk to
a contractor's worker or a temporary worker — name, ID (encrypted, shown masked), company, where they work, from
and until when, a photo if taken — checked by the guard at the gate, handed back or revoked. Expired passes not
handed back are a query the sweep reports (desk.selectors.passes.expired_access)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import attachments, audit, clock, crypto, limits, pii, policies
from core.errors import DomainError
from core.models import AttachmentKind, Project, Unit, User
from desk.models import ACCESS_FLOW, AccessPass, AccessStatus
from desk.services.common import lock_project, next_serial
from desk.services.passes import as_date, new_code, require_issuer

RULE = "PASS-1"


def clean_id_number(value, field: str = "id_number") -> str:
    number = pii.id_card_number(value)
    if number is None:
        raise DomainError(_("Give the ID number (15 or 18 characters)."), code="invalid_id_number", rule=RULE,
                          details={"field": field})
    return number


@audit.atomic()
def issue(*, project: Project, issued_by: User, holder_name: str, id_number: str, company_name: str, purpose: str,
          valid_from, valid_until, unit: Unit | None = None, area: str = "", photo: tuple[str, bytes] | None = None
          ) -> AccessPass:
    """Issue a 出入证 for a period the policy allows; the ID is kept encrypted, only its last four shown."""
    require_issuer(issued_by, project)
    if unit is not None and unit.project_id != project.pk:
        raise DomainError(_("Choose a unit of this project."), code="unit_not_in_project", rule="CORE-1",
                          details={"field": "unit"})
    name = limits.fit(AccessPass, "holder_name", holder_name, required=True, rule=RULE)
    company = limits.fit(AccessPass, "company_name", company_name, required=True, rule=RULE)
    purpose = limits.fit(AccessPass, "purpose", purpose, required=True, rule=RULE)
    area = limits.fit(AccessPass, "area", area)
    if unit is None and not area:
        raise DomainError(_("Say which unit or area the holder works in."), code="required", rule=RULE,
                          details={"field": "area"})
    number = clean_id_number(id_number)
    start, end = as_date(valid_from, "valid_from"), as_date(valid_until, "valid_until")
    if start < clock.today() or end < start:
        raise DomainError(_("The period must start today or later and end on or after its start."),
                          code="invalid_period", rule=RULE, details={"field": "valid_until"})
    longest = policies.resolve("desk.passes.access_max_days", project)
    if (end - start).days + 1 > int(longest.value):
        raise DomainError(_("An access pass is valid for at most %(days)s days.") % {"days": longest.value},
                          code="period_too_long", rule=RULE, clause=longest.clause, details={"field": "valid_until"})
    lock_project(project)
    access_pass = AccessPass.objects.create(
        project=project, serial=next_serial(AccessPass, project, "CR"), code=new_code(), holder_name=name,
        id_number_cipher=crypto.encrypt_text(number), id_number_hint=number[-4:], company_name=company, unit=unit,
        area=area, purpose=purpose, valid_from=start, valid_until=end, issued_by=issued_by, issued_at=clock.now())
    if photo is not None:
        attachments.attach(target=access_pass, project=project, uploaded_by=issued_by, name=photo[0], data=photo[1],
                           kind=AttachmentKind.PHOTO)
    audit.record(actor=issued_by, action="desk.access_pass.issued", target=access_pass, project=project,
                 data={"serial": access_pass.serial, "holder": name, "company": company,
                       "id_hint": access_pass.id_number_hint, "from": start.isoformat(), "until": end.isoformat()})
    return access_pass


@audit.atomic()
def close(*, access_pass: AccessPass, closed_by: User, revoke: bool, reason: str = "") -> AccessPass:
    """The pass handed back at the end of the job, or revoked (lost, misuse, the job stopped): the gate refuses it
    from then on. A revocation says why."""
    access_pass = AccessPass.objects.select_for_update().select_related("project").get(pk=access_pass.pk)
    require_issuer(closed_by, access_pass.project)
    target = AccessStatus.REVOKED if revoke else AccessStatus.RETURNED
    ACCESS_FLOW.check(access_pass.status, target)
    access_pass.close_reason = limits.fit(AccessPass, "close_reason", reason, required=revoke, rule=RULE)
    access_pass.status, access_pass.closed_by, access_pass.closed_at = target, closed_by, clock.now()
    access_pass.save(update_fields=["status", "closed_by", "closed_at", "close_reason"])
    audit.record(actor=closed_by, action="desk.access_pass.revoked" if revoke else "desk.access_pass.returned",
                 target=access_pass, project=access_pass.project, data={"reason": access_pass.close_reason})
    return access_pass


def expired_on(access_pass: AccessPass, day: dt.date | None = None) -> bool:
    return access_pass.status == AccessStatus.ACTIVE and access_pass.valid_until < (day or clock.today())
