"""The duty desk's measures for the monthly appraisal (STAFF-3): a late arrival at a handover counts against the
incoming person, read through core's hand-off."""
import datetime as dt

import pytest

from core import clock, handoffs
from core.testing.fixtures import PASSWORD
from duty.services import handover as svc
from duty.tests.handover_helpers import start


def measures(project, person) -> dict:
    first = clock.today().replace(day=1)
    begin = clock.day_bounds(first)[0]
    end = clock.day_bounds((first + dt.timedelta(days=32)).replace(day=1))[0]
    return {m.code: m.count for m in handoffs.appraisal_measures.gather(project, person, begin, end)["duty"]}


@pytest.mark.req("STAFF-3")
def test_a_late_arrival_at_a_handover_counts_against_the_incoming(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 3, 10), dt.time(9, 0)))
    late = start(project, users, outgoing="kfzg", incoming="kefu1", minutes=10)
    svc.check_in(handover=late, actor=users["kfzg"], password=PASSWORD)
    late.refresh_from_db()
    assert late.arrived_late
    assert measures(project, users["kefu1"]) == {"duty.late_handovers": 1, "duty.refused_handovers": 0}
    assert measures(project, users["kfzg"])["duty.late_handovers"] == 0
