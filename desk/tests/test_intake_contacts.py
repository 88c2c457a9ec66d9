"""Registering, routing, following and closing contacts (DESK-INTAKE-1)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError, NotAllowed
from core.models import Notification, Resident
from desk.models import Contact, ContactStatus
from desk.services import intake, intake_convert
from desk.sweeps.intake import sweep_project
from desk.tests.test_repairs_factories import unit_of


def call(project, user, **overrides):
    spec = {"channel": "call", "kind": "enquiry", "person_name": "业主1-201", "content": "咨询停车费"}
    spec.update(overrides)
    return intake.register_contact(project=project, received_by=user, **spec)


@pytest.mark.req("DESK-INTAKE-1")
def test_a_contact_is_registered_with_server_time_and_a_serial(project, users):
    before = clock.now()
    contact = call(project, users["kefu1"])
    assert contact.received_at >= before and contact.serial == f"KF-{clock.beijing(clock.now()):%Y%m%d}-001"
    assert contact.status == ContactStatus.OPEN and contact.received_by == users["kefu1"]
    assert call(project, users["kefu2"]).serial.endswith("-002")


@pytest.mark.req("DESK-INTAKE-1")
@pytest.mark.parametrize("field,value,code", [("channel", "fax", "invalid_channel"), ("kind", "x", "invalid_kind"),
                                              ("content", " ", "required")])
def test_bad_contact_input_is_refused_and_writes_nothing(project, users, field, value, code):
    with pytest.raises(DomainError) as exc:
        call(project, users["kefu1"], **{field: value})
    assert exc.value.code == code and not Contact.objects.exists()


@pytest.mark.req("DESK-INTAKE-1")
def test_only_desk_staff_register_contacts(project, users):
    with pytest.raises(NotAllowed):
        call(project, users["gongcheng1"])
    assert not Contact.objects.exists()


@pytest.mark.req("DESK-INTAKE-1")
def test_a_vip_residents_contact_is_urgent(project, users):
    vip = Resident.objects.filter(project=project, is_vip=True).first()
    contact = call(project, users["kefu1"], resident=vip, person_name="")
    assert contact.is_vip and contact.urgent and contact.person_name == vip.name


@pytest.mark.req("DESK-INTAKE-1")
def test_routing_tells_the_head_of_the_responsible_department(project, users):
    contact = call(project, users["kefu1"])
    contact = intake.route_contact(contact=contact, routed_by=users["kefu1"], department="engineering")
    assert contact.status == ContactStatus.ROUTED and contact.department == "engineering"
    told = Notification.objects.filter(kind="desk.contact.routed")
    assert [n.recipient for n in told] == [users["gczg"]]


@pytest.mark.req("DESK-INTAKE-1")
def test_a_contact_stays_open_until_its_matter_closes_or_the_desk_records_the_outcome(project, users):
    contact = call(project, users["kefu1"], kind="repair", unit=unit_of(project))
    repair = intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电")
    contact.refresh_from_db()
    assert contact.matter_ref == f"repair:{repair.pk}" and contact.status == ContactStatus.OPEN
    with pytest.raises(DomainError) as exc:
        intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电")
    assert exc.value.code == "contact_has_matter"
    other = call(project, users["kefu1"])
    with pytest.raises(DomainError):
        intake.close_contact(contact=other, closed_by=users["kefu1"], outcome="")
    other = intake.close_contact(contact=other, closed_by=users["kefu1"], outcome="已电话答复")
    assert other.status == ContactStatus.CLOSED and other.outcome == "已电话答复"
    with pytest.raises(DomainError) as exc:
        intake.close_contact(contact=other, closed_by=users["kefu1"], outcome="again")
    assert exc.value.code == "illegal_transition"


@pytest.mark.req("DESK-INTAKE-1")
def test_a_contact_becomes_a_complaint_through_the_complaints_area(project, users):
    contact = call(project, users["kefu1"], kind="complaint", content="楼上噪音")
    complaint = intake_convert.contact_to_complaint(contact=contact, actor=users["kefu1"])
    contact.refresh_from_db()
    assert contact.matter_ref == f"complaint:{complaint.pk}"


@pytest.mark.req("DESK-INTAKE-1")
def test_an_open_contact_older_than_the_policy_is_reminded_once(project, users):
    contact = call(project, users["kefu1"])
    assert sweep_project(project) == 0
    Contact.objects.filter(pk=contact.pk).update(received_at=clock.now() - dt.timedelta(hours=25))
    assert sweep_project(project) == 2  # the receiver and the supervisor
    assert {n.recipient for n in Notification.objects.filter(kind="desk.contact.stale")} == {users["kefu1"],
                                                                                            users["kfzg"]}
    assert sweep_project(project) == 0
