"""Return visits refused, and nothing written: quarters, filing and analysis once each (VISIT-6, VISIT-7), who may
be assigned and when (VISIT-3), a service's term (VISIT-1), the API's and pages' own input checks; the
supervisor's review in both outcomes is on the record (VISIT-5, CORE-5)."""
import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from core.errors import DomainError
from core.testing.fixtures import login
from desk.kinds import MatterKind
from desk.models import Closure, Complaint, ReturnVisit, VisitAnalysis, VisitFiling, VisitStatus
from desk.services import visits as svc
from desk.services import visits_quarter
from desk.services.visits_record import review_visit
from desk.tests.visits_helpers import closure, planned_visit, recorded

NOW = clock.at_beijing(dt.date(2026, 5, 11), dt.time(10, 0))
Q1 = (2026, 1)


@pytest.fixture(autouse=True)
def _at_now(travel):
    travel(NOW)


@pytest.mark.req("VISIT-7")
@pytest.mark.parametrize("year, quarter", [(2026, 5), (2026, 0), (1999, 4)])
def test_a_quarter_that_does_not_exist_is_refused(project, users, unchanged, year, quarter):
    with unchanged(), pytest.raises(DomainError) as refused:
        visits_quarter.file_quarter(project=project, year=year, quarter=quarter, actor=users["kfzg"])
    assert refused.value.code == "invalid_quarter"
    with unchanged(), pytest.raises(DomainError) as refused:
        visits_quarter.save_analysis(project=project, year=year, quarter=quarter, prepared_by=users["kefu1"],
                                     report="分析")
    assert refused.value.code == "invalid_quarter" and refused.value.rule == "VISIT-6"


@pytest.mark.req("VISIT-7")
def test_a_quarter_is_filed_once(project, users, unchanged):
    filing = visits_quarter.file_quarter(project=project, year=Q1[0], quarter=Q1[1], actor=users["kfzg"])
    with unchanged(filing), pytest.raises(DomainError) as refused:
        visits_quarter.file_quarter(project=project, year=Q1[0], quarter=Q1[1], actor=users["kfzg"])
    assert refused.value.code == "already_filed" and refused.value.status == 409
    assert VisitFiling.objects.count() == 1


@pytest.mark.req("VISIT-6")
def test_a_quarter_is_analysed_once_and_concluded_once(project, users, unchanged, audited):
    analysis = visits_quarter.save_analysis(project=project, year=Q1[0], quarter=Q1[1], prepared_by=users["kefu1"],
                                            report="本季度无异常")
    with unchanged(analysis), pytest.raises(DomainError) as refused:
        visits_quarter.save_analysis(project=project, year=Q1[0], quarter=Q1[1], prepared_by=users["kefu2"],
                                     report="另一份")
    assert refused.value.code == "already_analysed"
    analysis = visits_quarter.conclude_analysis(analysis=analysis, supervisor=users["kfzg"], conclusions="加强培训")
    assert audited("desk.visits.analysis_concluded", analysis).actor_id == users["kfzg"].pk
    with unchanged(analysis), pytest.raises(DomainError) as refused:
        visits_quarter.conclude_analysis(analysis=analysis, supervisor=users["kfzg"], conclusions="改写结论")
    assert refused.value.code == "already_concluded"
    assert VisitAnalysis.objects.get().conclusions == "加强培训"


@pytest.mark.req("VISIT-3")
def test_a_visit_is_assigned_only_to_staff_who_make_visits(project, users, unchanged):
    visit = planned_visit(project, users)
    for person in ("gongcheng1", "bj_kefu1"):
        with unchanged(visit), pytest.raises(DomainError) as refused:
            svc.assign_visit(visit=visit, assignee=users[person], actor=users["kfzg"])
        assert refused.value.code == "invalid_assignee"
    with unchanged(visit), pytest.raises(DomainError) as refused:
        svc.assign_visit(visit=visit, assignee=users["kefu2"], co_assignee=users["baoan1"], actor=users["kfzg"])
    assert refused.value.code == "invalid_assignee"


