"""The satisfaction statistics' charts (SURVEY-1, SURVEY-2): the rate month by month over the last twelve months
(surveys and residents' own ratings as two lines) and per service, drawn as inline SVG by core.web.charts — the
same on the page and on the printed 《业主满意率调查统计表》."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core.models import Project
from core.web.charts import LineSeries, bar_chart, line_chart
from residents.selectors import satisfaction_months


def _count(rate) -> str:
    return _("%(satisfied)s of %(answered)s") % {"satisfied": rate.satisfied, "answered": rate.answered}


def satisfaction_charts(project: Project) -> dict:
    months = satisfaction_months.by_month(project)
    categories = satisfaction_months.by_category(project)
    trend = line_chart(_("Satisfaction rate by month, last 12 months"), [m.label for m in months], [
        LineSeries(_("Surveys"), [m.survey.rate for m in months], [_count(m.survey) for m in months]),
        LineSeries(_("Residents' own ratings"), [m.online.rate for m in months], [_count(m.online) for m in months]),
    ])
    survey = bar_chart(_("Surveys by service, last 12 months"),
                       [(r.label, r.rate, _count(r)) for r in categories["survey"]])
    online = bar_chart(_("Residents' own ratings by kind of matter, last 12 months"),
                       [(r.label, r.rate, _count(r)) for r in categories["online"]])
    return {"months": months, "categories": categories, "charts": {"trend": trend, "survey": survey,
                                                                   "online": online}}
