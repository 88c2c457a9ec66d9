"""What the archive room's API areas share: a strict id, the projects a list covers, the project a request names."""
from __future__ import annotations

from core.errors import DomainError
from core.parsing import is_int
from core.web.api import StrictIdField, listed_projects  # noqa: F401  (this area's modules import them from here)


def query_int(request, name: str) -> int | None:
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    if not is_int(raw):
        raise DomainError("Invalid number.", code="invalid", details={"field": name})
    return int(raw)
