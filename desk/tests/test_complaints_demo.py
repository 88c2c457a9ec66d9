"""The demo data of complaints and quality checks builds through the services, idempotently."""
import pytest

from desk.demo import complaints, quality
from desk.models import Complaint, ComplaintSummary, Nonconformity, QualityCheck
from desk.selectors import complaints as selectors


@pytest.mark.req("COMPLAINT-1", "COMPLAINT-2", "QUALITY-1")
def test_the_demo_has_complaints_in_every_state_a_summary_and_checks(world):
    complaints.build(world)
    quality.build(world)
    complaints.build(world)
    quality.build(world)
    project = world.projects[0]
    assert set(Complaint.objects.values_list("status", flat=True)) == {"registered", "sent", "handled", "closed"}
    assert Complaint.objects.filter(is_vip=True).exists() and Complaint.objects.filter(major=True).exists()
    assert selectors.dispatch_overdue(project=project).count() == 1
    assert ComplaintSummary.objects.count() == 1
    assert QualityCheck.objects.count() >= 2 and Nonconformity.objects.count() == 2