@pytest.mark.req("VISIT-3")
def test_a_visit_already_made_is_not_reassigned(project, users, unchanged):
    visit = recorded(project, users)
    with unchanged(visit), pytest.raises(DomainError) as refused:
        svc.assign_visit(visit=visit, assignee=users["kefu2"], actor=users["kfzg"])
    assert refused.value.code == "not_planned"
    assert ReturnVisit.objects.get().status == VisitStatus.DONE


@pytest.mark.req("VISIT-1")
def test_a_service_term_that_ends_before_it_starts_is_refused(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as refused:
        closure(project, users, kind=MatterKind.SERVICE, term_start=dt.date(2026, 5, 20),
                term_end=dt.date(2026, 5, 1))
    assert refused.value.code == "invalid_term"
    assert not Closure.objects.exists()


@pytest.mark.req("VISIT-3")
@pytest.mark.parametrize("path", ["/api/desk/visits/records/", "/api/desk/visits/closures/", "/api/desk/compliance/"])
def test_the_api_refuses_a_project_that_is_not_a_number(users, api_as, unchanged, path):
    with unchanged():
        response = api_as(users["kfzg"]).get(path, {"project": "翠湖"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


@pytest.mark.req("VISIT-3")
@pytest.mark.parametrize("assignee", ["abc", "gongcheng1"])
def test_the_visit_page_assigns_only_someone_from_its_list(client, project, users, unchanged, assignee):
    visit = planned_visit(project, users)
    login(client, users["kfzg"], project)
    value = users[assignee].pk if assignee in users else assignee
    with unchanged(visit):
        response = client.post(reverse("desk:visits-detail", args=[visit.pk]), {"action": "assign",
                                                                                  "assignee": value})
    assert response.context["err"]["code"] == "invalid_choice"


@pytest.mark.req("VISIT-1")
def test_the_closures_page_refuses_a_unit_not_in_the_project(client, project, other_project, users, unchanged):
    login(client, users["kefu1"], project)
    theirs = other_project.units.first()
    with unchanged():
        response = client.post(reverse("desk:visits-closures"), {"kind": "help", "unit": theirs.pk,
                                                                 "person_name": "业主甲", "subject": "求助"})
    assert response.context["err"]["code"] == "invalid_choice"
    assert not Closure.objects.exists()


# --- the supervisor's review, both outcomes on the record (VISIT-5, CORE-5) ----------------------------

@pytest.mark.req("VISIT-5", "CORE-5")
def test_a_satisfactory_review_opens_nothing_and_is_audited(project, users, audited):
    visit = review_visit(visit=recorded(project, users), reviewer=users["kfzg"], opinion="记录完整")
    event = audited("desk.visits.reviewed", visit)
    assert event.actor_id == users["kfzg"].pk and event.data["complaint"] == ""
    assert not Complaint.objects.exists()


@pytest.mark.req("VISIT-5", "CORE-5")
def test_an_unsatisfactory_review_opens_a_complaint_and_is_audited_with_it(project, users, audited):
    visit = review_visit(visit=recorded(project, users, satisfaction="unsatisfied"), reviewer=users["kfzg"],
                         opinion="住户不满意，转投诉")
    complaint = Complaint.objects.get()
    event = audited("desk.visits.reviewed", visit)
    assert event.data["complaint"] == f"complaint:{complaint.pk}" == visit.complaint_ref


@pytest.mark.req("VISIT-3", "VISIT-7", "CORE-5")
def test_assigning_a_visit_and_filing_the_quarter_are_on_the_record(project, users, audited):
    visit = svc.assign_visit(visit=planned_visit(project, users), assignee=users["kefu2"], actor=users["kfzg"])
    event = audited("desk.visits.assigned", visit)
    assert event.actor_id == users["kfzg"].pk and event.data["assignee"] == users["kefu2"].pk
    filing = visits_quarter.file_quarter(project=project, year=Q1[0], quarter=Q1[1], actor=users["kfzg"])
    assert audited("desk.visits.filed", filing).data == {"year": 2026, "quarter": 1, "records": 0,
                                                         "late": True}
