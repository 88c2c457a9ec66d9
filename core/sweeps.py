"""Periodic sweeps of every app, registered by the apps themselves so core depends on none of them.

Deadlines are queries; a sweep only queues notifications (idempotent per day through dedupe keys)."""
from __future__ import annotations

from typing import Callable

_SWEEPERS: dict[str, Callable[[], int]] = {}


def register(name: str, sweep_all: Callable[[], int]) -> None:
    _SWEEPERS[name] = sweep_all


def run_all() -> dict[str, int]:
    return {name: sweep() for name, sweep in _SWEEPERS.items()}
