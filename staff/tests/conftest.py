"""Fixtures of the staff-room tests: the shared world, a person holding two roles (core.testing.fixtures), a watch
that proves a refusal changed nothing in the staff room's tables, and a fixed Tuesday morning."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *  # noqa: F401,F403
from core.testing.fixtures import rows_unchanged
from staff.tests.helpers import MORNING, at


@pytest.fixture
def unchanged() -> Callable:
    return rows_unchanged("staff")


@pytest.fixture(autouse=True)
def morning(travel, world):
    """A Tuesday morning (Beijing); the demo staff joined long before."""
    from core.models import User

    User.objects.update(date_joined=at(MORNING.replace(year=2025)))
    return travel(at(MORNING))
