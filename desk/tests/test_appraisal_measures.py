"""The front desk's measures for the monthly appraisal (STAFF-3): a quality nonconformity counts against the person
responsible, read through core's hand-off."""
import datetime as dt

import pytest

from core import clock, handoffs
from desk.tests.quality_helpers import check, nc


def measures(project, person) -> dict:
    first = clock.today().replace(day=1)
    begin = clock.day_bounds(first)[0]
    end = clock.day_bounds((first + dt.timedelta(days=32)).replace(day=1))[0]
    return {m.code: (m.count, m.documents) for m in handoffs.appraisal_measures.gather(project, person, begin,
                                                                                       end)["desk"]}


@pytest.mark.req("STAFF-3")
def test_a_nonconformity_counts_against_the_person_responsible(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 3, 10), dt.time(9, 0)))
    c = check(project, users, failed=["值班记录"], rows=[nc(users, person="kefu1")])
    mine = measures(project, users["kefu1"])
    assert mine["desk.nonconformities"] == (1, (c.serial,))
    assert mine["desk.unsatisfied_visits"][0] == 0 and mine["desk.complaints_late"][0] == 0
    assert measures(project, users["kefu2"])["desk.nonconformities"][0] == 0
