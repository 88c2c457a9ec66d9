"""The satisfaction statistics' charts (SURVEY-1, SURVEY-2): the numbers behind the per-month trend of the last
twelve months (months in Beijing time, surveys and residents' own ratings kept apart) and the per-service
breakdown, and the inline SVG that draws them on the page and the print view (no script, nothing fetched)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core import clock
from core.testing.fixtures import login
from core.web.charts import LineSeries, bar_chart, line_chart
from residents.selectors import satisfaction_months
from residents.services import portal
from residents.tests.helpers import NOON, SIGNATURE, sign_in
from residents.tests.test_portal import completed_repair
from residents.tests.test_surveys import by_phone, campaign

pytestmark = pytest.mark.django_db


def at(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return clock.at_beijing(day, dt.time(hh, mm))


@pytest.fixture
def answered(project, users, sms_file, travel):
    """Answers around a month's end in Beijing time, one older than twelve months, and one resident's rating."""
    travel(at(dt.date(2025, 11, 20), 9, 0))
    old = campaign(project, users, starts=dt.date(2025, 11, 20), name="去年")
    by_phone(old, old.samples.first().unit, users, "1", "no")  # 2025-11: outside the last twelve months
    travel(at(dt.date(2026, 10, 20), 9, 0))
    c = campaign(project, users, starts=dt.date(2026, 10, 20), name="秋季")
    first, second, third = [s.unit for s in c.samples.order_by("pk")[:3]]
    travel(at(dt.date(2026, 10, 31), 23, 30))  # 15:30 UTC: still October in Beijing
    by_phone(c, first, users, "5", "yes")
    travel(at(dt.date(2026, 11, 1), 0, 10))  # 16:10 UTC on 31 October: November in Beijing
    by_phone(c, second, users, "2", "no")
    travel(at(dt.date(2026, 11, 5), 10, 0))
    by_phone(c, third, users, "4", "no")
    travel(NOON)
    session = sign_in(project, sms_file)
    repair = completed_repair(session, users)
    portal.confirm(session, ref=repair.ref, name=session.resident.name, image=SIGNATURE, is_adult=True)
    portal.rate(session, ref=repair.ref, score=3)  # below residents.satisfied_from (4): not satisfied
    return repair


@pytest.mark.req("SURVEY-1")
@pytest.mark.req("SURVEY-2")
def test_the_monthly_trend_counts_each_answer_in_its_beijing_month_over_the_last_twelve(project, answered):
    months = satisfaction_months.by_month(project, NOON.date())
    assert months[0].label == "2025-12" and months[-1].label == "2026-11" and len(months) == 12
    table = {m.label: (m.survey.answered, m.survey.satisfied, m.survey.rate, m.online.answered, m.online.rate)
             for m in months}
    assert table["2026-10"] == (2, 2, 100.0, 0, None)  # 5 and "satisfied", answered 23:30 on the 31st
    assert table["2026-11"] == (4, 1, 25.0, 1, 0.0)  # 2 and "no", 4 and "no"; the resident's 3
    assert all(v == (0, 0, None, 0, None) for k, v in table.items() if k not in {"2026-10", "2026-11"})


@pytest.mark.req("SURVEY-1")
@pytest.mark.req("SURVEY-2")
def test_the_breakdown_per_service_covers_the_same_twelve_months(project, answered):
    categories = satisfaction_months.by_category(project, NOON.date())
    assert [(r.label, r.answered, r.satisfied, r.rate) for r in categories["survey"]] == [
        ("安全", 3, 1, 33.3), ("维修", 3, 2, 66.7)]  # last year's 1 and "no" left out
    assert [(r.answered, r.satisfied, r.rate) for r in categories["online"]] == [(1, 0, 0.0)]


@pytest.mark.req("SURVEY-1")
def test_the_line_chart_breaks_where_a_month_is_empty_and_places_each_value_on_the_scale():
    chart = line_chart("t", ["1", "2", "3", "4", "5"], [LineSeries("a", [None, 50.0, 100.0, None, 0.0])],
                       width=258, height=160)
    (series,) = chart["series"]
    assert [p["text"] for p in series["points"]] == ["50%", "100%", "0%"]
    assert series["paths"] == ["90.0,66.0 136.0,16.0"]  # one line through months 2–3; month 5 stands alone
    top, bottom = 16, 160 - 44
    assert [p["y"] for p in series["points"]] == [(top + bottom) / 2, top, bottom]
    assert not chart["empty"] and line_chart("t", ["1"], [LineSeries("a", [None])])["empty"]
    bars = bar_chart("t", [("维修", 66.7, "2 / 3"), ("安全", None, "")], width=680)
    assert [(b["w"], b["text"]) for b in bars["bars"]] == [(round(380 * 0.667, 1), "66.7%"), (0.0, "—")]


@pytest.mark.req("SURVEY-1")
def test_the_page_and_the_print_view_draw_the_charts_inline(project, users, answered):
    boss = login(Client(), users["jingli"], project)
    for name in ("residents:statistics", "residents:statistics-print"):
        html = boss.get(reverse(name)).content.decode()
        start = html.index('<section class="charts">')
        charts = html[start:html.index("</section>", start)]
        assert charts.count("<svg") == 3 and "<polyline" in charts and "<script" not in charts
        assert ">100%<" in charts and ">25%<" in charts  # the months' points
        assert ">66.7% · " in charts and ">33.3% · " in charts  # the services' bars, with their counts
        assert "src=" not in charts and "href=" not in charts  # nothing fetched from anywhere


@pytest.mark.req("SURVEY-1")
def test_the_api_answers_the_same_numbers_as_the_charts(project, users, answered, api_as):
    body = api_as(users["jingli"]).get(reverse("residents-satisfaction"), {"project": project.pk}).json()
    months = {m["month"]: (m["survey"]["answered"], m["survey"]["rate"], m["online"]["rate"]) for m in body["months"]}
    assert len(months) == 12 and months["2026-10"] == (2, 100.0, None) and months["2026-11"] == (4, 25.0, 0.0)
    assert [(r["label"], r["rate"]) for r in body["by_service"]["survey"]] == [("安全", 33.3), ("维修", 66.7)]
