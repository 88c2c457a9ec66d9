"""Document numbers from a counter row per project, series and period (core.numbering): consecutive, no gaps,
no scan of history, other projects never waiting (issue 17: next_serial counted the day's rows under a
project-wide lock)."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from core import clock, numbering
from core.models import SerialCounter
from desk.models import Repair
from desk.services.common import next_serial
from desk.services.repairs import report_repair

NOON = clock.at_beijing(dt.date(2026, 12, 7), dt.time(12, 0))


@pytest.fixture(autouse=True)
def _noon(travel):
    travel(NOON)


def _repair(project, user, **kw):
    return report_repair(project=project, reported_by=user, person_name="王女士", phone="13800000000",
                         location="1栋大堂", content="灯不亮", category=kw.pop("category", "水电"), **kw)


@pytest.mark.req("REPAIR-1")
def test_repairs_of_a_day_are_numbered_one_after_another_and_a_new_day_starts_again(project, users, travel):
    first, second = _repair(project, users["kefu1"]), _repair(project, users["kefu1"])
    assert (first.serial, second.serial) == ("BX-20261207-001", "BX-20261207-002")
    travel(NOON + dt.timedelta(days=1))
    assert _repair(project, users["kefu1"]).serial == "BX-20261208-001"
    assert SerialCounter.objects.filter(project=project, series="BX").count() == 2


@pytest.mark.req("REPAIR-1")
def test_a_rolled_back_number_is_given_again_so_the_numbers_have_no_gaps(project, users):
    _repair(project, users["kefu1"])
    with pytest.raises(RuntimeError), transaction.atomic():
        _repair(project, users["kefu1"])
        raise RuntimeError("the clerk's transaction fails after numbering")
    assert _repair(project, users["kefu1"]).serial == "BX-20261207-002"


@pytest.mark.req("REPAIR-1")
def test_a_counter_starts_after_the_numbers_given_before_counters_existed(project, users):
    made = _repair(project, users["kefu1"])
    SerialCounter.objects.all().delete()  # as on the day of the upgrade: rows numbered by the old release
    Repair.objects.filter(pk=made.pk).update(serial="BX-20261207-007")
    Repair.objects.create(**{f.attname: getattr(made, f.attname) for f in Repair._meta.concrete_fields
                             if f.attname not in {"id", "serial"}}, serial="BX-20261207-008")
    assert _repair(project, users["kefu1"]).serial == "BX-20261207-003"
    # counted, not parsed: two rows of the day existed, so the counter started at 2 — and is unique anyway
    assert SerialCounter.objects.get(project=project, series="BX").last == 3


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_the_callers_transaction(world):
    project = world.projects[0]
    with pytest.raises(RuntimeError):
        numbering.take(project, "XX", "2026")
    assert not SerialCounter.objects.filter(series="XX").exists()
    with transaction.atomic():
        assert numbering.take(project, "XX", "2026") == 1


@pytest.mark.req("REPAIR-1")
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_sixteen_clerks_reporting_at_once_get_sixteen_consecutive_numbers(world):
    project, users = world.projects[0], world.users
    barrier, outcomes, lock = threading.Barrier(16), [], threading.Lock()

    def clerk():
        try:
            barrier.wait()
            result = _repair(project, users["kefu1"]).serial
        except Exception as exc:  # noqa: BLE001 - any database error here is the failure under test
            result = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=clerk) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == [f"BX-20261207-{n:03d}" for n in range(1, 17)], outcomes


@pytest.mark.req("REPAIR-1")
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_numbering_in_one_project_does_not_wait_for_a_clerk_of_another(world):
    """The counter row is the only lock numbering takes: a clerk of another project, or of another series, numbers
    while this one's transaction is still open. (The audit chain's tip is still one lock for the company: issue 17.)"""
    one, other = world.projects[0], world.projects[1]
    holding, release, answered = threading.Event(), threading.Event(), []

    def slow_clerk():
        try:
            with transaction.atomic():
                next_serial(Repair, one, "BX")
                holding.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_clerk)
    thread.start()
    try:
        assert holding.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL lock_timeout = '2s'")  # waiting on project one's lock would fail here
            answered.append(next_serial(Repair, other, "BX"))
            answered.append(next_serial(Repair, one, "RW", "slip_number"))
    finally:
        release.set()
        thread.join(timeout=60)
    assert answered == ["BX-20261207-001", "RW-20261207-001"]
