"""System checks for unsafe defaults (issue 14, finding 7): `manage.py runserver`/`migrate`/`check` print them
at start, `check --deploy` fails on them."""
from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from core.key_safety import DEV_SECRET, key_problems


@register()
def development_secret_in_use(app_configs=None, **kwargs) -> list:
    if settings.SECRET_KEY != DEV_SECRET:
        return []
    return [Warning(
        "PropDesk is running with the PUBLIC development secret key: sessions can be forged and ID numbers "
        "are encrypted with a key derived from it. Fine on a developer's machine; never with real data.",
        hint="Set DJANGO_SECRET_KEY and PROPDESK_FIELD_KEY, and PROPDESK_ENV=production on a real server.",
        id="propdesk.W001")]


@register(Tags.security, deploy=True)
def deployment_keys(app_configs=None, **kwargs) -> list:
    problems = key_problems(secret_key=settings.SECRET_KEY, field_key=settings.FIELD_ENCRYPTION_KEY)
    if not getattr(settings, "PRODUCTION", False):
        problems.append("PROPDESK_ENV is not production: demo data, open API docs and development keys are allowed.")
    return [Error(problem, id="propdesk.E001") for problem in problems]


@register()
def directory_mapping(app_configs=None, **kwargs) -> list:
    """PROPDESK_LDAP_GROUP_ROLES names roles PropDesk knows (core.roles.Role); a typo would grant nothing."""
    from core.roles import Role

    unknown = sorted({role for _group, role, _project in getattr(settings, "PROPDESK_LDAP_GROUP_ROLES", [])
                      if role not in Role.values})
    if not unknown:
        return []
    return [Error(f"PROPDESK_LDAP_GROUP_ROLES names unknown roles: {', '.join(unknown)}",
                  hint="Roles: " + ", ".join(Role.values), id="propdesk.E002")]
