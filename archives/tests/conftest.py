"""Fixtures of the archive-room tests: the shared world, a person holding two roles, the audit event of a flow
(core.testing.fixtures), and a watch that proves a refusal changed nothing in the archive room's tables."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *  # noqa: F401,F403
from core.testing.fixtures import rows_unchanged


@pytest.fixture
def unchanged() -> Callable:
    """`with unchanged(row, ...), pytest.raises(DomainError) as refused:` over every archive-room table."""
    return rows_unchanged("archives")
