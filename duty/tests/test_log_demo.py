"""The demo log: a few cuihu entries, one resolved major event with its complete form (idempotent)."""
import pytest

from duty.demo.log import build
from duty.models import DutyEntry, EmergencyReport
from duty.services.log_emergency import is_complete


@pytest.mark.req("DUTY-LOG-3")
def test_the_demo_log_has_a_resolved_major_event_with_its_form(world):
    build(world)
    build(world)
    project = world.projects[0]
    assert DutyEntry.objects.filter(project=project).count() == 4
    report = EmergencyReport.objects.get()
    assert report.entry.status == "resolved" and is_complete(report)
    assert report.report_submitted_at and report.report_received_by == world.users["jingli"]
    assert not DutyEntry.objects.filter(project=world.projects[1]).exists()
