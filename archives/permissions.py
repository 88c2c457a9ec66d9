"""Who may do what in the archive room: plain predicates used alike by the pages, the print views, the API and the
navigation (ARCH-2..4, ARCH-11). The rules themselves live in archives.services.access."""
from __future__ import annotations

from archives.services.access import (  # noqa: F401  (the names pages and the API use)
    may_grant,
    may_keep,
    may_read,
    may_see_confidential,
    require_confidential,
    require_keeper,
    require_reader,
)
from core.permissions import is_member


def read_catalogue(user, project) -> bool:
    """The general catalogue and the shelves (ARCH-2, ARCH-4)."""
    return is_member(user, project) and may_read(user, project)


def keep_archives(user, project) -> bool:
    """Filing, shelving and checks: the archivist (ARCH-3, ARCH-4)."""
    return is_member(user, project) and may_keep(user, project)


def give_permissions(user, project) -> bool:
    """The manager's permissions to see confidential archives (ARCH-11)."""
    return is_member(user, project) and may_grant(user, project)
