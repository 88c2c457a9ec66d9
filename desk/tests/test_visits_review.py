"""The supervisor's review; unsatisfactory → manager + complaint; overdue visits and reminders (VISIT-5)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification, Unit
from desk.models import Closure, Complaint, ReturnVisit
from desk.services.visits import assign_visit
from desk.services.visits_record import review_visit
from desk.selectors import visits as selectors
from desk.sweeps.visits import sweep_project
from desk.tests.visits_helpers import planned_visit, recorded

pytestmark = pytest.mark.django_db


@pytest.mark.req("VISIT-5")
def test_the_supervisor_reviews_a_record_with_an_opinion(project, users):
    visit = recorded(project, users)
    assert Notification.objects.filter(recipient=users["kfzg"], kind="desk.visit.review").exists()
    done = review_visit(visit=visit, reviewer=users["kfzg"], opinion="同意")
    assert (done.status, done.reviewed_by, done.review_opinion) == ("reviewed", users["kfzg"], "同意")
    assert done.complaint_ref == "" and not Complaint.objects.exists()


@pytest.mark.req("VISIT-5")
def test_only_the_supervisor_reviews_and_an_empty_opinion_is_refused(project, users):
    visit = recorded(project, users)
    with pytest.raises(NotAllowed):
        review_visit(visit=visit, reviewer=users["kefu1"], opinion="同意")
    with pytest.raises(DomainError) as err:
        review_visit(visit=visit, reviewer=users["kfzg"], opinion="  ")
    assert err.value.code == "required"
    assert ReturnVisit.objects.get(pk=visit.pk).status == "done"


@pytest.mark.req("VISIT-5")
def test_a_planned_visit_cannot_be_reviewed(project, users):
    visit = planned_visit(project, users)
    with pytest.raises(Conflict):
        review_visit(visit=visit, reviewer=users["kfzg"], opinion="同意")
    assert ReturnVisit.objects.get(pk=visit.pk).reviewed_at is None


@pytest.mark.req("VISIT-5")
def test_an_unsatisfactory_visit_goes_to_the_manager_and_opens_a_complaint(project, users):
    visit = recorded(project, users, satisfaction="unsatisfied", subject="环境卫生", department="admin")
    done = review_visit(visit=visit, reviewer=users["kfzg"], opinion="不合格,按投诉处理")
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.source_ref) == ("return_visit", f"visit:{visit.pk}")
    assert complaint.unit == visit.closure.unit and complaint.person_name == "业主甲"
    assert done.complaint_ref == f"complaint:{complaint.pk}"
    assert Notification.objects.filter(recipient=users["jingli"], kind="desk.visit.unsatisfactory").exists()


@pytest.mark.req("VISIT-5")
def test_when_the_complaint_cannot_be_opened_the_review_is_not_saved_either(project, other_project, users):
    visit = recorded(project, users, satisfaction="unsatisfied")
    # Behind the application's back the closure now names a unit of another project: the complaints
    # area refuses to open a complaint on it, and the review must not be saved without its complaint.
    foreign_unit = Unit.objects.filter(project=other_project).first()
    Closure.objects.filter(pk=visit.closure_id).update(unit=foreign_unit)
    with pytest.raises(DomainError):
        review_visit(visit=visit, reviewer=users["kfzg"], opinion="不合格")
    fresh = ReturnVisit.objects.get(pk=visit.pk)
    assert fresh.status == "done" and fresh.review_opinion == ""
    assert not Notification.objects.filter(kind="desk.visit.unsatisfactory").exists()


@pytest.mark.req("VISIT-5")
def test_a_visit_past_its_window_is_overdue_and_the_sweep_reminds_visitors_and_supervisor(project, users):
    visit = planned_visit(project, users, department="engineering")
    assert not selectors.overdue(project=project).exists()
    ReturnVisit.objects.filter(pk=visit.pk).update(due_at=clock.now() - dt.timedelta(minutes=1))
    assert list(selectors.overdue(project=project)) == [visit]
    assert sweep_project(project) >= 3
    for person in (visit.assignee, visit.co_assignee, users["kfzg"]):
        assert Notification.objects.filter(recipient=person, kind="desk.visit.overdue").count() == 1
    sweep_project(project)  # reminded once, not twice
    assert Notification.objects.filter(kind="desk.visit.overdue", recipient=users["kfzg"]).count() == 1


@pytest.mark.req("VISIT-3")
def test_the_supervisor_reassigns_a_visit_and_the_new_visitor_is_told(project, users):
    visit = planned_visit(project, users)
    with pytest.raises(NotAllowed):
        assign_visit(visit=visit, assignee=users["kefu2"], actor=users["kefu1"])
    with pytest.raises(DomainError):
        assign_visit(visit=visit, assignee=users["baoan1"], actor=users["kfzg"])
    assign_visit(visit=visit, assignee=users["kefu2"], co_assignee=users["xzzg"], actor=users["kfzg"])
    fresh = ReturnVisit.objects.get(pk=visit.pk)
    assert (fresh.assignee, fresh.co_assignee) == (users["kefu2"], users["xzzg"])
    assert Notification.objects.filter(recipient=users["xzzg"], kind="desk.visit.assigned").exists()
