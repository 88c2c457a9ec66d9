"""Policies as data. Apps register shipped defaults, each with the clause it comes from; an
administrator overrides them per company or per project in the admin. Services ask `resolve()`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from core.models import Policy, Project


@dataclass(frozen=True)
class PolicyDefault:
    key: str
    value: Any
    clause: str
    description: str = ""


@dataclass(frozen=True)
class ResolvedPolicy:
    key: str
    value: Any
    clause: str
    scope: str  # "project", "company" or "default"


_REGISTRY: dict[str, PolicyDefault] = {}


def register(*defaults: PolicyDefault) -> None:
    for item in defaults:
        _REGISTRY[item.key] = item


def registered() -> dict[str, PolicyDefault]:
    return dict(_REGISTRY)


def resolve(key: str, project: Project | None) -> ResolvedPolicy:
    """The most specific policy row for this project, falling back to the shipped default."""
    # One query for the three scopes; the most specific row wins.
    scopes = Q(company__isnull=True, project__isnull=True)
    if project is not None:
        scopes |= Q(project=project) | Q(company_id=project.company_id, project__isnull=True)
    rows = list(Policy.objects.filter(scopes, key=key).only("project_id", "company_id", "value", "clause"))
    if rows:
        row = min(rows, key=lambda r: 0 if r.project_id else (1 if r.company_id else 2))
        scope = "project" if row.project_id else ("company" if row.company_id else "default")
        return ResolvedPolicy(key, row.value, row.clause, scope)
    if key not in _REGISTRY:
        raise KeyError(f"unknown policy {key!r}")
    default = _REGISTRY[key]
    return ResolvedPolicy(key, default.value, default.clause, "default")


def value(key: str, project: Project | None) -> Any:
    return resolve(key, project).value


def seed_defaults() -> int:
    """Write every registered default as an editable row (idempotent). Returns rows created."""
    created = 0
    for item in _REGISTRY.values():
        _, was_created = Policy.objects.get_or_create(
            key=item.key, company=None, project=None,
            defaults={"value": item.value, "clause": item.clause, "description": item.description},
        )
        created += int(was_created)
    return created
