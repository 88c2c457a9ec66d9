"""Periodic sweeps of the key room. Deadlines are queries on due_at; a sweep only notifies (DESIGN)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project, User
from core.notifications import notify
from keys.selectors import loans as selectors


def _custodians(project: Project, department: str) -> list[User]:
    roles = policies.value("keys.issuers", project)["roles"]
    return list(User.objects.filter(memberships__project=project, memberships__role__in=roles,
                                    department__code=department, is_active=True).distinct())


@transaction.atomic
def sweep_project(project: Project) -> int:
    """Overdue keys → holder and custodians (KEY-LOAN-7); emergency paperwork past due → applicant (KEY-LOAN-4)."""
    sent = 0
    day = clock.today().isoformat()
    for loan in selectors.overdue_loans(project=project):
        title = _("Key %(number)s is overdue (due %(due)s)") % {
            "number": loan.key.number, "due": clock.beijing(loan.due_at).strftime("%Y-%m-%d %H:%M")}
        department = policies.value(f"keys.custodian.{loan.category}", project)
        for person in {loan.holder, *_custodians(project, department)}:
            sent += notify(project=project, recipient=person, kind="keys.overdue", title=title,
                           link=f"/keys/loans/{loan.pk}/", subject=f"keys.loan:{loan.pk}",
                           dedupe_key=f"keys.overdue:{loan.pk}:{person.pk}:{day}")
    now = clock.now()
    for loan in selectors.emergency_paperwork_open(project=project).filter(paperwork_due_at__lt=now):
        title = _("Complete the paperwork of emergency loan %(serial)s") % {"serial": loan.serial}
        sent += notify(project=project, recipient=loan.applicant, kind="keys.paperwork", title=title,
                       link=f"/keys/loans/{loan.pk}/", subject=f"keys.loan:{loan.pk}",
                       dedupe_key=f"keys.paperwork:{loan.pk}:{day}")
    return sent
