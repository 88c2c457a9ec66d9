"""Fixtures of the safety tests: the shared world, a person holding two roles, and a watch that proves a refusal
changed nothing in the safety tables (core.testing.fixtures)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *  # noqa: F401,F403
from core.testing.fixtures import rows_unchanged


@pytest.fixture
def unchanged() -> Callable:
    """`with unchanged(row, ...), pytest.raises(DomainError) as refused:` over every safety table (and duty's and
    desk's, where a finding may land)."""
    return rows_unchanged("safety", "duty", "desk")
