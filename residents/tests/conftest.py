"""Fixtures of the residents' tests: the shared world, a watch that proves a refusal changed nothing."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing.fixtures import *
from core.testing.fixtures import rows_unchanged


@pytest.fixture
def unchanged() -> Callable:
    """`with unchanged(row, ...), pytest.raises(DomainError):` over the residents', desk's and core's tables."""
    return rows_unchanged("residents", "desk")


@pytest.fixture
def sms_file(settings, tmp_path):
    """The demo's SMS channel (console → a file) for every company: what a resident's phone would receive."""
    path = tmp_path / "sms.log"
    settings.VAR_DIR = tmp_path
    return path
