"""Attendance pages: the one-button clock, the supervisor's daily view, leave of post, the monthly report
and the clerk's designation (ATTEND-1, ATTEND-2)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import clock, policies
from core.models import User
from core.parsing import safe_date, safe_int
from core.permissions import has_role, restrict
from core.web.pages import attempt, current_project, page_requires
from duty import permissions as may
from duty.models.attendance import ClockKind, PostLeave, ReportStatus
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post


def staff(project) -> list[User]:
    return list(User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username"))


def parse_month(value: str) -> dt.date:
    month = safe_date(f"{value}-01") if value else None
    if month is None:
        raise Http404
    return month


def report_context(project, month: dt.date) -> dict:
    """What the report page, the print view and the Excel export show: the snapshot once submitted."""
    report = sel.report_for(project=project, month=month)
    live = report is None or report.status != ReportStatus.SUBMITTED
    figures = sel.monthly_figures(project=project, month=month) if live else report.figures
    return {"project": project, "month": month, "report": report, "figures": figures, "live": live,
            "due_on": report.due_on if report else sel.report_due_on(project=project, month=month),
            "clerk": sel.current_clerk(project)}


@login_required
def clock_page(request):
    """A phone-width page with one big button: the server records the time (ATTEND-1)."""
    project = current_project(request)
    status = 200
    if request.method == "POST":
        event, err = attempt(request, lambda: svc.clock_toggle(project=project, person=request.user),
                             _("Recorded at server time."))
        if event:
            return redirect("duty:attendance")
        status = 400
    last = sel.last_event(project=project, person=request.user)
    return render(request, "duty/attendance/clock.html", {
        "last": last, "on_duty": bool(last and last.kind == ClockKind.IN),
        "shift": sel.current_shift(project=project, person=request.user),
        "supervisor": sel.may_prepare(request.user, project),
        "now": clock.now(),
    }, status=status)


@page_requires(may.prepare_attendance, rule="ATTEND-2", title=gettext_lazy("Attendance"))
def day_page(request):
    """The supervisor's daily view: lateness, early leave, absence, leave of post flagged (ATTEND-2)."""
    project = current_project(request)
    day = safe_date(request.GET.get("day", "") or "") or clock.today()
    rows = sel.day_rows(project=project, day=day)
    return render(request, "duty/attendance/day.html", {
        "day": day, "rows": rows, "previous": day - dt.timedelta(days=1), "next": day + dt.timedelta(days=1),
        "staff": staff(project), "flagged": sum(1 for r in rows if r.flagged),
        "grace": policies.value("duty.attendance.grace_minutes", project),
    })


@login_required
@require_POST
def absence_record(request):
    project = current_project(request)
    person = User.objects.filter(pk=safe_int(request.POST.get("person"), 0)).first()
    if person is None:
        raise Http404
    attempt(request, lambda: post.record_absence(project=project, person=person, recorded_by=request.user,
                                                 note=request.POST.get("note", "")),
            _("Absence from post recorded."))
    return redirect("duty:attendance-day")


@login_required
def leave_page(request):
    """Ask to leave the post; superiors decide; the leaving and return are stamped by the server (ATTEND-2)."""
    project = current_project(request)
    status = 200
    if request.method == "POST":
        done, err = attempt(request, lambda: post.request_leave(project=project, person=request.user,
                                                                reason=request.POST.get("reason", "")),
                            _("Request sent to your superior."))
        if done:
            return redirect("duty:attendance-leave")
        status = 400
    approver_roles = policies.value("duty.attendance.leave_approver_roles", project)
    approver = request.user.is_superuser or has_role(request.user, project, *approver_roles)
    return render(request, "duty/attendance/leave.html", {
        "mine": sel.leaves(project=project, person=request.user)[:20],
        "pending": sel.pending_leaves(project=project).exclude(person=request.user) if approver else [],
        "recent": sel.leaves(project=project)[:30] if sel.is_supervisor(request.user, project) else [],
    }, status=status)


@login_required
@require_POST
def leave_act(request, pk: int):
    leave = get_object_or_404(restrict(PostLeave.objects, request.user), pk=pk)
    user, comment = request.user, request.POST.get("comment", "")
    calls = {
        "approve": (lambda: post.decide_leave(leave=leave, approver=user, approve=True, comment=comment),
                    _("Leave of post approved.")),
        "reject": (lambda: post.decide_leave(leave=leave, approver=user, approve=False, comment=comment),
                   _("Leave of post rejected.")),
        "cancel": (lambda: post.cancel_leave(leave=leave, actor=user), _("Request cancelled.")),
        "left": (lambda: post.mark_left(leave=leave, actor=user), _("Leaving recorded at server time.")),
        "returned": (lambda: post.mark_returned(leave=leave, actor=user), _("Return recorded at server time.")),
    }
    action = request.POST.get("action", "")
    if action not in calls:
        raise Http404
    done, err = attempt(request, *calls[action])
    if err:
        request.method = "GET"
        response = leave_page(request)
        response.status_code = 400
        return response
    return redirect("duty:attendance-leave")


@page_requires(may.read_attendance_reports, rule="ATTEND-1", title=gettext_lazy("Attendance"))
def reports_page(request):
    """Reports by month, the clerk's designation, the deadline (ATTEND-1)."""
    project = current_project(request)
    today = clock.today()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return render(request, "duty/attendance/reports.html", {
        "reports": sel.reports(project=project)[:24], "clerk": sel.current_clerk(project),
        "staff": staff(project), "supervisor": sel.is_supervisor(request.user, project),
        "may_prepare": sel.may_prepare(request.user, project), "last_month": last_month,
        "this_month": today.replace(day=1), "due_on": sel.report_due_on(project=project, month=last_month),
    })


@login_required
@require_POST
def clerk_designate(request):
    project = current_project(request)
    person = User.objects.filter(pk=safe_int(request.POST.get("person"), 0)).first()
    if person is None:
        raise Http404
    attempt(request, lambda: svc.designate_clerk(project=project, person=person, actor=request.user),
            _("Attendance clerk designated."))
    return redirect("duty:attendance-reports")


@page_requires(may.read_attendance_reports, rule="ATTEND-1", title=gettext_lazy("Attendance"))
def report_page(request, month: str):
    project = current_project(request)
    month_day = parse_month(month)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "prepare":
            call = (lambda: svc.prepare_report(project=project, month=month_day, actor=request.user),
                    _("Report prepared."))
        elif action == "submit":
            report = sel.report_for(project=project, month=month_day)
            if report is None:
                raise Http404
            call = (lambda: svc.submit_report(report=report, actor=request.user,
                                              late_reason=request.POST.get("late_reason", "")),
                    _("Report submitted to HR."))
        else:
            raise Http404
        done, err = attempt(request, *call)
        if done:
            return redirect("duty:attendance-report", month=month)
        status = 400
    context = report_context(project, month_day)
    context.update({"may_prepare": sel.may_prepare(request.user, project), "today": clock.today()})
    return render(request, "duty/attendance/report.html", context, status=status)


urlpatterns = [
    path("attendance/", clock_page, name="attendance"),
    path("attendance/day/", day_page, name="attendance-day"),
    path("attendance/absence/", absence_record, name="attendance-absence"),
    path("attendance/leave/", leave_page, name="attendance-leave"),
    path("attendance/leave/<id:pk>/act/", leave_act, name="attendance-leave-act"),
    path("attendance/reports/", reports_page, name="attendance-reports"),
    path("attendance/clerk/", clerk_designate, name="attendance-clerk"),
    path("attendance/reports/<str:month>/", report_page, name="attendance-report"),
]
