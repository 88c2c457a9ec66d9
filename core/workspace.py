"""The workspace every room plugs into: the navigation and the figures of the morning overview.

A room registers, from its `AppConfig.ready()`, one `Room` (its links, each with the predicate that admits a user to
that page — the same predicate the page itself checks, so no link a user is shown answers 403) and any number of
`Figure`s (a count that links to its cases, for the clerk's desk, the supervisor's queue or the manager's overview).
core knows no room: it only filters and orders what the rooms registered.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from core.permissions import has_role, is_member, projects_for
from core.roles import Role

Allowed = Callable[..., bool]  # (user, project) -> bool


def member(user, project) -> bool:
    return is_member(user, project)


def roles(*names: str) -> Allowed:
    """A predicate: the user holds one of these roles in the project (a superuser always does)."""
    def allowed(user, project) -> bool:
        return user.is_superuser or has_role(user, project, *names)
    return allowed


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    allowed: Allowed = member

    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Room:
    code: str
    label: str
    order: int
    links: tuple[Link, ...]


# Who a figure is for: the clerk's desk, the supervisor's queue, the manager's overview (managers see all three).
CLERK, SUPERVISOR, MANAGER = "clerk", "supervisor", "manager"


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    room: str
    audience: str
    count: Callable[..., int]  # (project, user) -> int
    url_name: str
    allowed: Allowed = member
    query: str = ""  # appended to the link, e.g. "?state=overdue"
    alarm: bool = True  # a non-zero count is something wrong (shown red), not merely work waiting

    def url(self) -> str:
        return reverse(self.url_name) + self.query


@dataclass
class _Registry:
    rooms: dict[str, Room] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)


_REGISTRY = _Registry()


def register_room(room: Room) -> None:
    _REGISTRY.rooms[room.code] = room


def register_figure(figure: Figure) -> None:
    _REGISTRY.figures[figure.code] = figure


def navigation(user, project) -> list[tuple[Room, list[Link]]]:
    """The rooms and links this user may open in this project, rooms in their order; rooms with no link left out."""
    if project is None or not user.is_authenticated:
        return []
    shown = []
    for room in sorted(_REGISTRY.rooms.values(), key=lambda r: r.order):
        links = [link for link in room.links if link.allowed(user, project)]
        if links:
            shown.append((room, links))
    return shown


MANAGER_ROLES = frozenset({Role.SITE_MANAGER, Role.GENERAL_MANAGER})
SUPERVISOR_ROLES = frozenset({Role.CS_SUPERVISOR, Role.DEPT_HEAD})
HEAD_OFFICE_ROLES = frozenset({Role.GENERAL_MANAGER})


def audience_of(user, project) -> str:
    """Which home a user gets in a project: the manager's overview, the supervisor's queue or the clerk's desk."""
    if user.is_superuser or has_role(user, project, *MANAGER_ROLES):
        return MANAGER
    if has_role(user, project, *SUPERVISOR_ROLES):
        return SUPERVISOR
    return CLERK


def figures_for(user, project, audience: str) -> list[tuple[Figure, int]]:
    """The figures of one audience's home (a manager sees every audience's) that this user may open, counted."""
    wanted = {CLERK, SUPERVISOR, MANAGER} if audience == MANAGER else {audience}
    rooms = {room.code: room.order for room in _REGISTRY.rooms.values()}
    chosen = [f for f in _REGISTRY.figures.values() if f.audience in wanted and f.allowed(user, project)]
    chosen.sort(key=lambda f: (rooms.get(f.room, 99), f.code))
    return [(f, f.count(project, user)) for f in chosen]


def room_label(code: str) -> str:
    room = _REGISTRY.rooms.get(code)
    return str(room.label) if room else code


def company_view(user) -> tuple[list[Figure], list[tuple[object, list[int | None]]]]:
    """Head office: the manager's alarm figures of every project the user oversees, one row a project; a figure the
    user may not open in a project is None there."""
    counted = []
    for project in projects_for(user).order_by("name"):
        if user.is_superuser or has_role(user, project, *HEAD_OFFICE_ROLES):
            counted.append((project, {f.code: (f, n) for f, n in figures_for(user, project, MANAGER) if f.alarm}))
    columns: dict[str, Figure] = {}
    for _project, found in counted:
        for code, (figure, _n) in found.items():
            columns.setdefault(code, figure)
    rows = [(project, [found[code][1] if code in found else None for code in columns]) for project, found in counted]
    return list(columns.values()), rows


def sees_company_view(user) -> bool:
    return user.is_superuser or any(has_role(user, p, *HEAD_OFFICE_ROLES) for p in projects_for(user))
