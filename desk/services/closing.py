"""The close of the desk (FRONT-4; 002 篇6 §5–§9; 001 篇10 (十)): at the end of the clerk's day every desk item
locked in the desk cabinet, the front-desk keys put back (counted against the key room's ledger when it
answers `keys_on_hook`), unfinished work and desk items handed to the next clerk, named. Once a day per clerk;
never oneself as the next clerk."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit, clock, handoffs, limits, policies
from core.errors import Conflict, DomainError
from core.models import Project, User
from core.permissions import is_member
from desk.models import DeskClose, DepositStatus, Deposit, MailItem, MailStatus
from desk.services.identity import may_keep_registers, require_register_staff

RULE = "FRONT-4"


def _keys_expected(project: Project) -> int | None:
    if not handoffs.keys_on_hook.provided:
        return None
    return handoffs.keys_on_hook(project.pk, policies.value("desk.closing.key_category", project))


def close_desk(*, project: Project, clerk: User, next_clerk: User | None, cabinet_locked: bool, keys_returned: bool,
               keys_counted=None, unfinished: str = "", items_handed: str = "") -> DeskClose:
    """Close the clerk's day at the desk (FRONT-4). Refusals: already_closed, next_clerk_self,
    next_clerk_not_desk, cabinet_not_locked, keys_not_returned, keys_count_mismatch."""
    try:
        with transaction.atomic():
            return _close(project=project, clerk=clerk, next_clerk=next_clerk, cabinet_locked=cabinet_locked,
                          keys_returned=keys_returned, keys_counted=keys_counted, unfinished=unfinished,
                          items_handed=items_handed)
    except IntegrityError:
        # Two closes of one clerk's day at once: the unique constraint decides; the loser is told so.
        raise Conflict(_("You have already closed the desk today."), code="already_closed", rule=RULE) from None


def _close(*, project, clerk, next_clerk, cabinet_locked, keys_returned, keys_counted, unfinished,
           items_handed) -> DeskClose:
    require_register_staff(clerk, project, rule=RULE)
    day = clock.today()
    if DeskClose.objects.filter(project=project, clerk=clerk, day=day).exists():
        raise Conflict(_("You have already closed the desk today."), code="already_closed", rule=RULE)
    if next_clerk is None:
        raise DomainError(_("Name the clerk who takes over the desk."), code="next_clerk_required", rule=RULE,
                          details={"field": "next_clerk"})
    if next_clerk.pk == clerk.pk:
        raise DomainError(_("Hand the desk to another clerk, not to yourself."), code="next_clerk_self", rule=RULE,
                          details={"field": "next_clerk"})
    if not next_clerk.is_active or not is_member(next_clerk, project) or not may_keep_registers(next_clerk, project):
        raise DomainError(_("The next clerk must be front-desk staff of this project."), code="next_clerk_not_desk",
                          rule=RULE, details={"field": "next_clerk"})
    if cabinet_locked is not True:
        raise DomainError(_("Lock every desk item in the desk cabinet before closing: a loss from an unlocked "
                            "cabinet is the clerk's."), code="cabinet_not_locked", rule=RULE,
                          clause="002 篇6 §9", details={"field": "cabinet_locked"})
    if keys_returned is not True:
        raise DomainError(_("Put the front-desk keys back in their place before closing."), code="keys_not_returned",
                          rule=RULE, clause="002 篇6 §9", details={"field": "keys_returned"})
    counted = None
    if keys_counted not in (None, ""):
        if isinstance(keys_counted, bool) or not str(keys_counted).strip().isdigit() or int(str(keys_counted)) > 999:
            raise DomainError(_("Give the number of front-desk keys counted."), code="invalid_count", rule=RULE,
                              details={"field": "keys_counted"})
        counted = int(str(keys_counted).strip())
    expected = _keys_expected(project)
    if expected is not None and counted != expected:
        raise DomainError(_("The key ledger has %(expected)s front-desk key(s) on the hook; %(counted)s counted. "
                            "Find them before closing.") % {"expected": expected, "counted": "—" if counted is None
                                                             else counted},
                          code="keys_count_mismatch", rule=RULE, details={"field": "keys_counted"})
    close = DeskClose.objects.create(
        project=project, clerk=clerk, day=day, closed_at=clock.now(), cabinet_locked=True, keys_returned=True,
        keys_counted=counted, keys_expected=expected, next_clerk=next_clerk,
        mail_held=MailItem.objects.filter(project=project, status=MailStatus.HELD).count(),
        deposits_held=Deposit.objects.filter(project=project, status=DepositStatus.HELD).count(),
        unfinished=limits.text(unfinished, field=_("unfinished work handed over")),
        items_handed=limits.text(items_handed, field=_("desk items handed over")))
    audit.record(actor=clerk, action="desk.closing.closed", target=close, project=project,
                 data={"day": day.isoformat(), "next": next_clerk.pk, "keys": counted, "expected": expected,
                       "mail_held": close.mail_held, "deposits_held": close.deposits_held})
    return close
