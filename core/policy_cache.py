"""Each worker's cache of policy rows (core.policies reads through it; a change to a Policy row empties it).

Its own module so that the Policy model can empty it without importing the policy service that reads the model."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings

# key -> (monotonic expiry, [(project_id, company_id, value, clause), ...]) for every scope of that key
_CACHE: dict[str, tuple[float, list[tuple]]] = {}
_CACHE_LOCK = threading.Lock()


def rows(key: str, load: Callable[[str], list[tuple]]) -> list[tuple]:
    """The rows of `key`, from the cache while fresh (POLICY_CACHE_SECONDS), else from `load`."""
    ttl = settings.POLICY_CACHE_SECONDS
    now = time.monotonic()
    hit = _CACHE.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    loaded = load(key)
    if ttl > 0:
        with _CACHE_LOCK:
            _CACHE[key] = (now + ttl, loaded)
    return loaded


def forget_cached() -> None:
    """Empty this process's policy cache (a policy row changed)."""
    with _CACHE_LOCK:
        _CACHE.clear()
