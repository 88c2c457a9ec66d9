"""Fixtures of the site-office tests: the shared world, a person holding two roles, the audit event of a flow
(core.testing.fixtures), and a watch that proves a refusal changed nothing in the site office's tables."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *  # noqa: F401,F403
from core.testing.fixtures import rows_unchanged


@pytest.fixture
def unchanged() -> Callable:
    """`with unchanged(row, ...), pytest.raises(DomainError) as refused:` over every site-office table."""
    return rows_unchanged("siteoffice")
