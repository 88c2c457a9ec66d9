"""Closed matters: windows per kind, sampling at the rate, who visits, numbering (VISIT-1, -2, -3, -7)."""
import datetime as dt

import pytest

from core import clock
from core.errors import DomainError, NotFound
from core.models import AuditEvent, Notification, Policy
from desk.kinds import MatterKind
from desk.models import Closure, ReturnVisit
from desk.tests.visits_helpers import closure

pytestmark = pytest.mark.django_db


def _day(value):
    return clock.beijing(value).date()


@pytest.mark.req("VISIT-1")
def test_a_complaint_visit_is_due_within_three_days_of_handling(project, users):
    c = closure(project, users, kind=MatterKind.COMPLAINT)
    visit = c.visits.get()
    assert _day(visit.window_start) == _day(c.closed_at)
    assert visit.due_at == clock.day_bounds(_day(c.closed_at) + dt.timedelta(days=3))[1]


@pytest.mark.req("VISIT-1")
def test_a_repair_visit_opens_the_day_after_completion_and_is_due_by_the_end_of_day_two(project, users):
    c = closure(project, users, kind=MatterKind.REPAIR)  # first repair of the quarter: selected for the rate
    visit = c.visits.get()
    closed = _day(c.closed_at)
    assert visit.window_start == clock.day_bounds(closed + dt.timedelta(days=1))[0]
    assert visit.due_at == clock.day_bounds(closed + dt.timedelta(days=2))[1]


@pytest.mark.req("VISIT-1")
def test_a_special_service_with_a_term_gets_a_mid_term_and_an_after_end_visit(project, users):
    start, end = clock.today() - dt.timedelta(days=20), clock.today()
    c = closure(project, users, kind=MatterKind.SERVICE, term_start=start, term_end=end)
    stages = dict(c.visits.values_list("stage", "due_at"))
    assert set(stages) == {"midterm", "after_end"}
    assert stages["midterm"] == clock.day_bounds(start + dt.timedelta(days=10 + 7))[1]
    assert stages["after_end"] == clock.day_bounds(end + dt.timedelta(days=7))[1]
    single = closure(project, users, kind=MatterKind.SERVICE)
    assert single.visits.count() in (0, 1) and set(single.visits.values_list("stage", flat=True)) <= {"single"}


@pytest.mark.req("VISIT-1")
def test_emergency_publication_and_other_visits_are_due_within_a_week(project, users):
    for kind in (MatterKind.EMERGENCY_PATIENT, MatterKind.PUBLICATION, MatterKind.OTHER, MatterKind.HELP):
        c = closure(project, users, kind=kind)  # first of its kind in the quarter: always selected
        assert c.visits.get().due_at == clock.day_bounds(_day(c.closed_at) + dt.timedelta(days=7))[1]


@pytest.mark.req("VISIT-1")
def test_a_window_changed_by_policy_is_applied(project, users):
    Policy.objects.create(key="desk.visits.window.complaint", project=project, value={"start_days": 0, "end_days": 1},
                          clause="test")
    c = closure(project, users)
    assert c.visits.get().due_at == clock.day_bounds(_day(c.closed_at) + dt.timedelta(days=1))[1]


@pytest.mark.req("VISIT-2")
def test_every_complaint_is_visited(project, users):
    closures = [closure(project, users) for _ in range(5)]
    assert all(c.selected for c in closures)
    assert ReturnVisit.objects.filter(closure__in=closures).count() == 5


@pytest.mark.req("VISIT-2")
def test_the_running_repair_rate_never_falls_below_thirty_percent(project, users):
    selected = 0
    for n in range(1, 31):
        c = closure(project, users, kind=MatterKind.REPAIR)
        selected += c.selected
        assert 100 * selected >= 30 * n, f"after {n} repairs only {selected} selected"
        assert c.visits.exists() == c.selected
    assert Closure.objects.filter(project=project, kind="repair").count() == 30


@pytest.mark.req("VISIT-2")
def test_publications_are_sampled_at_ten_percent(project, users):
    picks = [closure(project, users, kind=MatterKind.PUBLICATION).selected for _ in range(20)]
    assert picks[0] is True and sum(picks) >= 2


@pytest.mark.req("VISIT-2")
def test_a_rate_raised_by_policy_selects_every_repair(project, users):
    Policy.objects.create(key="desk.visits.rate.repair", project=project, value=100, clause="test")
    assert all(closure(project, users, kind=MatterKind.REPAIR).selected for _ in range(6))


@pytest.mark.req("VISIT-3")
def test_a_major_complaint_is_visited_by_the_manager(project, users):
    visit = closure(project, users, major=True).visits.get()
    assert visit.assignee == users["jingli"] and visit.co_assignee is None
    assert Notification.objects.filter(recipient=users["jingli"], kind="desk.visit.assigned").exists()


@pytest.mark.req("VISIT-3")
def test_a_general_complaint_is_visited_by_cs_staff_with_the_complained_departments_head(project, users):
    visit = closure(project, users, department="engineering").visits.get()
    assert visit.assignee in (users["kefu1"], users["kefu2"])
    assert visit.co_assignee == users["gczg"]
    for person in (visit.assignee, visit.co_assignee):
        assert Notification.objects.filter(recipient=person, kind="desk.visit.assigned").exists()


@pytest.mark.req("VISIT-3")
def test_repair_visits_go_to_cs_staff_spread_over_them(project, users):
    first = closure(project, users, kind=MatterKind.REPAIR).visits.get()
    second = closure(project, users, kind=MatterKind.EMERGENCY_PATIENT).visits.get()
    assert {first.assignee, second.assignee} == {users["kefu1"], users["kefu2"]}
    assert first.co_assignee is None


@pytest.mark.req("VISIT-7")
def test_visits_are_numbered_per_project_and_year(project, other_project, users):
    a, b = closure(project, users).visits.get(), closure(project, users).visits.get()
    year = clock.beijing(clock.now()).year
    assert (a.number, b.number) == (f"HF-{year}-0001", f"HF-{year}-0002")


@pytest.mark.req("VISIT-1")
def test_the_same_source_registered_twice_gives_the_first_closure(project, users):
    first = closure(project, users, source_ref="repair:77")
    again = closure(project, users, source_ref="repair:77")
    assert again.pk == first.pk and Closure.objects.filter(source_ref="repair:77").count() == 1
    assert ReturnVisit.objects.filter(closure=first).count() == 1


@pytest.mark.req("VISIT-1")
def test_bad_input_is_refused_and_nothing_is_written(project, other_project, users):
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        closure(project, users, kind="nonsense")
    assert err.value.code == "invalid_kind"
    with pytest.raises(DomainError) as err:
        closure(project, users, closed_at=clock.now() + dt.timedelta(days=1))
    assert err.value.code == "future_time"
    with pytest.raises(DomainError) as err:
        closure(project, users, unit=other_project.units.first())
    assert err.value.code == "unit_not_in_project"
    with pytest.raises(NotFound):
        closure(project, {"kefu1": users["bj_kefu1"]})
    assert Closure.objects.count() == 0 and ReturnVisit.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.req("VISIT-3")
def test_when_nobody_holds_the_visiting_role_the_supervisor_is_told_to_assign(project, users):
    Policy.objects.create(key="desk.visits.visitor_roles.default", project=project, value=["storekeeper_x"],
                          clause="test")
    visit = closure(project, users, kind=MatterKind.HELP).visits.get()
    assert visit.assignee is None
    assert Notification.objects.filter(recipient=users["kfzg"], kind="desk.visit.assigned").exists()
