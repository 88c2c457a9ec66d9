"""Fixtures of the store-room tests: the shared world, the demo catalogue and warehouses, and a watch that proves a
refusal changed nothing in the store room's tables."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *  # noqa: F401,F403
from core.testing.fixtures import rows_unchanged
from stores.tests.helpers import MORNING, at


@pytest.fixture
def unchanged() -> Callable:
    return rows_unchanged("stores")


@pytest.fixture
def items(world):
    from stores.demo.stock import catalogue
    return catalogue(world.company)


@pytest.fixture
def ws(project):
    from stores.demo.stock import warehouses
    return warehouses(project)


@pytest.fixture
def site(ws):
    return ws["site"]


@pytest.fixture
def morning(travel):
    return travel(at(MORNING))
