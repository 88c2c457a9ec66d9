"""Recording a visit: the five evaluations, the resident's confirmation, the named visitors, the
window; records never deleted and kept 2 years (VISIT-1, VISIT-3, VISIT-4, VISIT-7)."""
import datetime as dt

import pytest

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import AuditEvent
from desk.kinds import MatterKind
from desk.models import ReturnVisit
from desk.services.visits_record import record_visit
from desk.tests.visits_helpers import SIGNATURE, open_window, planned_visit

pytestmark = pytest.mark.django_db

GOOD = {"method": "phone", "quality": "质量好", "effect": "问题已解决", "satisfaction": "satisfied",
        "shortcomings": "响应稍慢", "suggestions": "增加夜间值班", "resident_name": "业主甲", "verbal_confirmed": True}


def _unchanged(visit):
    fresh = ReturnVisit.objects.get(pk=visit.pk)
    return fresh.status == "planned" and fresh.visited_at is None and fresh.quality == ""


@pytest.mark.req("VISIT-4")
def test_a_phone_visit_records_the_five_evaluations_and_the_time_of_the_verbal_confirmation(project, users):
    visit = planned_visit(project, users)
    done = record_visit(visit=visit, visitor=visit.assignee, **GOOD)
    assert (done.status, done.method, done.satisfaction) == ("done", "phone", "satisfied")
    assert (done.quality, done.effect, done.shortcomings, done.suggestions) == ("质量好", "问题已解决", "响应稍慢",
                                                                                "增加夜间值班")
    assert done.verbal_confirmed_at is not None and done.visited_by == visit.assignee
    assert AuditEvent.objects.filter(action="desk.visits.recorded").count() == 1


@pytest.mark.req("VISIT-4")
def test_a_phone_visit_without_the_residents_confirmation_is_refused(project, users):
    visit = planned_visit(project, users)
    with pytest.raises(DomainError) as err:
        record_visit(visit=visit, visitor=visit.assignee, **{**GOOD, "verbal_confirmed": False})
    assert err.value.code == "confirmation_required" and _unchanged(visit)


@pytest.mark.req("VISIT-4")
def test_an_in_person_visit_needs_the_residents_drawn_signature(project, users):
    visit = planned_visit(project, users)
    data = {**GOOD, "method": "in_person", "verbal_confirmed": False}
    with pytest.raises(DomainError) as err:
        record_visit(visit=visit, visitor=visit.assignee, signature_image="", **data)
    assert err.value.code == "signature_required" and _unchanged(visit)
    done = record_visit(visit=visit, visitor=visit.assignee, signature_image=SIGNATURE, **data)
    sig = signatures.signatures_of(done).get()
    assert sig.signer_name == "业主甲" and sig.capacity == "resident" and done.verbal_confirmed_at is None


@pytest.mark.req("VISIT-4")
@pytest.mark.parametrize("field,value,code", [("quality", " ", "required"), ("effect", "", "required"),
                                              ("satisfaction", "great", "invalid_satisfaction"),
                                              ("method", "fax", "invalid_method"),
                                              ("resident_name", "", "required")])
def test_a_record_missing_an_evaluation_is_refused(project, users, field, value, code):
    visit = planned_visit(project, users)
    with pytest.raises(DomainError) as err:
        record_visit(visit=visit, visitor=visit.assignee, **{**GOOD, field: value})
    assert err.value.code == code and _unchanged(visit)


@pytest.mark.req("VISIT-3")
def test_only_the_named_visitors_record_a_visit(project, users):
    visit = planned_visit(project, users, department="engineering")
    other = users["kefu2"] if visit.assignee == users["kefu1"] else users["kefu1"]
    with pytest.raises(NotAllowed) as err:
        record_visit(visit=visit, visitor=other, **GOOD)
    assert err.value.code == "not_assignee" and _unchanged(visit)
    assert record_visit(visit=visit, visitor=visit.co_assignee, **GOOD).visited_by == users["gczg"]


@pytest.mark.req("VISIT-1")
def test_a_repair_visit_cannot_be_made_before_its_window_opens(project, users):
    visit = planned_visit(project, users, kind=MatterKind.REPAIR)
    with pytest.raises(DomainError) as err:
        record_visit(visit=visit, visitor=visit.assignee, **GOOD)
    assert err.value.code == "window_not_open" and err.value.rule == "VISIT-1" and _unchanged(visit)
    open_window(visit)
    assert record_visit(visit=visit, visitor=visit.assignee, **GOOD).status == "done"


@pytest.mark.req("VISIT-4")
def test_a_visit_cannot_be_recorded_twice(project, users):
    visit = planned_visit(project, users)
    record_visit(visit=visit, visitor=visit.assignee, **GOOD)
    with pytest.raises(Conflict):
        record_visit(visit=visit, visitor=visit.assignee, **{**GOOD, "quality": "改写"})
    assert ReturnVisit.objects.get(pk=visit.pk).quality == "质量好"


@pytest.mark.req("VISIT-7")
def test_a_visit_record_is_never_deleted_and_kept_two_years(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 5, 12), dt.time(10, 0)))
    visit = planned_visit(project, users)
    assert visit.retain_until == dt.date(2028, 5, 12)  # two years from the day it was made
    with pytest.raises(Conflict) as err:
        visit.delete()
    assert err.value.code == "never_deleted"
    ReturnVisit.objects.filter(pk=visit.pk).update(retain_until=clock.today() - dt.timedelta(days=1))
    with pytest.raises(Conflict):
        ReturnVisit.objects.filter(pk=visit.pk).delete()
    assert ReturnVisit.objects.filter(pk=visit.pk).exists()
