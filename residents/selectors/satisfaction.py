"""The satisfaction rate (满意率 = satisfied answers / answers, SURVEY-1) per service, building and department,
per campaign for the trend; and the residents' own ratings of closed matters (SURVEY-2) the same way."""
from __future__ import annotations

from dataclasses import dataclass

from core.models import Project
from core.roles import DepartmentCode
from residents.models import Answer, Campaign, MatterRating, QuestionKind
from residents.services.portal import satisfied_from


@dataclass
class Rate:
    label: str
    answered: int = 0
    satisfied: int = 0

    @property
    def rate(self) -> float | None:
        return round(100.0 * self.satisfied / self.answered, 1) if self.answered else None


def _add(table: dict, key: str, satisfied: bool) -> None:
    row = table.setdefault(key, Rate(key))
    row.answered += 1
    row.satisfied += int(satisfied)


def department_words(code: str) -> str:
    return str(dict(DepartmentCode.choices).get(code, code or "—"))


def campaign_rates(campaign: Campaign) -> dict:
    """One campaign: overall, per service, per building, per department; households sampled and answered."""
    threshold = satisfied_from(campaign.project)
    answers = Answer.objects.filter(response__campaign=campaign, score__isnull=False,
                                    question__kind__in=[QuestionKind.RATING, QuestionKind.YES_NO]).select_related(
        "question", "response__unit__building")
    overall = Rate(campaign.name)
    services: dict = {}
    buildings: dict = {}
    departments: dict = {}
    for a in answers:
        ok = a.score >= threshold
        overall.answered += 1
        overall.satisfied += int(ok)
        _add(services, a.question.service or a.question.text[:40], ok)
        _add(buildings, a.response.unit.building.name, ok)
        _add(departments, department_words(a.question.department), ok)
    return {"campaign": campaign, "overall": overall, "services": sorted(services.values(), key=lambda r: r.label),
            "buildings": sorted(buildings.values(), key=lambda r: r.label),
            "departments": sorted(departments.values(), key=lambda r: r.label),
            "sampled": campaign.samples.count(), "answered": campaign.responses.count()}


def trend(project: Project, limit: int = 12) -> list[dict]:
    """The last campaigns, oldest first, each with its rates: the satisfaction rate compared over time."""
    campaigns = list(Campaign.objects.filter(project=project).order_by("-starts", "-pk")[:limit])
    return [campaign_rates(c) for c in reversed(campaigns)]


def online_ratings(project: Project, start=None, end=None) -> dict:
    """The residents' own ratings of closed matters (SURVEY-2): overall and per service, in [start, end)."""
    threshold = satisfied_from(project)
    rows = MatterRating.objects.filter(project=project)
    if start is not None:
        rows = rows.filter(rated_at__gte=start)
    if end is not None:
        rows = rows.filter(rated_at__lt=end)
    overall = Rate("")
    table: dict = {}
    for r in rows:
        overall.answered += 1
        overall.satisfied += int(r.score >= threshold)
        _add(table, r.service, r.score >= threshold)
    return {"overall": overall, "services": sorted(table.values(), key=lambda r: r.label)}
