"""The technician on duty sets out within 5 minutes, or the desk books an appointment (REPAIR-2)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Notification
from desk.models import Repair, RepairStatus
from desk.selectors.repairs import late_repairs
from desk.services import repairs as service
from desk.sweeps.repairs import sweep_project
from desk.tests.test_repairs_factories import household


@pytest.mark.req("REPAIR-2")
def test_the_set_out_deadline_is_five_minutes_after_the_slip(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"],
                                     technician=users["gongcheng1"])
    assert repair.due_at == repair.dispatched_at + dt.timedelta(minutes=5)
    assert not late_repairs(project=project).exists()


@pytest.mark.req("REPAIR-2")
def test_a_slip_not_set_out_in_time_is_late_and_the_engineering_head_is_told_once(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    Repair.objects.filter(pk=repair.pk).update(dispatched_at=clock.now() - dt.timedelta(minutes=6),
                                               due_at=clock.now() - dt.timedelta(minutes=1))
    assert list(late_repairs(project=project)) == [repair]
    assert sweep_project(project) >= 1
    told = Notification.objects.filter(kind="desk.repair.late")
    assert [n.recipient for n in told] == [users["gczg"]]
    assert sweep_project(project) == 0  # never twice


@pytest.mark.req("REPAIR-2")
def test_with_nobody_in_the_desk_books_an_appointment_which_becomes_the_deadline(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    at = clock.now() + dt.timedelta(hours=2)
    repair = service.book_appointment(repair=repair, booked_by=users["kefu1"], appointment_at=at)
    assert repair.appointment_at == at and repair.due_at == at
    Repair.objects.filter(pk=repair.pk).update(dispatched_at=clock.now() - dt.timedelta(minutes=30))
    assert not late_repairs(project=project).exists()


@pytest.mark.req("REPAIR-2")
def test_an_appointment_in_the_past_is_refused_and_changes_nothing(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    with pytest.raises(DomainError) as exc:
        service.book_appointment(repair=repair, booked_by=users["kefu1"],
                                 appointment_at=clock.now() - dt.timedelta(hours=1))
    assert exc.value.code == "past_appointment"
    assert Repair.objects.get(pk=repair.pk).due_at == repair.due_at


@pytest.mark.req("REPAIR-2")
def test_only_engineering_staff_set_out(project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    for person in ("kefu1", "baz"):  # baz is a dept_head, but of security
        with pytest.raises(NotAllowed) as exc:
            service.set_out(repair=repair, technician=users[person])
        assert exc.value.code == "not_technician"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.DISPATCHED
    repair = service.set_out(repair=repair, technician=users["gongcheng1"])
    assert repair.status == RepairStatus.SET_OUT and repair.set_out_by == users["gongcheng1"]


@pytest.mark.req("REPAIR-2")
def test_setting_out_before_the_slip_is_issued_is_refused(project, users):
    repair = household(project, users["kefu1"])
    with pytest.raises(DomainError) as exc:
        service.set_out(repair=repair, technician=users["gongcheng1"])
    assert exc.value.code == "illegal_transition"
    assert Repair.objects.get(pk=repair.pk).set_out_at is None
