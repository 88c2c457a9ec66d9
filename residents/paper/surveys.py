"""Print views and Excel of surveys (SURVEY-1): 《服务满意度调查表》 (the questionnaire, blank for a household, with
the campaign's number), 《业主满意率调查统计表》 (rates per service, building and department, and the trend)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response
from residents import permissions as may
from residents.models import Campaign
from residents.pages.charts import satisfaction_charts
from residents.pages.staff import refused
from residents.selectors import satisfaction


@login_required
@checked_by(may.require_survey_staff, refused)
def questionnaire_print(request, pk: int):
    c = get_object_or_404(Campaign.objects.filter(project=current_project(request)).select_related("questionnaire"),
                          pk=pk)
    return render(request, "paper/residents_questionnaire.html", {"c": c, "questions": c.questionnaire.questions.all()})


@login_required
@checked_by(may.require_report_reader, refused)
def statistics_print(request):
    project = current_project(request)
    return render(request, "paper/residents_statistics.html", {"trend": satisfaction.trend(project),
                                                              "online": satisfaction.online_ratings(project),
                                                              "charts": satisfaction_charts(project)})


def _pct(rate) -> str:
    return "—" if rate.rate is None else f"{rate.rate}%"


@login_required
@checked_by(may.require_report_reader, refused)
def statistics_export(request):
    rows = []
    for item in satisfaction.trend(current_project(request)):
        c = item["campaign"]
        head = [c.serial, c.name, f"{c.starts:%Y-%m-%d}–{c.ends:%Y-%m-%d}"]
        rows.append(head + [_("Overall"), "", item["overall"].answered,
                            item["overall"].satisfied, _pct(item["overall"])])
        for group, label in (("services", _("Service")), ("buildings", _("Building")),
                             ("departments", _("Department"))):
            for r in item[group]:
                rows.append(head + [label, r.label, r.answered, r.satisfied, _pct(r)])
    return xlsx_response(filename="satisfaction.xlsx", title=_("Owner satisfaction statistics"),
                         headers=[_("Number"), _("Survey"), _("Period"), _("Counted by"), _("Item"), _("Answers"),
                                  _("Satisfied"), _("Satisfaction rate")], rows=rows,
                         widths=[16, 24, 24, 12, 16, 10, 10, 12])


urlpatterns = [
    path("campaigns/<id:pk>/questionnaire/", questionnaire_print, name="questionnaire-print"),
    path("statistics/print/", statistics_print, name="statistics-print"),
    path("statistics/export/", statistics_export, name="statistics-export"),
]
