"""Shared pytest fixtures: the demo world, fast hashing, API clients logged in as a role.

Imported by each app's tests/conftest.py (`from core.testing.fixtures import *`).
"""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from rest_framework.test import APIClient

from core.demo import World, build_world

PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
