"""Holiday pages: the calendar, the decoration register and each holiday's preparation checklist
(HOLIDAY-1, HOLIDAY-2)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.errors import NotFound
from core.masking import mask_phone
from core.models import Unit
from core.parsing import is_int, safe_date, safe_year
from core.permissions import restrict
from core.web.pages import attempt, current_project
from duty.models import CalendarDay, DecorationHousehold, HolidayPrep, InspectionFinding, NoticeChannel, NoticeKind
from duty.selectors import holidays as sel
from duty.services import holidays as svc
from duty.services import holidays_calendar as cal


def my_prep(request, pk) -> HolidayPrep:
    return get_object_or_404(restrict(HolidayPrep.objects, request.user)
                             .select_related("project", "created_by"), pk=pk)


def units_of(project):
    return Unit.objects.filter(project=project).select_related("building").order_by("building__code", "floor",
                                                                                    "number")


def phone_shown(user, household: DecorationHousehold) -> str:
    """The household's phone in full for the desk that calls it, masked for everyone else (CORE-3)."""
    if svc.may_see_phone(user, household.project):
        return household.contact_phone
    return mask_phone(household.contact_phone)


def findings_from(text: str) -> list[dict]:
    """One finding a line: place | hazard | fix (the place and the fix may be left out)."""
    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not any(parts):
            continue
        if len(parts) == 1:
            out.append({"hazard": parts[0]})
        elif len(parts) == 2:
            out.append({"place": parts[0], "hazard": parts[1]})
        else:
            out.append({"place": parts[0], "hazard": parts[1], "fix": parts[2]})
    return out


def _found(household):
    if household is None:
        raise NotFound(_("No such record."), code="not_found")
    return household


@login_required
def holidays_home(request):
    project = current_project(request)
    today = clock.today()
    preps = {p.start: p for p in sel.preps(project=project)}
    upcoming = []
    for period in sel.upcoming_holidays(project=project, today=today, within_days=120):
        upcoming.append({"period": period, "prep": preps.get(period.start),
                         "notice_due": sel.notice_due(project=project, name=period.name, start=period.start,
                                                      days=period.days),
                         "needs_inspection": sel.needs_inspection(project=project, days=period.days)})
    return render(request, "duty/holidays/home.html", {
        "upcoming": upcoming, "preps": list(preps.values())[:30], "today": today,
        "uninspected": list(sel.uninspected_preps(project=project, today=today)),
        "calendar_empty": not CalendarDay.objects.filter(date__year=today.year).exists(),
    })


@login_required
@require_POST
def holidays_open(request):
    project = current_project(request)
    prep, _err = attempt(request, lambda: svc.open_prep(project=project, opened_by=request.user,
                                                       start=safe_date(request.POST.get("start", "") or "")),
                        _("The holiday preparation is open."))
    if prep:
        return redirect("duty:holidays-prep", pk=prep.pk)
    return redirect("duty:holidays")


@login_required
def holidays_calendar(request):
    project = current_project(request)
    year = safe_year(request.GET.get("year"), clock.today().year)
    if request.method == "POST":
        action = request.POST.get("action", "")
        name = request.POST.get("name", "")
        if action == "period":
            call = lambda: cal.add_holiday_period(
                project=project, entered_by=request.user, name=name,
                start=safe_date(request.POST.get("start", "") or ""), end=safe_date(request.POST.get("end", "") or ""))
        elif action == "remove":
            call = lambda: cal.remove_admin_day(
                project=project, removed_by=request.user, day=safe_date(request.POST.get("day", "") or ""))
        else:
            call = lambda: cal.add_makeup_workday(
                project=project, entered_by=request.user, name=name,
                day=safe_date(request.POST.get("day", "") or ""))
        done, _err = attempt(request, call, _("The calendar is updated."))
        if done is not None:
            return redirect(f"{request.path}?year={year}")
    days = CalendarDay.objects.filter(date__year=year).select_related("created_by")
    periods = sel.periods_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return render(request, "duty/holidays/calendar.html", {
        "year": year, "days": days, "periods": periods, "may_edit": cal.may_edit_calendar(request.user, project),
        "package_last": cal.package_years()[-1], "years": [year - 1, year + 1],
    })


