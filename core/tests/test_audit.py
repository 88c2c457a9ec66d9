import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from core import audit
from core.models import AuditEvent


def _events(n, users):
    for i in range(n):
        audit.record(actor=users["kefu1"], action="test.event", target=("test", i), data={"i": i, "text": "中文"})


@pytest.mark.req("CORE-5")
def test_every_change_records_who_when_what_and_on_whose_approval(project, users, public_key):
    from keys.tests.helpers import apply
    from keys.services import loans

    loan = loans.approve_loan(loan=apply(public_key, users), approver=users["gczg"])
    event = audit.history(loan).last()
    assert event.action == "keys.loan.approved" and event.actor_id == users["gczg"].pk
    assert event.approved_by == users["gczg"].display_name and event.occurred_at is not None


@pytest.mark.req("CORE-5")
def test_the_chain_verifies_and_names_the_first_altered_link(world, users):
    _events(5, users)
    assert audit.verify_chain().ok
    call_command("verify_audit")
    victim = AuditEvent.objects.order_by("seq")[2]
    with connection.cursor() as cur:
        cur.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)", [True, "test"])
        cur.execute("UPDATE core_auditevent SET data = %s WHERE id = %s", ['{"i": 99}', victim.pk])
        cur.execute("DELETE FROM core_auditguard")
    report = audit.verify_chain()
    assert not report.ok and report.broken_seq == victim.seq
    with pytest.raises(CommandError, match=f"#{victim.seq}"):
        call_command("verify_audit")


@pytest.mark.req("CORE-5")
def test_a_removed_last_event_is_detected(world, users):
    _events(3, users)
    last = AuditEvent.objects.order_by("-seq").first()
    with connection.cursor() as cur:
        cur.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)", [True, "test"])
        cur.execute("DELETE FROM core_auditevent WHERE id = %s", [last.pk])
        cur.execute("DELETE FROM core_auditguard")
    report = audit.verify_chain()
    assert not report.ok and report.broken_seq == last.seq


@pytest.mark.req("CORE-5")
@pytest.mark.parametrize("sql", ["UPDATE core_auditevent SET action = 'x'", "DELETE FROM core_auditevent"])
def test_the_database_refuses_update_and_delete_on_the_trail(world, users, sql):
    _events(2, users)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql)
    assert AuditEvent.objects.filter(action="test.event").count() == 2
