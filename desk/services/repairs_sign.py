"""Signing the 《工作任务单》, which closes the repair (REPAIR-3; 003 篇5 §4.3.4–4.3.6).

In a home an adult of the household signs on the desk's screen; for a public facility staff of the
reporting department of the required rank sign with their own password. Until signed the slip is
not done. Closing hands the repair to return visits and closes the contact it came from."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import audit, clock, limits, policies, signatures
from core.errors import DomainError, NotAllowed
from core.models import Project, User
from core.permissions import has_role, in_department, is_member, require_member
from desk.kinds import MatterKind
from desk.models import REPAIR_FLOW, Repair, RepairSignMethod, RepairStatus
from desk.services.repairs import lock_repair

CAPACITY = "repair_completion"


def may_sign_public(user: User, project: Project) -> bool:
    """客服助理+, 保安领班+, office and sales staff (policy), never engineering signing its own work."""
    if in_department(user, policies.value("desk.repairs.engineering_department", project)):
        return False
    return (has_role(user, project, *policies.value("desk.repairs.public_signer_roles", project))
            or any(in_department(user, code) for code in policies.value("desk.repairs.public_signer_departments",
                                                                        project)))


def _close(repair: Repair, actor: User) -> Repair:
    """Signed = closed: return-visit hand-off and the contact it came from, in the same transaction."""
    from desk.services.intake import follow_matter_closed
    from desk.services.visits import register_closure

    repair.status, repair.signed_at = RepairStatus.SIGNED, clock.now()
    repair.save()
    register_closure(project=repair.project, kind=MatterKind.REPAIR, source_ref=repair.ref,
                     source_number=repair.slip_number or repair.serial, closed_at=repair.signed_at,
                     person_name=repair.person_name, phone=repair.phone, unit=repair.unit,
                     subject=repair.content[:100], department=repair.department or "engineering", major=False,
                     actor=actor)
    if repair.contact_id:
        follow_matter_closed(matter_ref=repair.ref, closed_by=actor,
                             outcome=_("Repair %(slip)s done and signed: %(work)s") % {
                                 "slip": repair.slip_number, "work": repair.work_done[:200]})
    audit.record(actor=actor, action="desk.repair.signed", target=repair, project=repair.project,
                 data={"method": repair.sign_method, "signer": repair.signer_name})
    return repair


@audit.atomic()
def sign_by_household(*, repair: Repair, witnessed_by: User, name: str, image: str, is_adult: bool,
                      from_portal: bool = False) -> Repair:
    """An adult of the household signs the slip on screen; the desk/technician witnesses (REPAIR-3). From the
    residents' portal (`from_portal`) the household signs on its own phone, signed in with a code to the phone on
    file, and core.portal's account stands as the witness."""
    repair = lock_repair(repair)
    if not from_portal:
        require_member(witnessed_by, repair.project)
    REPAIR_FLOW.check(repair.status, RepairStatus.SIGNED)
    clause = "003 篇5 §4.3.5 在业主/住户家中维修时,由其家中成年人签认"
    if repair.public_area:
        raise DomainError(_("A public-facility slip is signed by staff of the reporting department."),
                          code="staff_signature_required", rule="REPAIR-3", clause=clause)
    if not is_adult:
        raise DomainError(_("Only an adult member of the household may sign the slip."), code="signer_not_adult",
                          rule="REPAIR-3", clause=clause, details={"field": "is_adult"})
    name = limits.fit(Repair, "signer_name", name)
    signatures.sign_on_screen(target=repair, project=repair.project, capacity=CAPACITY, name=name, image=image,
                              witnessed_by=witnessed_by)
    repair.sign_method, repair.signer_name, repair.signer_is_adult = RepairSignMethod.HOUSEHOLD, name, True
    # From the portal the closure (return visit, contact) is registered in the name of the clerk who issued the
    # slip: the portal's account is nobody's colleague; the signature and its audit event name the household.
    return _close(repair, (repair.dispatched_by or repair.reported_by) if from_portal else witnessed_by)


@audit.atomic()
def sign_by_staff(*, repair: Repair, signer: User, password: str, actor: User | None = None) -> Repair:
    """Staff of the reporting department of the required rank sign a public-facility slip with their own
    password (REPAIR-3); nobody can sign in another's name."""
    repair = lock_repair(repair)
    project = repair.project
    actor = actor or signer
    require_member(actor, project)
    REPAIR_FLOW.check(repair.status, RepairStatus.SIGNED)
    roles = policies.resolve("desk.repairs.public_signer_roles", project)
    if not repair.public_area:
        raise DomainError(_("A household slip is signed on screen by an adult of the household."),
                          code="household_signature_required", rule="REPAIR-3",
                          clause="003 篇5 §4.3.5 在业主/住户家中维修时,由其家中成年人签认")
    if not (signer.is_active and is_member(signer, project) and may_sign_public(signer, project)):
        raise NotAllowed(_("%(name)s may not sign a public-facility slip: staff of the reporting department of "
                           "the required rank sign it.") % {"name": signer.display_name},
                         code="signer_not_allowed", rule="REPAIR-3", clause=roles.clause)
    signatures.sign_with_credentials(target=repair, project=project, capacity=CAPACITY, person=signer,
                                     password=password)
    repair.sign_method, repair.signer_name, repair.signer_staff = RepairSignMethod.STAFF, signer.display_name, signer
    return _close(repair, actor)


def staff_signer(project, username: str) -> User:
    """The active staff member of this project who signs by typing their user name (REPAIR-3)."""
    signer = User.objects.filter(username=(username or "").strip(), memberships__project=project,
                                 is_active=True).distinct().first()
    if signer is None:
        raise DomainError(_("No staff member of this project has that user name."), code="unknown_signer",
                          rule="REPAIR-3", details={"field": "signer_username"})
    return signer
