"""What the desk cannot handle goes to the supervisor, major matters to the manager (DESK-INTAKE-2)."""
import pytest

from core.audit import history
from core.errors import DomainError
from core.models import Notification
from desk.models import Contact, ContactStatus
from desk.services import intake
from desk.tests.test_intake_contacts import call


@pytest.mark.req("DESK-INTAKE-2")
def test_escalating_to_the_supervisor_tells_the_supervisor_and_is_audited(project, users):
    contact = call(project, users["kefu1"])
    contact = intake.escalate_contact(contact=contact, escalated_by=users["kefu1"], level="supervisor",
                                      reason="超出前台权限")
    assert contact.status == ContactStatus.ESCALATED and contact.escalation == "supervisor"
    assert [n.recipient for n in Notification.objects.filter(kind="desk.contact.escalated")] == [users["kfzg"]]
    assert history(contact).filter(action="desk.contact.escalated").exists()


@pytest.mark.req("DESK-INTAKE-2")
def test_a_major_matter_goes_to_the_manager(project, users):
    contact = call(project, users["kefu1"])
    intake.escalate_contact(contact=contact, escalated_by=users["kefu1"], level="supervisor", reason="无法处理")
    contact = intake.escalate_contact(contact=contact, escalated_by=users["kfzg"], level="manager", reason="重大问题")
    assert contact.escalation == "manager"
    managers = [n.recipient for n in Notification.objects.filter(kind="desk.contact.escalated",
                                                                 dedupe_key__contains=":manager:")]
    assert managers == [users["jingli"]]


@pytest.mark.req("DESK-INTAKE-2")
def test_an_escalation_without_reason_or_level_is_refused_and_changes_nothing(project, users):
    contact = call(project, users["kefu1"])
    for level, reason, code in (("manager", "", "required"), ("boss", "x", "invalid_level")):
        with pytest.raises(DomainError) as exc:
            intake.escalate_contact(contact=contact, escalated_by=users["kefu1"], level=level, reason=reason)
        assert exc.value.code == code
    contact = Contact.objects.get(pk=contact.pk)
    assert contact.escalation == "" and contact.status == ContactStatus.OPEN
    assert not Notification.objects.filter(kind="desk.contact.escalated").exists()


@pytest.mark.req("DESK-INTAKE-2")
def test_escalating_twice_to_the_same_level_is_refused(project, users):
    contact = call(project, users["kefu1"])
    intake.escalate_contact(contact=contact, escalated_by=users["kefu1"], level="manager", reason="重大")
    with pytest.raises(DomainError) as exc:
        intake.escalate_contact(contact=contact, escalated_by=users["kefu1"], level="supervisor", reason="x")
    assert exc.value.code == "already_escalated"
