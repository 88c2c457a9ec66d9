"""Sign-in with the company directory (LDAP / Active Directory) through django-auth-ldap (issue 22).

Off unless PROPDESK_LDAP_URI is set (core/directory_config.py reads the environment). When on, a password is
first checked by binding to the directory as the person (core.auth.LockoutModelBackend does this inside the
same counted attempt as a local password, so the lockout and its audit apply alike); a name the directory does
not know, or a wrong directory password, falls back to the local account, so local accounts keep working.

The directory decides a directory user's PropDesk roles: at every sign-in their project memberships (CORE-1,
CORE-2) become exactly what their groups map to (PROPDESK_LDAP_GROUP_ROLES × PROPDESK_LDAP_GROUP_PROJECTS);
memberships that no group grants any more are removed, and the change is written to the audit trail. A
directory account whose groups grant no role signs in to nothing: the sign-in is refused like a wrong
password (and counted), and its memberships are gone. A deactivated account stays deactivated.
"""
from __future__ import annotations

import logging

from django.conf import settings

from core import audit
from core.models import Company, Membership, Project, User
from core.roles import Role

log = logging.getLogger("propdesk.security")

ROLES_SYNCED = "core.login.directory_roles"


def enabled() -> bool:
    return bool(getattr(settings, "AUTH_LDAP_SERVER_URI", ""))


def _backend():
    from django_auth_ldap.backend import LDAPBackend

    return LDAPBackend()


def bind(request, username: str, password: str) -> User | None:
    """The directory's user for this name and password (created or updated from the directory), else None."""
    if not enabled() or not username or not password:
        return None
    user = _backend().authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        return None
    return user


def authenticate(request, username: str, password: str) -> User | None:
    """Sign-in: a directory bind, then the person's memberships follow their groups. None when refused."""
    user = bind(request, username, password)
    if user is None:
        return None
    ldap_user = getattr(user, "ldap_user", None)
    groups = set(ldap_user.group_names) if ldap_user is not None else set()
    held = sync_memberships(user, groups)
    if not held and not user.is_superuser:
        log.warning("directory sign-in of %s refused: no PropDesk role in groups %s", username, sorted(groups))
        return None
    return user


def check_password(person: User, password: str) -> bool:
    """A signature by password from a directory user: the directory's password of exactly this person."""
    user = bind(None, person.get_username(), password)
    return user is not None and user.pk == person.pk


# --- Groups to roles and projects ----------------------------------------------------------------
def _company() -> Company | None:
    code = getattr(settings, "PROPDESK_LDAP_COMPANY", "")
    if code:
        return Company.objects.filter(code=code).first()
    companies = list(Company.objects.all()[:2])
    return companies[0] if len(companies) == 1 else None


def wanted_memberships(groups: set[str], company: Company | None) -> set[tuple[int, str]]:
    """(project id, role) pairs the groups grant."""
    if company is None:
        return set()
    names = {g.lower() for g in groups}
    projects = {p.code: p.pk for p in Project.objects.filter(company=company)}
    in_projects: set[int] = set()
    for group, code in getattr(settings, "PROPDESK_LDAP_GROUP_PROJECTS", []):
        if group in names:
            in_projects |= set(projects.values()) if code == "*" else ({projects[code]} if code in projects else set())
    valid_roles = set(Role.values)
    wanted: set[tuple[int, str]] = set()
    for group, role, code in getattr(settings, "PROPDESK_LDAP_GROUP_ROLES", []):
        if group not in names or role not in valid_roles:
            continue
        if code:
            if code in projects:
                wanted.add((projects[code], role))
        else:
            wanted |= {(project_id, role) for project_id in in_projects}
    return wanted


@audit.atomic()
def sync_memberships(user: User, groups: set[str]) -> set[tuple[int, str]]:
    """Make the user's memberships exactly what the groups grant; answer what they hold now."""
    company = _company()
    wanted = wanted_memberships(groups, company)
    held = set(Membership.objects.filter(user=user).values_list("project_id", "role"))
    added, removed = sorted(wanted - held), sorted(held - wanted)
    for project_id, role in removed:
        Membership.objects.filter(user=user, project_id=project_id, role=role).delete()
    Membership.objects.bulk_create([Membership(user=user, project_id=p, role=r) for p, r in added])
    if company is not None and user.company_id is None:
        User.objects.filter(pk=user.pk).update(company=company)
        user.company = company
    if added or removed:
        audit.record(actor=user, action=ROLES_SYNCED, target=user,
                     data={"added": [f"{p}:{r}" for p, r in added], "removed": [f"{p}:{r}" for p, r in removed],
                           "groups": sorted(groups)[:50]})
    return wanted
