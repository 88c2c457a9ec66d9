"""What the site office answers for the other rooms through core's hand-offs (registered in siteoffice/apps.py):
the households under decoration, from the permits, for the duty desk's holiday calls (HOLIDAY-1, DECOR-2)."""
from __future__ import annotations

import datetime as dt

from core import handoffs


def households_under_decoration(project, start: dt.date, end: dt.date | None = None
                                ) -> list[handoffs.DecoratingHousehold]:
    from siteoffice.selectors.decoration import under_decoration

    return [handoffs.DecoratingHousehold(unit=d.unit, contact_name=d.owner_name, contact_phone=d.owner_phone,
                                         contractor=d.contractor, starts=d.starts, ends=d.ends,
                                         source=f"siteoffice.decoration:{d.pk}", registered_by=d.applied_by)
            for d in under_decoration(project=project, start=start, end=end)[:500]]


def provide() -> None:
    handoffs.households_under_decoration.provide(households_under_decoration, owner="siteoffice")
