"""What the site office answers for the other rooms through core's hand-offs (registered in siteoffice/apps.py)."""
from __future__ import annotations


def provide() -> None:
    """Nothing yet for fees; decoration provides the households under decoration (HOLIDAY-1) when it lands."""
