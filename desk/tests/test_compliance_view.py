"""The compliance view: every area's rows for a project and period, page, print and API; own rows of
return visits (VISIT-1, VISIT-2, VISIT-5, VISIT-7)."""
import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core import clock
from desk.kinds import MatterKind
from desk.models import ReturnVisit
from desk.selectors import visits as selectors
from desk.selectors.visits_periods import month_period, period_for, quarter_period
from desk.services import visits_quarter
from desk.services.visits_record import review_visit
from desk.tests.visits_helpers import closure, recorded

pytestmark = pytest.mark.django_db
API = "/api/desk/compliance/"


def _row(rows, rule, key):
    return next(r for r in rows if r.rule == rule and r.policy_key == key)


def test_periods_are_calendar_quarters_and_months():
    assert quarter_period(2026, 4).start == dt.date(2026, 10, 1) and quarter_period(2026, 4).end == dt.date(2026, 12, 31)
    assert month_period(dt.date(2026, 2, 14)).end == dt.date(2026, 2, 28)
    assert period_for("quarter", dt.date(2026, 5, 1)) == quarter_period(2026, 2)


@pytest.mark.req("VISIT-2")
def test_the_visit_rate_is_visits_made_over_closures_in_the_period(project, users):
    recorded(project, users)
    closure(project, users)
    rows = selectors.compliance(project=project, period=period_for("quarter", clock.today()))
    row = _row(rows, "VISIT-2", "desk.visits.rate.complaint")
    assert (row.numerator, row.denominator, row.ok, row.target) == (1, 2, False, "≥ 100 %")
    assert "4.1.2" in row.clause and row.link
    repair = _row(rows, "VISIT-2", "desk.visits.rate.repair")
    assert repair.ok is None and repair.denominator == 0


@pytest.mark.req("VISIT-1", "VISIT-5")
def test_visits_within_window_and_reviews_done_are_measured(project, users):
    late = closure(project, users).visits.get()
    ReturnVisit.objects.filter(pk=late.pk).update(due_at=clock.now() - dt.timedelta(minutes=5))
    made = recorded(project, users)
    review_visit(visit=made, reviewer=users["kfzg"], opinion="同意")
    recorded(project, users)
    rows = selectors.compliance(project=project, period=period_for("quarter", clock.today()))
    window = _row(rows, "VISIT-1", "desk.visits.window.complaint")
    assert (window.numerator, window.denominator, window.ok) == (0, 1, False)
    reviews = next(r for r in rows if r.rule == "VISIT-5")
    assert (reviews.numerator, reviews.denominator, reviews.ok) == (1, 2, False)


@pytest.mark.req("VISIT-7")
def test_the_previous_quarter_not_filed_or_filed_after_the_tenth_is_missed(project, users):
    period = quarter_period(2025, 2)  # its row is about 2025 Q1, due for filing by 2025-04-10
    row = next(r for r in selectors.compliance(project=project, period=period) if r.rule == "VISIT-7")
    assert row.ok is False and row.numerator == 0 and "2025-04-10" in row.target
    visits_quarter.file_quarter(project=project, year=2025, quarter=1, actor=users["kfzg"])
    row = next(r for r in selectors.compliance(project=project, period=period) if r.rule == "VISIT-7")
    assert row.ok is False and row.numerator == 0


@pytest.mark.req("VISIT-2")
def test_the_page_shows_every_area_and_the_print_view(project, users):
    recorded(project, users)
    client = Client()
    client.force_login(users["kfzg"])
    page = client.get(reverse("desk:compliance")).content.decode()
    assert "4.1.2" in page
    assert client.get(reverse("desk:compliance"), {"period": "month", "date": "2026-02-30"}).status_code == 200
    assert client.get(reverse("desk:compliance-print"), {"period": "bogus"}).status_code == 200
    guard = Client()
    guard.force_login(users["baoan1"])
    assert guard.get(reverse("desk:compliance")).status_code == 403


@pytest.mark.req("VISIT-2")
def test_the_api_returns_every_area_and_refuses_bad_input(project, users, api_as):
    closure(project, users, kind=MatterKind.REPAIR)
    res = api_as(users["kfzg"]).get(API, {"project": project.pk, "period": "month"})
    assert res.status_code == 200
    body = res.json()
    assert [a["area"] for a in body["areas"]] == ["intake", "repairs", "paid", "complaints", "quality", "visits"]
    visits = next(a for a in body["areas"] if a["area"] == "visits")["rows"]
    assert any(r["policy_key"] == "desk.visits.rate.repair" and r["denominator"] == 1 for r in visits)
    assert api_as(users["kfzg"]).get(API, {"project": "x"}).status_code == 400
    assert api_as(users["kfzg"]).get(API, {"project": project.pk, "period": "year"}).status_code == 400
    assert api_as(users["kfzg"]).get(API, {"project": project.pk, "date": "2026-13-01"}).status_code == 400
    assert api_as(users["bj_kfzg"]).get(API, {"project": project.pk}).status_code == 404
    assert api_as(users["baoan1"]).get(API, {"project": project.pk}).status_code == 403
