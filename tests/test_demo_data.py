"""`make run` loads the demo with `manage.py demo_data`: it must build every app's demo on an empty
database, and running it again must change nothing."""
import io

import pytest
from django.core.management import call_command

from core.audit import verify_chain
from core.models import AuditEvent


@pytest.mark.django_db
def test_the_demo_builds_on_an_empty_database_and_a_second_run_changes_nothing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "kefu1" in out.getvalue()
    events = AuditEvent.objects.count()
    call_command("demo_data", stdout=io.StringIO())
    assert AuditEvent.objects.count() == events
    assert verify_chain().ok
