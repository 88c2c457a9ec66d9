"""What every channel adapter shares: the outcome of one send and a small JSON-over-HTTP client."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class SendFailed(Exception):
    """The provider did not take the message. `retry` says whether trying again later may succeed
    (rate limit, time-out, server error) or not (a bad key, a template the provider does not know)."""

    def __init__(self, message: str, *, retry: bool = True, rate_limited: bool = False) -> None:
        super().__init__(message)
        self.retry = retry
        self.rate_limited = rate_limited


class RateLimited(SendFailed):
    def __init__(self, message: str) -> None:
        super().__init__(message, retry=True, rate_limited=True)


TIMEOUT_SECONDS = 10


def http_json(url: str, *, body: dict | None = None, headers: dict | None = None, method: str = "POST",
              data: bytes | None = None) -> Any:
    """Send one request and answer the provider's JSON reply. HTTP 429 is a rate limit, 5xx and network
    trouble are worth a retry, other 4xx are not."""
    payload = data if data is not None else (json.dumps(body, ensure_ascii=False).encode("utf-8")
                                             if body is not None else None)
    request = urllib.request.Request(url, data=payload, method=method,
                                     headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        if error.code == 429:
            raise RateLimited(f"HTTP 429 from {url}") from error
        raise SendFailed(f"HTTP {error.code} from {url}", retry=error.code >= 500) from error
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        raise SendFailed(f"cannot reach {url}: {error}") from error
    try:
        return json.loads(raw.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError) as error:
        raise SendFailed(f"unreadable answer from {url}") from error


def secret(config: dict, name: str) -> str:
    """A key from the channel's configuration: given directly, or named as an environment variable
    (`<name>_env`), so that a policy row need not hold the secret itself."""
    import os

    if config.get(f"{name}_env"):
        return os.environ.get(config[f"{name}_env"], "")
    return str(config.get(name, ""))
