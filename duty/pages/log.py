"""Pages of the duty log: the day's pages by shift with open items carried over, an entry with its
emergency form and written report, the daily sign-off, rounds (DUTY-LOG-1..6). Phone-first layout."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import attachments, clock, policies
from core.errors import DomainError
from core.parsing import safe_date
from core.permissions import has_role, restrict
from core.web.pages import attempt, checked_by, current_project, error_info, parse_local
from duty.models import DutyEntry, DutyRound, EmergencyReport
from duty.selectors import log as selectors
from duty.services import log as log_service
from duty.services import log_emergency, log_rounds, log_signoff
from duty.states import SERIOUS, EntryKind, Severity, SignoffKind


def _refused(request, exc: DomainError):
    return render(request, "duty/log/refused.html", {"err": error_info(exc)}, status=exc.status)


def _day(request):
    return safe_date(request.GET.get("day", "") or request.POST.get("day", "") or "") or clock.today()


def _may(user, project, policy_key: str) -> bool:
    return user.is_superuser or has_role(user, project, *policies.value(policy_key, project))


@login_required
@checked_by(log_service.require_log_reader, _refused)
def log_page(request):
    """The day's log: open items from earlier pages on top, then one page per shift (DUTY-LOG-1)."""
    project = current_project(request)
    day = _day(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        entry, err = attempt(request, lambda: log_service.record_entry(
            project=project, recorded_by=request.user, kind=form.get("kind", ""),
            severity=form.get("severity", Severity.NORMAL), occurred_at=parse_local(form.get("occurred_at")),
            what_happened=form.get("what_happened", ""), handling=form.get("handling", ""),
            location=form.get("location", ""), people=form.get("people", "")), _("The entry is recorded."))
        if entry:
            if entry.severity in SERIOUS:
                return redirect("duty:log-entry", pk=entry.pk)
            return redirect("duty:log")
    signoffs = selectors.signoffs_of_day(project=project, day=day)
    return render(request, "duty/log/day.html", {
        "day": day, "today": clock.today(), "pages": selectors.pages_of_day(project=project, day=day),
        "carried": selectors.carried_over(project=project, day=day),
        "manager_signoff": signoffs.get(SignoffKind.MANAGER_SIGNOFF),
        "supervisor_read": signoffs.get(SignoffKind.SUPERVISOR_READ),
        "may_sign": _may(request.user, project, "duty.log.signoff_roles"),
        "may_read": _may(request.user, project, "duty.log.reading_roles"),
        "unsigned": selectors.unsigned_days(project=project)[:14],
        "unread": selectors.unsigned_days(project=project, kind=SignoffKind.SUPERVISOR_READ)[:14],
        "overdue": selectors.overdue_reports(project=project),
        "kinds": EntryKind.choices, "severities": Severity.choices, "err": err, "form": form,
        "kind_chosen": form.get("kind") or log_service.ENTRY_KIND_DEFAULT,
        "previous": day - dt.timedelta(days=1), "next": day + dt.timedelta(days=1),
    })


def _my_entry(request, pk) -> DutyEntry:
    return get_object_or_404(restrict(DutyEntry.objects, request.user)
                             .select_related("project", "recorded_by", "resolved_by"), pk=pk)


@login_required
def entry_page(request, pk: int):
    """One event: resolve it; for a serious one fill the emergency form, attach photos, submit the report."""
    entry = _my_entry(request, pk)
    try:
        log_service.require_log_reader(request.user, entry.project)
    except DomainError as exc:
        return _refused(request, exc)
    report = EmergencyReport.objects.filter(entry=entry).first()
    err = None
    if request.method == "POST":
        action, data = request.POST.get("action", ""), request.POST
        calls = {
            "resolve": (lambda: log_service.resolve_entry(entry=entry, resolved_by=request.user,
                                                          result=data.get("result", ""),
                                                          handling=data.get("handling", "")), _("The entry is resolved.")),
        }
        if report is not None:
            upload = request.FILES.get("photo")
            calls.update({
                "fill": (lambda: log_emergency.fill_emergency_form(
                    report=report, filled_by=request.user, measures=data.get("measures", ""),
                    reported_to=data.get("reported_to", ""), losses=data.get("losses", ""),
                    departments=data.get("departments", "")), _("The emergency form is saved.")),
                "photo": (lambda: log_emergency.attach_emergency_photo(
                    report=report, uploaded_by=request.user, name=upload.name if upload else "",
                    data=upload.read() if upload else b""), _("The photo is attached.")),
                "report": (lambda: log_emergency.submit_written_report(
                    report=report, submitted_by=request.user, text=data.get("report_text", "")),
                    _("The written report is submitted.")),
                "acknowledge": (lambda: log_emergency.acknowledge_report(report=report, received_by=request.user),
                                _("Receipt of the report is confirmed.")),
            })
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("duty:log-entry", pk=entry.pk)
        entry.refresh_from_db()
        if report is not None:
            report.refresh_from_db()
    context = {"entry": entry, "report": report, "err": err}
    if report is not None:
        context.update({
            "photos": attachments.attachments_of(report),
            "missing": log_emergency.missing_for_completion(report),
            "min_photos": policies.value("duty.log.emergency_min_photos", entry.project),
            "overdue": report.report_submitted_at is None and report.report_due_at < clock.now(),
            "may_acknowledge": _may(request.user, entry.project, "duty.log.report_roles"),
        })
    return render(request, "duty/log/entry.html", context)


@login_required
@require_POST
def sign_page(request):
    """The manager signs, the supervisor marks as read, one day's log (DUTY-LOG-4)."""
    project = current_project(request)
    day = _day(request)
    kind = request.POST.get("kind", "")
    password = request.POST.get("password") or None
    attempt(request, lambda: log_signoff.sign_day(project=project, day=day, kind=kind, signer=request.user,
                                                  password=password, comment=request.POST.get("comment", "")),
            _("Signed.") if kind == SignoffKind.MANAGER_SIGNOFF else _("Marked as read."))
    return redirect(f"{reverse('duty:log')}?day={day.isoformat()}")


@login_required
@checked_by(log_service.require_log_reader, _refused)
def rounds_page(request):
    """Start a round; the recent rounds with what they found (DUTY-LOG-6)."""
    project = current_project(request)
    if request.method == "POST":
        duty_round, err = attempt(request, lambda: log_rounds.start_round(project=project, person=request.user),
                                  _("The round has started."))
        if duty_round:
            return redirect("duty:log-round", pk=duty_round.pk)
    mine = DutyRound.objects.filter(performed_by=request.user, finished_at__isnull=True).first()
    return render(request, "duty/log/rounds.html", {"rounds": selectors.recent_rounds(project=project),
                                                    "mine": mine})


@login_required
def round_page(request, pk: int):
    """Check each area for condition, hygiene and discipline, and the lighting; finish the round."""
    duty_round = get_object_or_404(restrict(DutyRound.objects, request.user)
                                   .select_related("project", "performed_by"), pk=pk)
    project = duty_round.project
    try:
        log_service.require_log_reader(request.user, project)
    except DomainError as exc:
        return _refused(request, exc)
    areas = log_rounds.areas_for(project)
    err = None
    if request.method == "POST":
        data = request.POST
        checks = [{"area": area, "condition_ok": data.get(f"condition-{i}") == "1",
                   "hygiene_ok": data.get(f"hygiene-{i}") == "1", "discipline_ok": data.get(f"discipline-{i}") == "1",
                   "note": data.get(f"note-{i}", "")}
                  for i, area in enumerate(areas) if data.get(f"checked-{i}") == "1"]
        lighting = {"1": True, "0": False}.get(data.get("lighting", ""))
        done, err = attempt(request, lambda: log_rounds.finish_round(
            duty_round=duty_round, person=request.user, checks=checks, lighting_ok=lighting,
            note=data.get("note", "")), _("The round is recorded."))
        if done:
            return redirect("duty:log-round", pk=pk)
    return render(request, "duty/log/round.html", {
        "round": duty_round, "areas": list(enumerate(areas)), "err": err,
        "entry": log_rounds.entry_of(duty_round) if duty_round.finished_at else None,
        "points": log_rounds.walk_of(duty_round), "walk": log_rounds.live_walk(duty_round),
    })


urlpatterns = [
    path("log/", log_page, name="log"),
    path("log/sign/", sign_page, name="log-sign"),
    path("log/entries/<id:pk>/", entry_page, name="log-entry"),
    path("log/rounds/", rounds_page, name="log-rounds"),
    path("log/rounds/<id:pk>/", round_page, name="log-round"),
]
