"""Fixtures of the duty-desk tests: the shared world (core.testing.fixtures), a person holding two roles, and a
watch that proves a refusal changed nothing in the database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps

from core.models import Membership
from core.testing.fixtures import *  # noqa: F401,F403

# Every table of the two rooms a refusal could touch, and the core tables a change always writes with it.
WATCHED_APPS = ("duty", "desk")
WATCHED_CORE = ("core.AuditEvent", "core.Signature", "core.Notification", "core.Attachment")


def _fields(obj) -> dict:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def db_state(*objects) -> tuple[dict, dict]:
    """(row count of every watched table, every field of each given row) — equal before and after a refusal."""
    counts = {m._meta.label: m._default_manager.count()
              for app in WATCHED_APPS for m in apps.get_app_config(app).get_models()}
    counts.update({label: apps.get_model(label)._default_manager.count() for label in WATCHED_CORE})
    return counts, {f"{o._meta.label}:{o.pk}": _fields(o) for o in objects}


@pytest.fixture
def unchanged() -> Callable:
    """`with unchanged(row, ...), pytest.raises(DomainError) as refused:` — afterwards no watched table has
    gained or lost a row and the given rows read exactly as before."""

    @contextmanager
    def watch(*objects) -> Iterator[None]:
        before = db_state(*objects)
        yield
        after = db_state(*objects)
        assert after[0] == before[0], {k: (before[0][k], v) for k, v in after[0].items() if before[0][k] != v}
        assert after[1] == before[1]

    return watch


@pytest.fixture
def two_roles(project) -> Callable:
    """two_roles(user, *roles) → the same user also holding `roles` in the project (where roles overlap, one
    person could otherwise do both halves of a separated duty)."""

    def give(user, *roles, in_project=None):
        for role in roles:
            Membership.objects.get_or_create(user=user, project=in_project or project, role=role)
        user.__dict__.pop("_propdesk_roles", None)  # the per-request role cache
        return user

    return give


@pytest.fixture
def audited() -> Callable:
    """audited(action, target) → the one audit event of that action on that record (CORE-5)."""
    from core.models import AuditEvent

    def find(action: str, target):
        return AuditEvent.objects.get(action=action, target_id=str(target.pk))

    return find
