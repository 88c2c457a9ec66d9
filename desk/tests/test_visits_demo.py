"""The demo of return visits builds through the services and is idempotent."""
import pytest

from desk.demo import visits as demo
from desk.models import Closure, Complaint, ReturnVisit, VisitAnalysis

pytestmark = pytest.mark.django_db


@pytest.mark.req("VISIT-5", "VISIT-6")
def test_the_demo_builds_visits_an_unsatisfactory_one_and_a_quarterly_analysis(world):
    demo.build(world)
    project = world.projects[0]
    count = Closure.objects.count()
    assert ReturnVisit.objects.filter(project=project, status="reviewed").exists()
    assert Complaint.objects.filter(channel="return_visit").exists()
    assert ReturnVisit.objects.filter(project=project, status="planned").exists()
    assert VisitAnalysis.objects.get(project=project).concluded_at is not None
    demo.build(world)
    assert Closure.objects.count() == count
