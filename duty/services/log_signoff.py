"""The 客服经理's signature on each day's log and the supervisor's daily reading (DUTY-LOG-4)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, policies, signatures
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.notifications import resolve
from core.permissions import require_role
from duty.models import DaySignoff, DutyEntry
from duty.services.log import require_log_reader
from duty.states import SignoffKind

ROLE_POLICY = {SignoffKind.MANAGER_SIGNOFF: "duty.log.signoff_roles",
               SignoffKind.SUPERVISOR_READ: "duty.log.reading_roles"}


@audit.atomic()
def sign_day(*, project: Project, day: dt.date, kind: str, signer: User, password: str | None = None,
             comment: str = "") -> DaySignoff:
    """Sign (manager) or mark as read (supervisor) one day's log, once per day and kind (DUTY-LOG-4).

    The signer signs for themselves: with their own password when given, else with the session they
    logged in with; nobody can name another signer. A day still to come cannot be signed."""
    require_log_reader(signer, project)
    if kind not in ROLE_POLICY:
        raise DomainError(_("Unknown kind of sign-off."), code="invalid_kind", rule="DUTY-LOG-4")
    roles = policies.resolve(ROLE_POLICY[kind], project)
    require_role(signer, project, roles.value, rule="DUTY-LOG-4", clause=roles.clause)
    if day > clock.today():
        raise DomainError(_("A day that has not come yet cannot be signed."), code="future_day", rule="DUTY-LOG-4")
    comment = limits.fit(DaySignoff, "comment", comment)
    if password is not None:
        # Checked before anything is written, so a wrong password leaves no half-made sign-off.
        signatures.check_credentials(person=signer, password=password)
    seen = DutyEntry.objects.filter(project=project, day=day).count()
    try:
        with transaction.atomic():
            signoff = DaySignoff.objects.create(project=project, day=day, kind=kind, signed_by=signer,
                                                signed_at=clock.now(), entries_seen=seen, comment=comment)
    except IntegrityError as exc:
        raise Conflict(_("This day's log has already been signed."), code="already_signed", rule="DUTY-LOG-4",
                       details={"day": day.isoformat(), "kind": kind}) from exc
    if password is not None:
        signatures.sign_with_credentials(target=signoff, project=project, capacity=kind, person=signer,
                                         password=password)
    else:
        signatures.sign_as_session_user(target=signoff, project=project, capacity=kind, person=signer)
    audit.record(actor=signer, action=f"duty.log.{kind}", target=signoff, project=project,
                 data={"day": day.isoformat(), "entries_seen": seen})
    resolve(subject=f"duty.log_day:{project.pk}:{day.isoformat()}", kinds=[f"duty.log.{kind}"])
    return signoff