@login_required
def holidays_decoration(request):
    project = current_project(request)
    if request.method == "POST":
        unit = request.POST.get("unit", "")
        done, _err = attempt(request, lambda: svc.register_household(
            project=project, registered_by=request.user, unit=int(unit) if is_int(unit) else None,
            contact_name=request.POST.get("contact_name", ""), contact_phone=request.POST.get("contact_phone", ""),
            contractor=request.POST.get("contractor", ""), starts=safe_date(request.POST.get("starts", "") or ""),
            ends=safe_date(request.POST.get("ends", "") or "")), _("The household is registered."))
        if done:
            return redirect("duty:holidays-decoration")
    households = list(DecorationHousehold.objects.filter(project=project, ends__gte=clock.today())
                      .select_related("unit", "unit__building", "project"))
    for h in households:
        h.phone_shown = phone_shown(request.user, h)
    return render(request, "duty/holidays/decoration.html", {"households": households, "units": units_of(project),
                                                             "today": clock.today()})


@login_required
def holidays_prep(request, pk: int):
    prep = my_prep(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        post = request.POST
        if action == "notice":
            call, ok = (lambda: svc.record_notice(prep=prep, kind=post.get("kind", ""), channel=post.get("channel", ""),
                                                  posted_by=request.user, note=post.get("note", ""))), _("Notice recorded.")
        elif action == "call":
            household = DecorationHousehold.objects.filter(project=prep.project, pk=post.get("household") or 0).first()
            call, ok = (lambda: svc.record_call(prep=prep, household=_found(household), called_by=request.user,
                                                reached=post.get("reached") == "yes", note=post.get("note", ""))), \
                _("Call recorded.")
        elif action == "quiet":
            call, ok = (lambda: svc.receive_quiet_request(
                prep=prep, received_by=request.user, unit=int(post.get("unit") or 0) or None,
                applicant=post.get("applicant", ""), work=post.get("work", ""),
                work_from=safe_date(post.get("work_from", "") or ""),
                work_to=safe_date(post.get("work_to", "") or ""))), _("Request accepted and handed to order maintenance.")
        elif action == "parking":
            call, ok = (lambda: svc.register_guest_parking(
                prep=prep, registered_by=request.user, unit=int(post.get("unit") or 0) or None,
                plate=post.get("plate", ""), guest=post.get("guest", ""),
                day=safe_date(post.get("day", "") or ""))), _("Guest parking registered.")
        elif action == "inspection":
            call, ok = (lambda: svc.record_inspection(
                prep=prep, organised_by=request.user, participants=post.get("participants", ""),
                summary=post.get("summary", ""), findings=findings_from(post.get("findings", "")))), \
                _("Safety inspection recorded.")
        elif action == "fix":
            finding = get_object_or_404(InspectionFinding, pk=post.get("finding") or 0, inspection__prep=prep)
            call, ok = (lambda: svc.fix_finding(finding=finding, fixed_by=request.user, fix=post.get("fix", ""))), \
                _("Hazard marked fixed.")
        else:
            return redirect("duty:holidays-prep", pk=prep.pk)
        done, _err = attempt(request, call, ok)
        if done is not None:
            return redirect("duty:holidays-prep", pk=prep.pk)
    checklist = sel.checklist(prep)
    for row in checklist["households"]:
        row["phone"] = phone_shown(request.user, row["household"])
    return render(request, "duty/holidays/prep.html", {
        "prep": prep, "c": checklist, "kinds": NoticeKind.choices, "channels": NoticeChannel.choices,
        "units": units_of(prep.project), "today": clock.today(),
    })


urlpatterns = [
    path("holidays/", holidays_home, name="holidays"),
    path("holidays/open/", holidays_open, name="holidays-open"),
    path("holidays/calendar/", holidays_calendar, name="holidays-calendar"),
    path("holidays/decoration/", holidays_decoration, name="holidays-decoration"),
    path("holidays/<id:pk>/", holidays_prep, name="holidays-prep"),
]
