"""The path converter every page uses for a record's id (issue 14, finding 4).

Django's `int` converter takes any run of digits: /entries/9999999999999999999/ reached the database, which
cannot hold the number (SQLite raised OverflowError, a server error). An `id` is at most 18 digits — every
primary key fits — and anything longer does not match the route, so the answer is a plain 404."""
from __future__ import annotations


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
