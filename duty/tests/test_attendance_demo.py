"""The attendance demo: built through the services, idempotent, and quiet when no roster is issued (ATTEND-1/2)."""
import pytest

from duty.demo import attendance as demo
from duty.models.attendance import AttendanceClerk, ClockEvent, PostLeave
from duty.states import RequestStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401


@pytest.mark.req("ATTEND-1")
def test_the_demo_degrades_to_the_clerk_alone_without_an_issued_roster(world, travel):
    travel(beijing(DAY, 9))
    demo.build(world)
    demo.build(world)
    assert AttendanceClerk.objects.get(active=True).person.username == "kefu1"
    assert not ClockEvent.objects.exists() and not PostLeave.objects.exists()


@pytest.mark.req("ATTEND-1", "ATTEND-2")
def test_the_demo_clocks_in_whoever_is_on_shift_once(world, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E"), ("kefu2", DAY, "L")])
    travel(beijing(DAY, 12, 5))
    demo.build(world)
    demo.build(world)
    assert sorted(ClockEvent.objects.values_list("person__username", flat=True)) == ["kefu1", "kefu2"]
    assert PostLeave.objects.get().status == RequestStatus.APPROVED


@pytest.mark.req("ATTEND-1")
def test_the_demo_runs_after_the_roster_demo(world):
    from duty.demo import roster as roster_demo

    roster_demo.build(world)
    demo.build(world)
    demo.build(world)
    assert AttendanceClerk.objects.filter(active=True).count() == 1
    assert ClockEvent.objects.count() <= 2
