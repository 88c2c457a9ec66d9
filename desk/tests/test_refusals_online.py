"""The residents' door confirms only a completed repair (REPAIR-3): a repair not yet completed, or already signed,
is refused with its code and nothing is written."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.errors import Conflict
from desk.models import Repair, RepairStatus
from desk.services import online
from desk.services import repairs as service
from desk.tests.test_repairs_factories import SIGNATURE, completed, household, unit_of

MORNING = dt.datetime(2026, 3, 10, 9, 30)  # a Tuesday


@pytest.fixture(autouse=True)
def morning(travel):
    travel(clock.at_beijing(MORNING.date(), MORNING.time()))


def _reported(project, users):
    return household(project, users["kefu1"])


def _dispatched(project, users):
    return service.dispatch_repair(repair=_reported(project, users), dispatched_by=users["kefu1"],
                                   technician=users["gongcheng1"])


def _set_out(project, users):
    return service.set_out(repair=_dispatched(project, users), technician=users["gongcheng1"])


def _signed(project, users):
    repair = completed(project, users)
    online.confirm_repair(project, repair.unit, repair.ref, "业主1-201", SIGNATURE, True)
    return Repair.objects.get(pk=repair.pk)


@pytest.mark.req("REPAIR-3")
@pytest.mark.parametrize("make", [_reported, _dispatched, _set_out, _signed])
def test_only_a_completed_repair_is_confirmed_by_the_household(project, users, unchanged, make):
    repair = make(project, users)
    assert repair.status != RepairStatus.COMPLETED
    status = repair.status
    with unchanged(repair), pytest.raises(Conflict) as refused:
        online.confirm_repair(project, unit_of(project), repair.ref, "业主1-201", SIGNATURE, True)
    assert refused.value.code == "not_completed" and refused.value.rule == "REPAIR-3"
    repair.refresh_from_db()
    assert repair.status == status
