"""The supervisor's daily check of dress, appearance and work, one tap per item on a phone (STAFF-2; 003 篇11
§4.1.1 客服主管每天至少检查一次; 003 篇12 《工作日记》)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits
from core.errors import DomainError
from core.models import Project, User
from core.retention import retain_until
from staff.models import DailyCheck
from staff.permissions import is_staff_member, require_checker

RULE = "STAFF-2"


@transaction.atomic
def record_check(*, project: Project, by: User, person: User | None, dress_ok: bool, appearance_ok: bool,
                 work_ok: bool, note: str = "") -> DailyCheck:
    """Today's check of one staff member, at the server's time. A fault needs a note of what was wrong."""
    require_checker(by, project)
    if person is None or not person.is_active or not is_staff_member(person, project):
        raise DomainError(_("Choose a staff member of this project."), code="invalid_choice", rule=RULE,
                          details={"field": "person"})
    if person.pk == by.pk:
        raise DomainError(_("Nobody checks themselves."), code="same_person", rule=RULE)
    flags = [bool(dress_ok), bool(appearance_ok), bool(work_ok)]
    note = limits.fit(DailyCheck, "note", note, required=not all(flags), rule=RULE)
    now = clock.now()
    check = DailyCheck.objects.create(project=project, person=person, day=clock.beijing(now).date(),
                                      dress_ok=flags[0], appearance_ok=flags[1], work_ok=flags[2], note=note,
                                      checked_by=by, checked_at=now, retain_until=retain_until(1))
    audit.record(actor=by, action="staff.daily_check.recorded", target=check, project=project,
                 data={"person": person.pk, "dress": flags[0], "appearance": flags[1], "work": flags[2],
                       "note": note})
    return check
