"""Reading numbers typed into forms and query strings, which are never trusted."""
from __future__ import annotations

from django.utils.dateparse import parse_date


def is_int(value) -> bool:
    """Plain ASCII digits small enough for every database's integer column.

    str.isdigit() alone accepts "²" or "١٢" (int() then raises) and 30-digit strings (the database then
    overflows): both would be a server error instead of a clear refusal."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 9


def safe_date(value):
    """A date from user input, or None when missing or impossible (never a 500)."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def safe_int(value, default=None, *, low: int | None = None, high: int | None = None):
    """An id, count or year from user input, or `default` when it is missing, not plain digits, too big for a
    database integer or outside [low, high] ("abc", "-1", "9999999999999999999", "²" are never a 500)."""
    text = "" if value is None else str(value).strip()
    if not is_int(text):
        return default
    number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return default
    return number


def safe_year(value, default: int) -> int:
    """A calendar year a page may show (1900–2999); anything else is the default."""
    return safe_int(value, default, low=1900, high=2999)


def local_path(target, request) -> str | None:
    """A `next` address the user may be sent back to: a path on this site, never another host or a bare word
    (redirect("abc") would be read as a view name and fail)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = str(target or "")
    if not target.startswith("/") or target.startswith("//"):
        return None
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return None
    return target
