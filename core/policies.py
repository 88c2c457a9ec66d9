"""Policies as data. Apps register shipped defaults, each with the clause it comes from; an
administrator overrides them per company or per project in the admin. Services ask `resolve()`.

Every worker keeps the rows it has read for POLICY_CACHE_SECONDS (default 5): a desk action asks
for three to five policies, and reading them each time was a fifth of its queries. A change made
in this process (save, delete, queryset update) empties the cache at once and again at commit;
other workers see it within POLICY_CACHE_SECONDS. 0 turns the cache off.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import policy_cache
from core.models import Policy, Project
from core.policy_cache import forget_cached  # noqa: F401  (the name callers and tests know)


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
    project_id = getattr(project, "pk", None)
    company_id = getattr(project, "company_id", None)
    best = None
    for row in _rows(key):
        rank = 0 if row[0] is not None else (1 if row[1] is not None else 2)
        applies = (row[0] == project_id) if rank == 0 else ((row[1] == company_id) if rank == 1 else True)
        if applies and (best is None or rank < best[0]):
            best = (rank, row)
    if best is not None:
        rank, row = best
        # A copy: callers may build on the value, and the cached one is shared by every request.
        return ResolvedPolicy(key, copy.deepcopy(row[2]), row[3], ("project", "company", "default")[rank])
    if key not in _REGISTRY:
        raise KeyError(f"unknown policy {key!r}")
    default = _REGISTRY[key]
    return ResolvedPolicy(key, default.value, default.clause, "default")


def _load(key: str) -> list[tuple]:
    return list(Policy.objects.filter(key=key).values_list("project_id", "company_id", "value", "clause"))


def _rows(key: str) -> list[tuple]:
    return policy_cache.rows(key, _load)


@receiver(post_save, sender=Policy)
@receiver(post_delete, sender=Policy)
def _policy_changed(**kwargs) -> None:
    forget_cached()
    # A request in another thread may re-read the old row before this transaction commits.
    transaction.on_commit(forget_cached)


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
