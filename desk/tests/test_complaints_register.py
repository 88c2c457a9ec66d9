"""Registering 《业主投诉记录表》: numbering, VIP urgency, major escalation, bad input (COMPLAINT-1, -2)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError
from core.models import AuditEvent, Notification
from desk.models import Complaint, ComplaintStatus
from desk.tests.complaints_helpers import complaint, vip_resident


@pytest.mark.req("COMPLAINT-2")
def test_complaints_are_numbered_per_project_and_year(project, other_project, users):
    a = complaint(project, users["kefu1"])
    b = complaint(project, users["kefu2"])
    c = complaint(other_project, users["bj_kefu1"])
    year = clock.beijing(clock.now()).year
    assert (a.serial, b.serial, c.serial) == (f"TS-{year}-0001", f"TS-{year}-0002", f"TS-{year}-0001")
    assert a.status == ComplaintStatus.REGISTERED and a.retain_until.year == clock.today().year + 2
    assert AuditEvent.objects.filter(action="desk.complaint.registered").count() == 3


@pytest.mark.req("COMPLAINT-1")
def test_a_normal_complaint_must_reach_the_department_within_the_policy_minutes(project, users):
    before = clock.now()
    c = complaint(project, users["kefu1"])
    assert not c.urgent
    assert dt.timedelta(minutes=59) < c.dispatch_due_at - before <= dt.timedelta(minutes=61)


@pytest.mark.req("COMPLAINT-1")
def test_a_vip_residents_complaint_is_urgent_with_the_shorter_deadline(project, users):
    before = clock.now()
    c = complaint(project, users["kefu1"], resident=vip_resident(project))
    assert c.is_vip and c.urgent
    assert c.dispatch_due_at - before <= dt.timedelta(minutes=16)
    ticked = complaint(project, users["kefu1"], is_vip=True)
    assert ticked.urgent


@pytest.mark.req("COMPLAINT-2")
def test_a_major_complaint_is_escalated_to_the_supervisor_and_manager_at_once(project, users,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = complaint(project, users["kefu1"], major=True)
    assert c.escalated_at is not None and c.escalated_by == users["kefu1"]
    notified = set(Notification.objects.filter(kind="desk.complaints.major").values_list("recipient__username",
                                                                                         flat=True))
    assert notified == {"kfzg", "jingli"}


@pytest.mark.req("COMPLAINT-1")
@pytest.mark.parametrize("field,value,code", [("channel", "fax", "invalid_channel"),
                                              ("subject", "乱写", "invalid_subject"),
                                              ("department", "nowhere", "invalid_department"),
                                              ("content", "  ", "required"), ("person_name", "", "required")])
def test_bad_input_is_refused_and_nothing_is_written(project, users, field, value, code):
    with pytest.raises(DomainError) as info:
        complaint(project, users["kefu1"], **{field: value})
    assert info.value.code == code
    assert not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-1")
def test_a_unit_of_another_project_is_refused(project, other_project, users):
    from core.models import Unit

    with pytest.raises(DomainError) as info:
        complaint(project, users["kefu1"], unit=Unit.objects.filter(project=other_project).first())
    assert info.value.code == "unit_not_in_project" and not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-1")
def test_an_outsider_cannot_register_in_another_project(project, users):
    with pytest.raises(DomainError) as info:
        complaint(project, users["bj_kefu1"])
    assert info.value.status == 404 and not Complaint.objects.exists()
