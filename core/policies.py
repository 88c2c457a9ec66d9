"""Policies as data. Apps register shipped defaults, each with the clause it comes from; an
administrator overrides them per company or per project in the admin. Services ask `resolve()`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    rows = Policy.objects.filter(key=key)
    if project is not None:
        row = rows.filter(project=project).first() or rows.filter(company_id=project.company_id, project__isnull=True).first()
        if row is not None:
            return ResolvedPolicy(key, row.value, row.clause, "project" if row.project_id else "company")
    row = rows.filter(company__isnull=True, project__isnull=True).first()
    if row is not None:
        return ResolvedPolicy(key, row.value, row.clause, "default")
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
