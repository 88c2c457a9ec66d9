"""Satisfaction surveys (SURVEY-1): a questionnaire of a few kinds of question, a campaign that samples households
by building, answers from the portal or entered by staff from a phone call — each household once."""
from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, limits, numbering
from core.errors import Conflict, DomainError, NotFound
from core.models import Building, Project, Resident, Unit, User
from core.portal import portal_account
from core.roles import DepartmentCode
from residents.models import Answer, AnswerChannel, Campaign, Question, QuestionKind, Questionnaire, Response, Sample
from residents.permissions import require_survey_staff

MAX_QUESTIONS = 40
RULE = "SURVEY-1"


def _invalid(message, code: str, field: str = "") -> DomainError:
    return DomainError(message, code=code, rule=RULE, details={"field": field} if field else None)


@transaction.atomic
def create_questionnaire(*, project: Project, by: User, title: str, questions: list[dict]) -> Questionnaire:
    """《服务满意度调查表》: questions rated 1–5, satisfied or not, one of several answers, or written."""
    require_survey_staff(by, project)
    title = limits.text(title, field=_("title"), required=True, rule=RULE)[:200]
    if not questions or len(questions) > MAX_QUESTIONS:
        raise _invalid(_("A questionnaire has 1 to %(n)s questions.") % {"n": MAX_QUESTIONS}, "invalid_questions",
                       "questions")
    questionnaire = Questionnaire.objects.create(project=project, title=title, created_by=by, created_at=clock.now())
    for order, item in enumerate(questions, start=1):
        kind = item.get("kind")
        if kind not in QuestionKind.values:
            raise _invalid(_("Choose the kind of question %(n)s.") % {"n": order}, "invalid_question_kind", "kind")
        choices = [str(c)[:100] for c in (item.get("choices") or []) if str(c).strip()]
        if kind == QuestionKind.CHOICE and len(choices) < 2:
            raise _invalid(_("Question %(n)s needs at least two answers to choose from.") % {"n": order},
                           "invalid_choices", "choices")
        department = item.get("department") or ""
        if department and department not in DepartmentCode.values:
            raise _invalid(_("Choose the responsible department."), "invalid_department", "department")
        Question.objects.create(questionnaire=questionnaire, order=order, kind=kind, choices=choices[:20],
                                text=limits.text(item.get("text"), field=_("question"), required=True,
                                                 rule=RULE)[:300],
                                service=str(item.get("service") or "")[:40], department=department)
    audit.record(actor=by, action="residents.questionnaire.created", target=questionnaire, project=project,
                 data={"title": title, "questions": len(questions)})
    return questionnaire


@transaction.atomic
def start_campaign(*, project: Project, by: User, questionnaire: Questionnaire, name: str, starts: dt.date,
                   ends: dt.date, buildings: list[Building], per_building: int) -> Campaign:
    """A campaign samples `per_building` occupied households of each building (all of them when fewer)."""
    require_survey_staff(by, project)
    if questionnaire.project_id != project.pk:
        raise NotFound(_("No such record."), code="not_found")
    name = limits.text(name, field=_("name"), required=True, rule=RULE)[:200]
    if not starts or not ends or ends < starts:
        raise _invalid(_("The campaign ends on or after the day it starts."), "invalid_period", "ends")
    if not buildings or any(b.project_id != project.pk for b in buildings):
        raise _invalid(_("Choose the buildings of this project."), "invalid_buildings", "buildings")
    if not isinstance(per_building, int) or not 1 <= per_building <= 1000:
        raise _invalid(_("Sample 1 to 1000 households per building."), "invalid_sample", "per_building")
    year = clock.today().year
    serial = f"MYD-{year}-{numbering.take(project, 'MYD', str(year)):03d}"
    campaign = Campaign.objects.create(project=project, serial=serial, questionnaire=questionnaire, name=name,
                                       starts=starts, ends=ends, per_building=per_building, created_by=by,
                                       created_at=clock.now())
    campaign.buildings.set(buildings)
    chooser = random.Random(serial)
    sampled = 0
    for building in sorted(buildings, key=lambda b: b.code):
        units = list(Unit.objects.filter(building=building, is_vacant=False, residents__isnull=False)
                     .distinct().order_by("number"))
        picked = units if len(units) <= per_building else chooser.sample(units, per_building)
        Sample.objects.bulk_create([Sample(campaign=campaign, unit=u) for u in picked])
        sampled += len(picked)
    audit.record(actor=by, action="residents.campaign.started", target=campaign, project=project,
                 data={"serial": serial, "buildings": [b.pk for b in buildings], "sampled": sampled})
    return campaign


