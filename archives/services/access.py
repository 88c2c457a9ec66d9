"""Who keeps, reads and sees the confidential archives (ARCH-1..4, ARCH-11): predicates and their refusing forms,
and the manager's permission for one person to see confidential archives."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from archives.models import ConfidentialGrant
from core import audit, clock, limits, policies
from core.errors import DomainError, NotAllowed
from core.models import Project, User
from core.permissions import has_role, is_member, require_member


def _in_policy(user: User, project: Project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def may_keep(user: User, project: Project) -> bool:
    return _in_policy(user, project, "archives.keeper_roles")


def may_read(user: User, project: Project) -> bool:
    return _in_policy(user, project, "archives.reader_roles")


def may_grant(user: User, project: Project) -> bool:
    return _in_policy(user, project, "archives.confidential_roles")


def may_see_confidential(user: User, project: Project) -> bool:
    """The manager's roles, or a person holding the manager's unexpired, unrevoked permission (ARCH-11)."""
    if may_grant(user, project):
        return True
    return ConfidentialGrant.objects.filter(project=project, person=user, revoked_at__isnull=True,
                                            until__gte=clock.today()).exists()


def require_keeper(user: User, project: Project) -> None:
    require_member(user, project)
    if not may_keep(user, project):
        raise NotAllowed(_("Only the archivist keeps the archives."), code="role_not_allowed", rule="ARCH-3",
                         clause=policies.resolve("archives.keeper_roles", project).clause)


def require_reader(user: User, project: Project) -> None:
    require_member(user, project)
    if not may_read(user, project):
        raise NotAllowed(_("Your role may not read the archive catalogue."), code="role_not_allowed", rule="ARCH-2",
                         clause=policies.resolve("archives.reader_roles", project).clause)


def require_confidential(user: User, project: Project) -> None:
    if not may_see_confidential(user, project):
        raise NotAllowed(_("Confidential archives are seen only with the manager's permission."),
                         code="confidential_not_allowed", rule="ARCH-11",
                         clause=policies.resolve("archives.confidential_roles", project).clause)


@audit.atomic()
def grant_confidential(*, project: Project, granted_by: User, person: User, until: dt.date,
                       reason: str) -> ConfidentialGrant:
    """The manager lets one member of staff see confidential archives until a day, for a stated reason (ARCH-11)."""
    require_member(granted_by, project)
    if not may_grant(granted_by, project):
        raise NotAllowed(_("Only the manager gives permission to see confidential archives."),
                         code="role_not_allowed", rule="ARCH-11",
                         clause=policies.resolve("archives.confidential_roles", project).clause)
    if not isinstance(person, User) or not person.is_active or not is_member(person, project):
        raise DomainError(_("Name a member of this project's staff."), code="invalid_person", rule="ARCH-11",
                          details={"field": "person"})
    longest = int(policies.value("archives.grant.max_days", project))
    today = clock.today()
    if not isinstance(until, dt.date) or until < today or until > today + dt.timedelta(days=longest):
        raise DomainError(_("The permission runs from today for at most %(days)s days.") % {"days": longest},
                          code="invalid_until", rule="ARCH-11", details={"field": "until"},
                          clause=policies.resolve("archives.grant.max_days", project).clause)
    reason = limits.fit(ConfidentialGrant, "reason", reason, required=True, rule="ARCH-11")
    grant = ConfidentialGrant.objects.create(project=project, person=person, granted_by=granted_by,
                                             granted_at=clock.now(), until=until, reason=reason)
    audit.record(actor=granted_by, action="archives.grant.given", target=grant, project=project,
                 data={"person": person.pk, "until": until.isoformat(), "reason": reason})
    return grant


@audit.atomic()
def revoke_confidential(*, grant: ConfidentialGrant, revoked_by: User) -> ConfidentialGrant:
    grant = ConfidentialGrant.objects.select_for_update().get(pk=grant.pk)
    require_member(revoked_by, grant.project)
    if not may_grant(revoked_by, grant.project):
        raise NotAllowed(_("Only the manager gives permission to see confidential archives."),
                         code="role_not_allowed", rule="ARCH-11")
    if grant.revoked_at is not None:
        raise DomainError(_("This permission was already withdrawn."), code="already_revoked", rule="ARCH-11",
                          status=409)
    grant.revoked_at = clock.now()
    grant.save(update_fields=["revoked_at"])
    audit.record(actor=revoked_by, action="archives.grant.revoked", target=grant, project=grant.project,
                 data={"person": grant.person_id})
    return grant
