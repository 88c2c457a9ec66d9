"""Who works where at the duty desk: plain predicates (user, project) -> bool, the same checks the pages and the
services make, used by the navigation and the overview (CORE-2)."""
from __future__ import annotations

from core import policies
from core.permissions import has_role, in_department, is_member
from duty.selectors.attendance import may_prepare
from duty.services.handover import is_supervisor
from duty.services.log import may_read_log


def read_the_log(user, project) -> bool:
    """The duty log and its events are read by the roles the policy names (DUTY-LOG-5)."""
    return may_read_log(user, project)


def sign_the_log(user, project) -> bool:
    """The manager signs the day's log (DUTY-LOG-4)."""
    return user.is_superuser or has_role(user, project, *policies.value("duty.log.signoff_roles", project))


def supervise(user, project) -> bool:
    """The customer-service supervisor: rosters to review, the day's attendance flags (ROSTER-1, ATTEND-2)."""
    return is_supervisor(user, project)


def prepare_attendance(user, project) -> bool:
    """The designated clerk or the supervisor prepares the monthly attendance report (ATTEND-1)."""
    return may_prepare(user, project)


def read_attendance_reports(user, project) -> bool:
    """Who prepares the report and the HR department it goes to (ATTEND-1)."""
    return may_prepare(user, project) or in_department(user, policies.value("duty.attendance.hr_department", project))


def take_shifts(user, project) -> bool:
    """Any member of the project: hand over, clock in, see the roster and the holiday arrangements."""
    return is_member(user, project)
