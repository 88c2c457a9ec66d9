"""The key room's measure for the monthly appraisal (STAFF-3): keys a person held past their due time, counted in
the month the key fell due, read through core's hand-off."""
import datetime as dt

import pytest

from core import clock, handoffs
from core.testing.fixtures import PASSWORD
from keys.categories import Category
from keys.services import desk
from keys.tests.helpers import lend, make_key

DAY = dt.date(2026, 3, 10)


def overdue(project, person, month: dt.date) -> handoffs.Measure:
    first = month.replace(day=1)
    start = clock.day_bounds(first)[0]
    end = clock.day_bounds((first + dt.timedelta(days=32)).replace(day=1))[0]
    found = handoffs.appraisal_measures.gather(project, person, start, end)["keys"]
    return next(m for m in found if m.code == "keys.overdue")


@pytest.mark.req("STAFF-3")
def test_a_key_returned_late_or_not_at_all_counts_against_its_holder(project, users, travel):
    travel(clock.at_beijing(DAY, dt.time(9, 0)))
    on_time = make_key(project, users, Category.PUBLIC, name="东门")
    late = make_key(project, users, Category.PUBLIC, name="西门")
    kept = make_key(project, users, Category.PUBLIC, name="南门")
    loans = {k.name: lend(k, users, hours=2) for k in (on_time, late, kept)}
    travel(clock.at_beijing(DAY, dt.time(10, 0)))
    desk.return_key(loan=loans["东门"], receiver=users["xingzheng"], scanned=on_time.tag_token,
                    pieces_returned=on_time.pieces, borrower_password=PASSWORD)
    travel(clock.at_beijing(DAY, dt.time(15, 0)))
    desk.return_key(loan=loans["西门"], receiver=users["xingzheng"], scanned=late.tag_token,
                    pieces_returned=late.pieces, borrower_password=PASSWORD)
    measure = overdue(project, users["gongcheng1"], DAY)
    assert measure.count == 2 and set(measure.documents) == {loans["西门"].serial, loans["南门"].serial}
    assert overdue(project, users["kefu2"], DAY).count == 0
    assert overdue(project, users["gongcheng1"], DAY.replace(month=2)).count == 0
