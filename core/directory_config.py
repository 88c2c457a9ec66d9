"""Settings for sign-in with the company directory (LDAP / Active Directory), read from the environment.

config/settings.py calls `from_env(os.environ)`: it answers the django-auth-ldap settings (AUTH_LDAP_*) and
PropDesk's own mapping of directory groups to roles and projects (PROPDESK_LDAP_*). With PROPDESK_LDAP_URI empty
(the default) directory sign-in is off and django-auth-ldap is not even imported, so a machine without it (and
without the OpenLDAP headers python-ldap compiles against) runs PropDesk as before. Nothing here touches the
database; core/directory.py does the sign-in and the mapping.

Mappings are `;`-separated `group=value` pairs, the group named by its common name (cn) as the directory lists it
(compared without regard to case):

    PROPDESK_LDAP_GROUP_ROLES="pd-kefu=cs_assistant; pd-kfzg=cs_supervisor; pd-east-keys=key_keeper@east"
    PROPDESK_LDAP_GROUP_PROJECTS="pd-hq=hq; pd-all=*"

A role without `@project` is held in every project the person's project groups name (`*` = every project of the
company); `role@code` holds it in that project only.
"""
from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

GROUP_TYPES = ("groupOfNames", "groupOfUniqueNames", "posixGroup", "activeDirectory", "nestedActiveDirectory")
ALL_PROJECTS = "*"


def _pairs(text: str, name: str) -> list[tuple[str, str]]:
    pairs = []
    for entry in (text or "").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        group, sep, value = entry.rpartition("=")
        if not sep or not group.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: '{entry}' is not group=value")
        pairs.append((group.strip().lower(), value.strip()))
    return pairs


def role_map(text: str) -> list[tuple[str, str, str]]:
    """PROPDESK_LDAP_GROUP_ROLES -> [(group, role, project code or "")]."""
    out = []
    for group, value in _pairs(text, "PROPDESK_LDAP_GROUP_ROLES"):
        role, _at, project = value.partition("@")
        out.append((group, role.strip(), project.strip()))
    return out


def project_map(text: str) -> list[tuple[str, str]]:
    """PROPDESK_LDAP_GROUP_PROJECTS -> [(group, project code or "*")]."""
    return _pairs(text, "PROPDESK_LDAP_GROUP_PROJECTS")


def _group_type(name: str):
    from django_auth_ldap import config

    types = {
        "groupofnames": lambda: config.GroupOfNamesType(name_attr="cn"),
        "groupofuniquenames": lambda: config.GroupOfUniqueNamesType(name_attr="cn"),
        "posixgroup": lambda: config.PosixGroupType(name_attr="cn"),
        "activedirectory": lambda: config.ActiveDirectoryGroupType(name_attr="cn"),
        "nestedactivedirectory": lambda: config.NestedActiveDirectoryGroupType(name_attr="cn"),
    }
    try:
        return types[name.strip().lower()]()
    except KeyError:
        raise ImproperlyConfigured(f"PROPDESK_LDAP_GROUP_TYPE must be one of {', '.join(GROUP_TYPES)}") from None


def from_env(env: Mapping[str, str]) -> dict:
    """The settings for config/settings.py (every name it answers is set there, empty when the directory is off)."""
    uri = (env.get("PROPDESK_LDAP_URI") or "").strip()
    out = {
        "AUTH_LDAP_SERVER_URI": uri,
        "PROPDESK_LDAP_GROUP_ROLES": role_map(env.get("PROPDESK_LDAP_GROUP_ROLES", "")),
        "PROPDESK_LDAP_GROUP_PROJECTS": project_map(env.get("PROPDESK_LDAP_GROUP_PROJECTS", "")),
        "PROPDESK_LDAP_COMPANY": (env.get("PROPDESK_LDAP_COMPANY") or "").strip(),
    }
    if not uri:
        return out
    try:
        import ldap
        from django_auth_ldap.config import LDAPSearch
    except ImportError as exc:
        raise ImproperlyConfigured(
            "PROPDESK_LDAP_URI is set but django-auth-ldap is not installed: apt-get install libldap2-dev "
            "libsasl2-dev, then pip install -r requirements-ldap.txt (deploy/README.md).") from exc
    user_base = (env.get("PROPDESK_LDAP_USER_BASE") or "").strip()
    if not user_base:
        raise ImproperlyConfigured("PROPDESK_LDAP_URI is set: PROPDESK_LDAP_USER_BASE is needed too.")
    user_filter = (env.get("PROPDESK_LDAP_USER_FILTER") or "(uid=%(user)s)").strip()
    group_base = (env.get("PROPDESK_LDAP_GROUP_BASE") or user_base).strip()
    group_type = env.get("PROPDESK_LDAP_GROUP_TYPE") or "groupOfNames"
    default_group_filter = {"posixgroup": "(objectClass=posixGroup)", "activedirectory": "(objectClass=group)",
                            "nestedactivedirectory": "(objectClass=group)",
                            "groupofuniquenames": "(objectClass=groupOfUniqueNames)"}
    group_filter = (env.get("PROPDESK_LDAP_GROUP_FILTER")
                    or default_group_filter.get(group_type.strip().lower(), "(objectClass=groupOfNames)"))
    timeout = int(env.get("PROPDESK_LDAP_TIMEOUT_SECONDS") or 5)
    out.update({
        "AUTH_LDAP_BIND_DN": env.get("PROPDESK_LDAP_BIND_DN", ""),
        "AUTH_LDAP_BIND_PASSWORD": env.get("PROPDESK_LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_START_TLS": (env.get("PROPDESK_LDAP_START_TLS") or "").strip().lower() in {"1", "true", "yes"},
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(user_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(group_base, ldap.SCOPE_SUBTREE, group_filter),
        "AUTH_LDAP_GROUP_TYPE": _group_type(group_type),
        "AUTH_LDAP_REQUIRE_GROUP": (env.get("PROPDESK_LDAP_REQUIRE_GROUP") or "").strip() or None,
        "AUTH_LDAP_USER_ATTR_MAP": {
            "full_name": env.get("PROPDESK_LDAP_NAME_ATTR") or "cn",
            "email": env.get("PROPDESK_LDAP_EMAIL_ATTR") or "mail",
        },
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CONNECTION_OPTIONS": {ldap.OPT_NETWORK_TIMEOUT: timeout, ldap.OPT_TIMEOUT: timeout,
                                         ldap.OPT_REFERRALS: 0},
    })
    return out
