"""Satisfaction surveys (SURVEY-1): questionnaires of a few kinds of question, campaigns sampled by building,
answers from the portal or entered from a call, the satisfaction rate per service, building, department, over time."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError
from core.models import Building
from residents.models import AnswerChannel, Response, Sample
from residents.selectors import satisfaction
from residents.services import surveys
from residents.tests.helpers import NOON, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.req("SURVEY-1")]

QUESTIONS = [
    {"text": "维修服务", "kind": "rating", "service": "维修", "department": "engineering"},
    {"text": "安全秩序", "kind": "yes_no", "service": "安全", "department": "security"},
    {"text": "最需改进", "kind": "choice", "choices": ["保洁", "绿化"]},
    {"text": "建议", "kind": "text"},
]


def campaign(project, users, *, starts=None, per_building=3, name="四季度满意度调查"):
    questionnaire = surveys.create_questionnaire(project=project, by=users["kefu1"], title="服务满意度调查表",
                                                 questions=QUESTIONS)
    starts = starts or NOON.date()
    return surveys.start_campaign(project=project, by=users["kefu1"], questionnaire=questionnaire, name=name,
                                  starts=starts, ends=starts + dt.timedelta(days=20),
                                  buildings=list(Building.objects.filter(project=project)), per_building=per_building)


def by_phone(c, unit, users, rating: str, safe: str):
    q = list(c.questionnaire.questions.all())
    return surveys.answer(campaign=c, unit=unit, channel=AnswerChannel.PHONE, entered_by=users["kefu2"],
                          respondent="业主", answers={q[0].pk: rating, q[1].pk: safe, q[2].pk: "保洁"})


def test_a_campaign_samples_occupied_households_per_building(project, users, travel):
    travel(NOON)
    c = campaign(project, users)
    samples = Sample.objects.filter(campaign=c).select_related("unit__building")
    assert sorted(s.unit.building.code for s in samples) == ["1", "1", "1", "2", "2", "2"]
    assert not any(s.unit.is_vacant for s in samples)
    assert c.serial.startswith(f"MYD-{NOON.year}-")


def test_bad_questionnaires_and_campaigns_are_refused_with_nothing_written(project, users, travel, unchanged):
    travel(NOON)
    for questions, code in (([], "invalid_questions"), ([{"text": "x", "kind": "stars"}], "invalid_question_kind"),
                            ([{"text": "x", "kind": "choice", "choices": ["a"]}], "invalid_choices")):
        with unchanged(), pytest.raises(DomainError) as refused:
            surveys.create_questionnaire(project=project, by=users["kefu1"], title="t", questions=questions)
        assert refused.value.code == code
    with unchanged(), pytest.raises(DomainError) as refused:
        surveys.create_questionnaire(project=project, by=users["gongcheng1"], title="t", questions=QUESTIONS)
    assert refused.value.status == 403
    q = surveys.create_questionnaire(project=project, by=users["kefu1"], title="t", questions=QUESTIONS)
    with unchanged(), pytest.raises(DomainError) as refused:
        surveys.start_campaign(project=project, by=users["kefu1"], questionnaire=q, name="n", starts=NOON.date(),
                               ends=NOON.date() - dt.timedelta(days=1), buildings=[], per_building=3)
    assert refused.value.code == "invalid_period"


def test_answers_come_from_the_portal_or_a_call_once_per_sampled_household(project, users, sms_file, travel,
                                                                          unchanged):
    travel(NOON)
    c = campaign(project, users, per_building=100)  # every occupied household
    session = sign_in(project, sms_file)
    assert surveys.open_for(session.unit) == [c]
    q = list(c.questionnaire.questions.all())
    surveys.answer(campaign=c, unit=session.unit, channel=AnswerChannel.PORTAL, resident=session.resident,
                   answers={str(q[0].pk): "5", str(q[1].pk): "yes", str(q[2].pk): "绿化", str(q[3].pk): "很好"})
    assert surveys.open_for(session.unit) == []
    with unchanged(), pytest.raises(DomainError) as refused:
        surveys.answer(campaign=c, unit=session.unit, channel=AnswerChannel.PORTAL, resident=session.resident,
                       answers={q[0].pk: "4", q[1].pk: "yes"})
    assert refused.value.code == "already_answered"
    unit = Sample.objects.filter(campaign=c).exclude(unit=session.unit).first().unit
    with unchanged(), pytest.raises(DomainError) as refused:
        surveys.answer(campaign=c, unit=unit, channel=AnswerChannel.PHONE, entered_by=users["gongcheng1"],
                       respondent="x", answers={q[0].pk: "4", q[1].pk: "yes"})
    assert refused.value.status == 403
    with unchanged(), pytest.raises(DomainError) as refused:
        by_phone(c, unit, users, "7", "yes")
    assert refused.value.code == "invalid_answer"
    by_phone(c, unit, users, "2", "no")
    assert Response.objects.get(unit=unit).channel == AnswerChannel.PHONE
    travel(NOON + dt.timedelta(days=21))
    late = Sample.objects.filter(campaign=c).exclude(unit__in=[unit, session.unit]).first().unit
    with unchanged(), pytest.raises(DomainError) as refused:
        by_phone(c, late, users, "5", "yes")
    assert refused.value.code == "campaign_closed"


def test_the_satisfaction_rate_per_service_building_department_and_over_time(project, users, travel):
    travel(NOON)
    first = campaign(project, users, per_building=2, name="三季度")
    samples = list(first.samples.select_related("unit__building").order_by("unit__building__code", "unit__number"))
    for sample, rating, safe in zip(samples, ("5", "4", "2", "5"), ("yes", "no", "yes", "yes")):
        by_phone(first, sample.unit, users, rating, safe)
    rates = satisfaction.campaign_rates(first)
    assert (rates["overall"].answered, rates["overall"].satisfied) == (8, 6)
    assert {r.label: r.rate for r in rates["services"]} == {"维修": 75.0, "安全": 75.0}
    assert {r.label: (r.answered, r.satisfied) for r in rates["buildings"]} == {"1栋": (4, 3), "2栋": (4, 3)}
    assert len(rates["departments"]) == 2 and rates["sampled"] == 4 and rates["answered"] == 4
    travel(NOON + dt.timedelta(days=40))
    second = campaign(project, users, starts=(NOON + dt.timedelta(days=40)).date(), per_building=1, name="四季度")
    for sample in second.samples.all():
        by_phone(second, sample.unit, users, "5", "yes")
    trend = satisfaction.trend(project)
    assert [(t["campaign"].name, t["overall"].rate) for t in trend] == [("三季度", 75.0), ("四季度", 100.0)]
