"""Who may do what at the front desk: plain predicates (may_…) and their refusing forms (require_…), used alike
by the pages, the print views, the API and the navigation (CORE-2, CORE-3)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import policies
from core.errors import NotAllowed
from core.masking import mask_phone
from core.models import User
from core.permissions import has_role, is_member, require_member
from desk.models import Complaint, ReturnVisit
from desk.services import complaints as complaint_service
from desk.services import intake as intake_service
from desk.services import lost as lost_service
from desk.services import paid as paid_service
from desk.services import passes as pass_service
from desk.services import passes_gate
from desk.services import quality as quality_service
from desk.services import repairs as repair_service
from desk.services import visits as visit_service


def may_see_complaint_phone(user, project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("core.pii.reveal_roles", project))


def shown_complaint_phone(user, complaint: Complaint) -> str:
    return complaint.phone if may_see_complaint_phone(user, complaint.project) else mask_phone(complaint.phone)


def require_complaint_reader(user, project) -> None:
    require_member(user, project)
    if not complaint_service.may_read_all(user, project):
        raise NotAllowed(_("Your role may not read the complaint register."), code="role_not_allowed",
                         rule="COMPLAINT-2", clause=policies.resolve("desk.complaints.reader_roles", project).clause)


def require_paid_staff(user, project) -> None:
    require_member(user, project)
    if not paid_service.may_handle(user, project):
        raise NotAllowed(_("Your role may not handle paid services."), code="role_not_allowed", rule="SERVICE-1",
                         clause=policies.resolve("desk.paid.staff_roles", project).clause)


REPAIR_VIEW_POLICIES = ("desk.repairs.issuer_roles", "desk.repairs.public_signer_roles")


def may_view_repairs(user: User, project) -> bool:
    if user.is_superuser:
        return True
    if not is_member(user, project):
        return False
    return (any(has_role(user, project, *policies.value(key, project)) for key in REPAIR_VIEW_POLICIES)
            or repair_service.is_technician(user, project))


def require_repairs_viewer(user: User, project) -> None:
    if not may_view_repairs(user, project):
        raise NotAllowed(_("Your role may not see the repairs register."), code="not_repairs_staff",
                         rule="REPAIR-5", clause=policies.resolve("desk.repairs.issuer_roles", project).clause)


def require_quality_reader(user, project) -> None:
    require_member(user, project)
    if not quality_service.may(user, project, "desk.quality.reader_roles"):
        raise NotAllowed(_("Your role may not read the quality-check records."), code="role_not_allowed",
                         rule="QUALITY-1", clause=policies.resolve("desk.quality.reader_roles", project).clause)


def may_see_visit_phone(user, visit: ReturnVisit) -> bool:
    """Roles that may see phones (core.pii.reveal_roles) and the visit's named visitors, who call the resident."""
    return (user.is_superuser or has_role(user, visit.project, *policies.value("core.pii.reveal_roles", visit.project))
            or user.pk in (visit.assignee_id, visit.co_assignee_id))


def shown_visit_phone(user, visit: ReturnVisit) -> str:
    return visit.closure.phone if may_see_visit_phone(user, visit) else mask_phone(visit.closure.phone)


# --- Who works in which register of the front desk (the navigation asks the same checks the pages make) ---------
def work_the_desk(user, project) -> bool:
    """Contacts, registers of the day: the front-desk staff the policy names (DESK-INTAKE-1)."""
    return intake_service.is_desk_staff(user, project)


def handle_paid_services(user, project) -> bool:
    return paid_service.may_handle(user, project)


def read_complaint_figures(user, project) -> bool:
    """Statistics and summaries, and the timers of every complaint (COMPLAINT-2)."""
    return complaint_service.may_read_all(user, project)


def read_visits(user, project) -> bool:
    """Return visits and the compliance view (VISIT-3)."""
    return is_member(user, project) and visit_service.may_read_visits(user, project)


def review_visits(user, project) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value("desk.visits.supervisor_roles", project))


def read_quality_checks(user, project) -> bool:
    return is_member(user, project) and quality_service.may(user, project, "desk.quality.reader_roles")


# --- The desk's daily registers: visitors, mail, items for others, close (FRONT-1..4) ---------------------------
def keep_registers(user, project) -> bool:
    from desk.services.identity import may_keep_registers

    return is_member(user, project) and may_keep_registers(user, project)


def require_registers(user, project) -> None:
    from desk.services.identity import require_register_staff

    require_register_staff(user, project, rule="FRONT-1")


def decide_deposits(user, project) -> bool:
    """Who may decide a step of an item-for-others approval (the policy's roles)."""
    steps = policies.value("desk.deposits.approval", project)
    return user.is_superuser or any(has_role(user, project, *s.get("roles", [])) for s in steps)


def decide_or_keep_deposits(user, project) -> bool:
    """The items-for-others register: the desk keeps it, the approvers read it to decide."""
    return is_member(user, project) and (decide_deposits(user, project) or keep_registers(user, project))
# --- Goods-release and access passes, the gate, lost property (PASS-1, LOST-1) ------------------------------------
def issue_passes(user, project) -> bool:
    return is_member(user, project) and pass_service.may_issue(user, project)


def require_pass_issuer(user, project) -> None:
    pass_service.require_issuer(user, project)


def check_at_gate(user, project) -> bool:
    return is_member(user, project) and passes_gate.may_check(user, project)


def require_gate(user, project) -> None:
    passes_gate.require_guard(user, project)


def keep_lost_property(user, project) -> bool:
    return is_member(user, project) and (lost_service.may_keep(user, project)
                                         or lost_service.may_dispose(user, project))


def require_lost_keeper(user, project) -> None:
    require_member(user, project)
    if not keep_lost_property(user, project):
        raise NotAllowed(_("Your role may not keep the lost-property register."), code="role_not_allowed",
                         rule="LOST-1", clause=policies.resolve("desk.lost.keeper_roles", project).clause)
