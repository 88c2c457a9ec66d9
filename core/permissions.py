"""Plain predicates about who may do what, used by the API and the pages alike (CORE-1, CORE-2)."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from core.models import Membership, Project, User
from core.roles import HEAD_ROLES


def projects_for(user: User) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(memberships__user=user).distinct()


_EVERY_PROJECT = "*"  # in a user's role cache: every project's roles are in it, a missing one means none


def roles_in(user: User, project: Project | int) -> frozenset[str]:
    """The user's roles in a project, cached on the user object for the request (all of them at once when the
    session's user was read with them: core.auth.get_user)."""
    project_id = getattr(project, "pk", project)
    cache = _role_cache(user)
    if project_id not in cache:
        if _EVERY_PROJECT in cache:
            return frozenset()
        cache[project_id] = frozenset(
            Membership.objects.filter(user=user, project_id=project_id).values_list("role", flat=True)
        )
    return cache[project_id]


def _role_cache(user: User) -> dict:
    return memo(user, "_propdesk_roles")


def memo(user: User, name: str = "_propdesk_memo") -> dict:
    """A dict living as long as this user object — for request.user, the request: what a request asks about its
    user more than once (the navigation and the page both asking) is read once. Kept on the user itself:
    request.user is a lazy wrapper, whose own __dict__ is not the user's."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault(name, {})


def remember_every_role(user: User, pairs: str | None) -> None:
    """Cache every role of the user, given as "project:role,project:role" (read with the user in one query)."""
    cache: dict = {_EVERY_PROJECT: True}
    for pair in (pairs or "").split(","):
        if pair:
            project_id, _sep, role = pair.partition(":")
            cache.setdefault(int(project_id), set()).add(role)
    user.__dict__["_propdesk_roles"] = {k: (frozenset(v) if isinstance(v, set) else v) for k, v in cache.items()}


def member(project: Project | int, user_id: int) -> User | None:
    """A member of the project with their department, and their roles in it already known: one query where
    fetching the person and then asking roles_in() would be two. None when they hold no role there."""
    project_id = getattr(project, "pk", project)
    rows = list(Membership.objects.filter(project_id=project_id, user_id=user_id).select_related("user__department"))
    if not rows:
        return None
    user = rows[0].user
    user.__dict__.setdefault("_propdesk_roles", {})[project_id] = frozenset(row.role for row in rows)
    return user


def has_role(user: User, project: Project | int, *roles: str) -> bool:
    return bool(roles_in(user, project) & set(roles))


def is_member(user: User, project: Project | int) -> bool:
    return user.is_superuser or bool(roles_in(user, project))


def require_member(user: User, project: Project) -> None:
    """Another project's record is reported as not found: its existence is not disclosed."""
    if not is_member(user, project):
        raise NotFound(_("No such record."), code="not_found")


def require_role(user: User, project: Project, roles: list[str] | set[str], *, rule: str, clause: str = "") -> None:
    if not has_role(user, project, *roles):
        raise NotAllowed(_("Your role does not allow this."), code="role_not_allowed", rule=rule, clause=clause)


def require_policy_role(user: User, project: Project, policy_key: str, *, rule: str) -> None:
    """The user holds one of the roles the named policy lists (a superuser always does); refused naming its clause."""
    from core import policies

    if user.is_superuser:
        return
    resolved = policies.resolve(policy_key, project)
    require_role(user, project, resolved.value, rule=rule, clause=resolved.clause)


def is_department_head(user: User, project: Project, department_code: str) -> bool:
    return (user.department is not None and user.department.code == department_code
            and bool(roles_in(user, project) & HEAD_ROLES))


def in_department(user: User, department_code: str) -> bool:
    return user.department is not None and user.department.code == department_code


def staff_with_roles(project: Project | int, roles) -> list[User]:
    """Active staff holding any of these roles in the project: who a reminder or a request goes to."""
    return list(User.objects.filter(memberships__project=project, memberships__role__in=list(roles), is_active=True)
                .distinct().order_by("pk"))


def staff_in_policy_roles(project: Project, policy_key: str) -> list[User]:
    """Active staff holding a role that the named policy lists (e.g. "duty.roster.reviewer_roles")."""
    from core import policies

    return staff_with_roles(project, policies.value(policy_key, project))


def restrict(queryset: QuerySet, user: User, *, field: str = "project") -> QuerySet:
    """The rows of a queryset that belong to the user's projects (as NetBox's `restrict(user)`): every list and
    lookup starts here, so another project's record is "not found", never shown."""
    queryset = queryset.all()
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": projects_for(user)})
