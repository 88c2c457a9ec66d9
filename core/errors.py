"""Domain errors: a stable machine code, a message in the user's language, the rule that said no."""
from __future__ import annotations

from typing import Any

from core.labels import refusal_text


class DomainError(Exception):
    """Raised by a service when a change is refused. Nothing has been written when it is raised."""

    status = 400
    code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, rule: str | None = None,
                 clause: str | None = None, status: int | None = None, details: dict | None = None):
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.rule = rule
        self.clause = clause
        self.details = details or {}

    def as_dict(self) -> dict:
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.rule:
            body["rule"] = self.rule
        if self.clause:
            body["clause"] = str(self.clause)
        if self.details:
            body["details"] = self.details
        return body

    def __str__(self) -> str:
        return refusal_text(str(self.message), self.rule or "", str(self.clause or ""))


class NotAllowed(DomainError):
    """The actor may not do this (role, department, project, self-approval)."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The record is not in a state that allows this (already lent, already decided …)."""

    status = 409
    code = "conflict"
