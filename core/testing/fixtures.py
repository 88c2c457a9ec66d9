"""Shared pytest fixtures: the demo world, fast hashing, API clients logged in as a role.

Imported by each app's tests/conftest.py (`from core.testing.fixtures import *`).
"""
from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.demo import World, build_world

PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