def _value(question: Question, raw) -> dict:
    raw = "" if raw is None else str(raw).strip()
    if question.kind == QuestionKind.RATING:
        if raw not in {"1", "2", "3", "4", "5"}:
            raise _invalid(_("Rate question %(n)s from 1 to 5.") % {"n": question.order}, "invalid_answer", "answers")
        return {"score": int(raw)}
    if question.kind == QuestionKind.YES_NO:
        if raw not in {"yes", "no"}:
            raise _invalid(_("Answer question %(n)s with satisfied or not.") % {"n": question.order},
                           "invalid_answer", "answers")
        return {"score": 5 if raw == "yes" else 1}
    if question.kind == QuestionKind.CHOICE:
        if raw not in question.choices:
            raise _invalid(_("Choose one of the answers of question %(n)s.") % {"n": question.order},
                           "invalid_answer", "answers")
        return {"choice": raw}
    return {"text": limits.text(raw, field=_("answer"))[:500]}


@transaction.atomic
def answer(*, campaign: Campaign, unit: Unit, answers: dict, channel: str, resident: Resident | None = None,
           entered_by: User | None = None, respondent: str = "") -> Response:
    """One sampled household's answers, from the portal (`resident`) or entered by staff from a call."""
    project = campaign.project
    if channel == AnswerChannel.PHONE:
        require_survey_staff(entered_by, project)
        respondent = limits.text(respondent, field=_("respondent"), required=True, rule=RULE)[:100]
    elif channel == AnswerChannel.PORTAL and resident is not None:
        respondent = resident.name
    else:
        raise _invalid(_("Choose how the answers came in."), "invalid_channel", "channel")
    if not Sample.objects.filter(campaign=campaign, unit=unit).exists():
        raise NotFound(_("No such record."), code="not_found")
    today = clock.today()
    if not campaign.starts <= today <= campaign.ends:
        raise Conflict(_("The campaign is not running."), code="campaign_closed", rule=RULE)
    if Response.objects.filter(campaign=campaign, unit=unit).exists():
        raise Conflict(_("This household has already answered."), code="already_answered", rule=RULE)
    questions = list(campaign.questionnaire.questions.all())
    values = {q.pk: _value(q, answers.get(q.pk, answers.get(str(q.pk)))) for q in questions
              if q.kind != QuestionKind.TEXT or answers.get(q.pk, answers.get(str(q.pk)))}
    response = Response.objects.create(campaign=campaign, unit=unit, channel=channel, resident=resident,
                                       respondent=respondent, entered_by=entered_by, answered_at=clock.now())
    Answer.objects.bulk_create([Answer(response=response, question_id=pk, **value) for pk, value in values.items()])
    audit.record(actor=entered_by or portal_account(project.company), action="residents.survey.answered", target=response, project=project,
                 data={"campaign": campaign.serial, "unit": unit.pk, "channel": channel})
    return response


def open_for(unit: Unit) -> list[Campaign]:
    """The running campaigns that sampled this household and have no answer from it yet (the portal's list)."""
    today = clock.today()
    return list(Campaign.objects.filter(samples__unit=unit, starts__lte=today, ends__gte=today)
                .exclude(responses__unit=unit).distinct().order_by("ends"))
