"""The staff side of the residents' room: satisfaction campaigns (SURVEY-1) with answers entered from calls, the
notices sent to households (RES-2), and the printable entry code of each building (RES-1)."""
from __future__ import annotations

import datetime as dt

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.models import Building
from core.parsing import safe_int
from core.roles import DepartmentCode
from core.web.pages import attempt, checked_by, current_project, refusal_page
from residents import permissions as may
from residents.models import AnswerChannel, Campaign, Notice, NoticeKind, QuestionKind
from residents.pages.charts import satisfaction_charts
from residents.selectors import satisfaction
from residents.services import access, notices, surveys

refused = refusal_page(gettext_lazy("Residents"))


def _date(raw) -> dt.date | None:
    try:
        return parse_date(raw or "")
    except ValueError:
        return None


QUESTION_ROWS = 8


def read_questions(post) -> list[dict]:
    """The questionnaire form's rows (kind, service, department, question, answers separated by "/"); empty rows
    are left out."""
    out = []
    for i in range(QUESTION_ROWS):
        text = (post.get(f"q{i}_text") or "").strip()
        if not text:
            continue
        out.append({"kind": post.get(f"q{i}_kind", ""), "service": post.get(f"q{i}_service", ""),
                    "department": post.get(f"q{i}_department", ""), "text": text,
                    "choices": [c for c in (post.get(f"q{i}_choices") or "").split("/") if c.strip()]})
    return out


@login_required
@checked_by(may.require_survey_staff, refused)
def campaigns(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        def start():
            questionnaire = surveys.create_questionnaire(project=project, by=request.user,
                                                         title=request.POST.get("title", ""),
                                                         questions=read_questions(request.POST))
            chosen = list(Building.objects.filter(project=project, pk__in=[
                b for b in request.POST.getlist("buildings") if b.isdigit()]))
            try:
                per_building = int(request.POST.get("per_building", ""))
            except ValueError:
                per_building = 0
            return surveys.start_campaign(project=project, by=request.user, questionnaire=questionnaire,
                                          name=request.POST.get("name", ""), starts=_date(request.POST.get("starts")),
                                          ends=_date(request.POST.get("ends")), buildings=chosen,
                                          per_building=per_building)
        campaign, err = attempt(request, start, _("Survey started."))
        if campaign is not None:
            return redirect("residents:campaign", pk=campaign.pk)
    return render(request, "residents/campaigns.html", {
        "campaigns": Campaign.objects.filter(project=project).select_related("questionnaire")[:200],
        "buildings": Building.objects.filter(project=project).order_by("code"), "err": err,
        "kinds": QuestionKind.choices, "departments": DepartmentCode.choices, "form": request.POST,
        "rows": range(QUESTION_ROWS)},
        status=_status(err))


def _status(err) -> int:
    if not err:
        return 200
    return 403 if err["code"] in {"role_not_allowed", "forbidden"} else (
        404 if err["code"] == "not_found" else (409 if err["code"] in {"already_answered", "campaign_closed"}
                                                 else 400))


@login_required
@checked_by(may.require_survey_staff, refused)
def campaign(request, pk: int):
    project = current_project(request)
    c = get_object_or_404(Campaign.objects.filter(project=project).select_related("questionnaire"), pk=pk)
    questions = list(c.questionnaire.questions.all())
    err = None
    if request.method == "POST":
        sample = c.samples.filter(pk=request.POST.get("sample") if str(request.POST.get("sample", "")).isdigit()
                                  else 0).select_related("unit").first()

        def enter():
            if sample is None:
                from core.errors import NotFound
                raise NotFound(_("No such record."), code="not_found")
            return surveys.answer(campaign=c, unit=sample.unit, channel=AnswerChannel.PHONE, entered_by=request.user,
                                  respondent=request.POST.get("respondent", ""),
                                  answers={q.pk: request.POST.get(f"q{q.pk}", "") for q in questions})
        done, err = attempt(request, enter, _("Answers entered."))
        if done is not None:
            return redirect("residents:campaign", pk=c.pk)
    answered = set(c.responses.values_list("unit", flat=True))
    samples = [(s, s.unit_id in answered) for s in c.samples.select_related("unit__building").order_by(
        "unit__building__code", "unit__number")]
    return render(request, "residents/campaign.html", {
        "c": c, "questions": questions, "samples": samples, "rates": satisfaction.campaign_rates(c), "err": err},
        status=_status(err))


@login_required
@checked_by(may.require_report_reader, refused)
def statistics(request):
    project = current_project(request)
    return render(request, "residents/statistics.html", {"trend": satisfaction.trend(project),
                                                         "online": satisfaction.online_ratings(project),
                                                         "charts": satisfaction_charts(project)})


@login_required
@checked_by(may.require_notice_staff, refused)
def notice_list(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        # safe_int: "²" passes isdigit() and a 20-digit id overflows the database's integer (page fuzzing, issue 14)
        wanted = [safe_int(b) for b in request.POST.getlist("buildings")]
        chosen = list(Building.objects.filter(project=project, pk__in=[b for b in wanted if b is not None]))
        _done, err = attempt(request, lambda: notices.send_to_buildings(
            project=project, by=request.user, kind=request.POST.get("kind", ""), text=request.POST.get("text", ""),
            buildings=chosen), _("Notice sent."))
        if err is None:
            return redirect("residents:notices")
    return render(request, "residents/notices.html", {
        "rows": Notice.objects.filter(project=project).select_related("unit__building")[:300],
        "buildings": Building.objects.filter(project=project).order_by("code"),
        "kinds": [(k, v) for k, v in NoticeKind.choices if k in notices.BROADCAST_KINDS], "err": err},
        status=_status(err))


@login_required
@checked_by(may.require_notice_staff, refused)
def entry_codes(request):
    """One card per building: the QR code of its portal address and the short code under it (A4, cut out)."""
    project = current_project(request)
    cards = []
    for building in Building.objects.filter(project=project).order_by("code"):
        point = access.entry_point(building)
        url = request.build_absolute_uri(reverse("portal:entry", args=[point.code]))
        cards.append({"building": building, "code": point.code, "url": url,
                      "svg": segno.make(url, error="m").svg_inline(scale=4)})
    return render(request, "paper/residents_entry_codes.html", {"cards": cards, "today": clock.today()})


urlpatterns = [
    path("campaigns/", campaigns, name="campaigns"),
    path("campaigns/<id:pk>/", campaign, name="campaign"),
    path("statistics/", statistics, name="statistics"),
    path("notices/", notice_list, name="notices"),
    path("entry-codes/", entry_codes, name="entry-codes"),
]
