"""Registering a repair report (《住户报修记录表》) and issuing its work task slip (REPAIR-1, REPAIR-5)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Resident
from desk.models import Repair, RepairStatus
from desk.services import repairs as service
from desk.tests.test_repairs_factories import household, public, unit_of


@pytest.mark.req("REPAIR-1")
def test_a_report_records_who_where_phone_what_and_appointment_with_server_time(project, users):
    before = clock.now()
    appointment = clock.now() + dt.timedelta(hours=3)
    repair = household(project, users["kefu1"], appointment_at=appointment)
    repair.refresh_from_db()
    assert repair.person_name == "业主1-201" and repair.phone == "13801020102"
    assert repair.unit == unit_of(project) and repair.content == "卫生间水龙头漏水" and repair.category == "水电"
    assert repair.appointment_at == appointment and repair.reported_at >= before
    assert repair.serial.startswith("BX-") and repair.status == RepairStatus.REPORTED and not repair.public_area


@pytest.mark.req("REPAIR-1")
def test_a_report_without_unit_or_place_is_refused_and_writes_nothing(project, users):
    with pytest.raises(DomainError) as exc:
        service.report_repair(project=project, reported_by=users["kefu1"], person_name="甲", phone="",
                              content="漏水", category="水电")
    assert exc.value.code == "place_required" and not Repair.objects.exists()


@pytest.mark.req("REPAIR-1")
def test_a_category_outside_the_policy_list_is_refused(project, users):
    with pytest.raises(DomainError) as exc:
        household(project, users["kefu1"], category="魔法")
    assert exc.value.code == "invalid_category" and not Repair.objects.exists()


@pytest.mark.req("REPAIR-1")
def test_a_vip_residents_repair_is_flagged(project, users):
    vip = Resident.objects.get(project=project, is_vip=True, units__building__code="1")
    repair = household(project, users["kefu1"], resident=vip, unit=None, person_name=vip.name)
    assert repair.is_vip and repair.unit == vip.units.first()


@pytest.mark.req("REPAIR-1", "REPAIR-5")
def test_issuing_the_slip_gives_it_its_own_number_per_project_and_day(project, other_project, users):
    first = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    second = service.dispatch_repair(repair=public(project, users["kefu2"]), dispatched_by=users["kefu2"])
    other = service.dispatch_repair(repair=public(other_project, users["bj_kefu1"]), dispatched_by=users["bj_kefu1"])
    day = f"{clock.beijing(clock.now()):%Y%m%d}"
    assert first.slip_number == f"RW-{day}-001" and second.slip_number == f"RW-{day}-002"
    assert other.slip_number == f"RW-{day}-001"
    assert first.status == RepairStatus.DISPATCHED and first.dispatched_by == users["kefu1"]


@pytest.mark.req("REPAIR-5")
def test_only_duty_staff_issue_slips(project, users):
    repair = household(project, users["kefu1"])
    for person in ("gongcheng1", "baoan1"):
        with pytest.raises(NotAllowed) as exc:
            service.dispatch_repair(repair=repair, dispatched_by=users[person])
        assert exc.value.rule == "REPAIR-5"
    repair.refresh_from_db()
    assert repair.status == RepairStatus.REPORTED and repair.slip_number == ""


@pytest.mark.req("REPAIR-5")
def test_a_slip_cannot_be_issued_twice(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    with pytest.raises(DomainError) as exc:
        service.dispatch_repair(repair=repair, dispatched_by=users["kefu1"])
    assert exc.value.code == "illegal_transition"
    assert Repair.objects.get(pk=repair.pk).slip_number == repair.slip_number


@pytest.mark.req("REPAIR-5")
def test_repairs_are_kept_two_years_and_deletion_is_refused(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0)))
    repair = household(project, users["kefu1"])
    assert repair.retain_until == dt.date(2028, 5, 12)  # two years from the day it was made
    with pytest.raises(DomainError):
        repair.delete()
    with pytest.raises(DomainError):
        Repair.objects.filter(pk=repair.pk).delete()
    assert Repair.objects.filter(pk=repair.pk).exists()
