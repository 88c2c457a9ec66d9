"""Demo data and compliance rows of the repairs, intake and paid areas (REPAIR-2, REPAIR-3, SERVICE-1)."""
import datetime as dt

import pytest

from core import clock
from desk.compliance import Period
from desk.demo import intake as intake_demo
from desk.demo import paid as paid_demo
from desk.demo import repairs as repairs_demo
from desk.models import Contact, PaidService, Repair, RepairStatus
from desk.selectors.repairs import compliance, late_repairs


@pytest.mark.req("REPAIR-2", "REPAIR-3", "SERVICE-1", "DESK-INTAKE-1")
def test_the_demo_has_repairs_in_every_state_one_late_and_it_is_idempotent(world):
    for area in (intake_demo, repairs_demo, paid_demo, intake_demo, repairs_demo, paid_demo):
        area.build(world)
    project = world.projects[0]
    states = set(Repair.objects.filter(project=project).values_list("status", flat=True))
    assert {RepairStatus.REPORTED, RepairStatus.DISPATCHED, RepairStatus.SET_OUT, RepairStatus.COMPLETED,
            RepairStatus.SIGNED, RepairStatus.CANCELLED} <= states
    assert late_repairs(project=project).count() == 1
    assert Contact.objects.filter(project=project).count() == 5
    assert PaidService.objects.filter(project=project).count() == 3
    assert Contact.objects.filter(project=project, matter_ref__startswith="repair:").exists()


@pytest.mark.req("REPAIR-2", "REPAIR-3")
def test_compliance_rows_measure_set_out_in_time_and_signed_completions(world, travel):
    # Mid-morning: the demo's late slip (dispatched 12 minutes before) falls on the same day as the rest.
    travel(clock.at_beijing(dt.date(2026, 6, 10), dt.time(10, 0)))
    repairs_demo.build(world)
    today = clock.today()
    rows = {r.rule: r for r in compliance(project=world.projects[0], period=Period(today, today))}
    setout, signed = rows["REPAIR-2"], rows["REPAIR-3"]
    assert setout.policy_key == "desk.repairs.setout_minutes" and "五分钟" in setout.clause
    assert setout.denominator >= 4 and setout.numerator == setout.denominator - 1 and setout.ok is False
    assert signed.denominator - signed.numerator in (1, 2) and signed.ok is False  # unsigned (and lobby in tests)
