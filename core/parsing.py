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
