"""The requests page_fuzz sends to one page: wrong types, impossible dates, huge and repeated values (issue 14)."""
from __future__ import annotations

from urllib.parse import urlencode

HUGE = "x" * 100_000
WRONG = ["abc", "-1", "0", "9999999999999999999", "2026-02-30", "2026-13-01", "1.5", "²", "\x00", "<b>"]


def plan(target: dict, *, each_name: bool = True) -> list[tuple[str, str, dict | None]]:
    """(method, url, form or None) for one target: every name at once with each wrong value, each name alone
    (`each_name`: a refusal of one name cannot hide a crash on another), arrays and repeated keys, a 100 KB
    value, and the same as a posted form."""
    url, names = target["url"], target["names"]
    sep = "&" if "?" in url else "?"
    out: list[tuple[str, str, dict | None]] = [("GET", url, None)]
    if not names:
        return out
    for value in WRONG:
        out.append(("GET", url + sep + urlencode({n: value for n in names}), None))
    if each_name:
        for name in names:
            for value in ("abc", "9999999999999999999"):
                out.append(("GET", url + sep + urlencode({name: value}), None))
    arrays = "&".join(f"{n}[]=1&{n}[]=2&{n}=1&{n}=abc" for n in names)
    out.append(("GET", url + sep + arrays, None))
    # An address is at most ~4 KB (gunicorn's request line): each name in turn gets 3.5 KB there; 100 KB goes posted.
    out.extend(("GET", url + sep + urlencode({n: HUGE[:3500]}), None) for n in names[:8])
    for value in ("abc", "-1", "9999999999999999999", "2026-02-30", HUGE):
        out.append(("POST", url, {n: value for n in names}))
    out.append(("POST", url, {n: ["1", "abc", "2"] for n in names}))
    return out
