"""Shared pytest fixtures: the demo world, fast hashing, API clients logged in as a role.

Imported by each app's tests/conftest.py (`from core.testing.fixtures import *`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from core.demo import World, build_world

PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def lockout_side_rows(django_db_blocker) -> Iterator[None]:
    """Wrong passwords inside a service's transaction are counted on a side connection that commits at once
    (core.lockout, PostgreSQL): the test's rollback does not undo them, so they are cleared here."""
    from core import lockout

    before = lockout.side_writes
    yield
    if lockout.side_writes == before:
        return
    from core.models import AddressThrottle, LoginThrottle

    with django_db_blocker.unblock():
        with lockout._side_connection() as alias:
            LoginThrottle.objects.using(alias).all().delete()
            AddressThrottle.objects.using(alias).all().delete()
        # Side connections stay open between uses (each thread its own, the race tests' threads too); a test's
        # database is dropped at the end of the run, which an open connection would refuse.
        lockout.close_every_side_connection()


@pytest.fixture(autouse=True)
def audit_checkpoint_dir(settings, tmp_path):
    """Each test its own audit checkpoint files: a test database's chain is rolled back after every test,
    and a checkpoint of it left behind would read as a truncated chain to the next test."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    return settings.AUDIT_CHECKPOINT_DIR


@pytest.fixture
def world(db) -> World:
    """One company, projects cuihu and binjiang, staff of every role (password PASSWORD)."""
    return build_world(password=PASSWORD)


@pytest.fixture
def project(world):
    return world.projects[0]


@pytest.fixture
def other_project(world):
    return world.projects[1]


@pytest.fixture
def users(world) -> dict:
    return world.users


@pytest.fixture
def api_as():
    """api_as(user) → an APIClient logged in as that user."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return make


def login(client, user, project):
    """The test client signed in as `user`, working in `project` (the session's chosen project)."""
    client.force_login(user)
    session = client.session
    session["project_id"] = project.pk
    session.save()
    return client


def grant_roles(user, project, *roles: str):
    """The user also holds these roles in the project (one person, two hats). Drops the per-request role cache."""
    from core.models import Membership

    for role in roles:
        Membership.objects.get_or_create(user=user, project=project, role=role)
    user.__dict__.pop("_propdesk_roles", None)
    return user


@pytest.fixture
def two_hats(project, users):
    """two_hats(username, *roles) → that demo user, now also holding the roles (separation-of-duty tests)."""

    def make(username: str, *roles: str):
        return grant_roles(users[username], project, *roles)

    return make


def table_rows(*models) -> dict:
    """Every row of these models, field by field, in primary-key order."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


@contextmanager
def unchanged(*models):
    """Assert that the block leaves these tables — and the audit trail — exactly as they were.

    Use around a refusal: `with unchanged(KeyLoan, KeySet), pytest.raises(Conflict) as err: ...`."""
    from core.models import AuditEvent, Signature

    watched = tuple(dict.fromkeys((*models, AuditEvent, Signature)))
    before = table_rows(*watched)
    yield
    after = table_rows(*watched)
    for label in before:
        assert after[label] == before[label], f"{label} changed by a refused action"


# The core tables a change always writes beside its room's own rows.
WATCHED_CORE = ("core.AuditEvent", "core.Signature", "core.Notification", "core.Attachment")


def _fields(obj) -> dict:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def db_state(app_labels, *objects) -> tuple[dict, dict]:
    """(row count of every table of these apps and WATCHED_CORE, every field of each given row)."""
    counts = {m._meta.label: m._default_manager.count()
              for app in app_labels for m in apps.get_app_config(app).get_models()}
    counts.update({label: apps.get_model(label)._default_manager.count() for label in WATCHED_CORE})
    return counts, {f"{o._meta.label}:{o.pk}": _fields(o) for o in objects}


def rows_unchanged(*app_labels) -> Callable:
    """A watch over these apps' tables: `with watch(row, ...), pytest.raises(DomainError):` — afterwards no
    watched table has gained or lost a row and the given rows read exactly as before."""

    @contextmanager
    def watch(*objects) -> Iterator[None]:
        before = db_state(app_labels, *objects)
        yield
        after = db_state(app_labels, *objects)
        assert after[0] == before[0], {k: (before[0][k], v) for k, v in after[0].items() if before[0][k] != v}
        assert after[1] == before[1]

    return watch


@pytest.fixture
def two_roles(project) -> Callable:
    """two_roles(user, *roles) → the same user also holding `roles` in the project (where roles overlap, one
    person could otherwise do both halves of a separated duty)."""

    def give(user, *roles, in_project=None):
        return grant_roles(user, in_project or project, *roles)

    return give


@pytest.fixture
def audited() -> Callable:
    """audited(action, target) → the one audit event of that action on that record (CORE-5)."""
    from core.models import AuditEvent

    def find(action: str, target):
        return AuditEvent.objects.get(action=action, target_id=str(target.pk))

    return find
