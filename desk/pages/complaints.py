"""Pages of the complaints area: register a complaint, the register with SLA timers, one complaint with
its actions, monthly statistics and quarterly/annual summaries with charts (COMPLAINT-1, COMPLAINT-2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock, policies
from core.errors import DomainError, NotAllowed
from core.models import Resident, Unit
from core.parsing import is_int, safe_date
from core.permissions import require_member, restrict
from core.roles import DepartmentCode
from core.web.pages import attempt, checked_by, current_project, refusal_page
from desk.models import Complaint, ComplaintChannel, ComplaintStatus, ComplaintSummary, SummaryKind
from desk.permissions import require_complaint_reader, shown_complaint_phone
from desk.selectors import complaints as selectors
from desk.services import complaints as svc
from desk.services import complaints_summary

refused = refusal_page(gettext_lazy("Complaints"))


def my_complaint(request, pk) -> Complaint:
    return get_object_or_404(restrict(Complaint.objects, request.user)
                             .select_related("project", "unit__building", "registered_by", "sent_by", "handled_by",
                                             "closed_by", "escalated_by"), pk=pk)


def _by_pk(model, project, value):
    if not value:
        return None
    if not is_int(value):
        raise DomainError(_("Choose from the list."), code="invalid_choice", rule="COMPLAINT-1")
    obj = model.objects.filter(project=project, pk=int(value)).first()
    if obj is None:
        raise DomainError(_("Choose from the list."), code="invalid_choice", rule="COMPLAINT-1")
    return obj


@login_required
def new_page(request):
    """《业主投诉记录表》: the clerk fills it as the complaint comes in; the time is the server's."""
    project = current_project(request)
    try:
        svc.require_policy_role(request.user, project, "desk.complaints.desk_roles", "COMPLAINT-1")
    except DomainError as exc:
        return refused(request, exc)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            return svc.register_complaint(
                project=project, registered_by=request.user, person_name=form.get("person_name", ""),
                phone=form.get("phone", ""), content=form.get("content", ""), channel=form.get("channel", ""),
                unit=_by_pk(Unit, project, form.get("unit")), resident=_by_pk(Resident, project, form.get("resident")),
                subject=form.get("subject", ""), department=form.get("department", ""),
                is_vip=form.get("is_vip") == "on", major=form.get("major") == "on")
        done, err = attempt(request, call, _("The complaint is registered."))
        if done:
            return redirect("desk:complaints-detail", pk=done.pk)
    return render(request, "desk/complaints/new.html", {
        "form": form, "err": err, "channels": ComplaintChannel.choices, "departments": DepartmentCode.choices,
        "subjects": policies.value("desk.complaints.subjects", project),
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number"),
    }, status=400 if err else 200)


@login_required
@checked_by(require_member, refused)
def list_page(request):
    """The register with each open complaint's running deadline; filters by status and overdue."""
    project = current_project(request)
    qs = selectors.register(project=project, user=request.user)
    status = request.GET.get("status", "")
    if status in ComplaintStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("overdue") == "1":
        qs = qs.filter(pk__in=selectors.overdue(project=project).values("pk"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    now = clock.now()
    rows = [{"c": c, "timer": selectors.timer(c, now), "phone": shown_complaint_phone(request.user, c)} for c in page]
    return render(request, "desk/complaints/list.html", {
        "page": page, "rows": rows, "statuses": ComplaintStatus.choices, "status": status,
        "overdue_only": request.GET.get("overdue") == "1",
        "may_register": svc._may(request.user, project, "desk.complaints.desk_roles"),
        "may_stats": svc.may_read_all(request.user, project)})


@login_required
def detail_page(request, pk: int):
    complaint = my_complaint(request, pk)
    if not svc.may_see(request.user, complaint):
        return refused(request, NotAllowed(_("Your role may not read this complaint."), code="role_not_allowed",
                                           rule="COMPLAINT-2"))
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "escalate": (lambda: svc.escalate_complaint(complaint=complaint, escalated_by=user,
                                                        note=data.get("note", "")), _("The complaint is escalated.")),
            "send": (lambda: svc.send_to_department(complaint=complaint, sent_by=user,
                                                    department=data.get("department", "")),
                     _("The complaint is sent to the department.")),
            "handle": (lambda: svc.record_handling(complaint=complaint, handled_by=user,
                                                   handling=data.get("handling", "")), _("The handling is recorded.")),
            "close": (lambda: svc.close_complaint(complaint=complaint, closed_by=user,
                                                  follow_up=data.get("follow_up", "")), _("The complaint is closed.")),
        }
        action = data.get("action", "")
        if action not in calls:
            err = {"message": _("Unknown action."), "code": "invalid_action", "rule": "", "clause": ""}
        else:
            done, err = attempt(request, *calls[action])
            if done:
                return redirect("desk:complaints-detail", pk=complaint.pk)
        complaint.refresh_from_db()
    project = complaint.project
    return render(request, "desk/complaints/detail.html", {
        "c": complaint, "err": err, "timer": selectors.timer(complaint), "phone": shown_complaint_phone(request.user, complaint),
        "departments": DepartmentCode.choices,
        "may_desk": svc._may(request.user, project, "desk.complaints.desk_roles"),
        "may_handle": svc.may_handle(request.user, complaint),
        "may_close_major": svc._may(request.user, project, "desk.complaints.escalation_roles"),
    }, status=err_status(err))


def err_status(err) -> int:
    if not err:
        return 200
    return {"not_found": 404, "role_not_allowed": 403, "not_responsible_department": 403,
            "major_needs_supervisor": 403, "illegal_transition": 409}.get(err["code"], 400)


def _period(request):
    kind = request.GET.get("kind", SummaryKind.MONTH)
    kind = kind if kind in SummaryKind.values else SummaryKind.MONTH
    day = safe_date(request.GET.get("day")) or clock.today()
    return kind, day, selectors.period_for(kind, day)


@login_required
@checked_by(require_complaint_reader, refused)
def stats_page(request):
    """Monthly statistics; quarterly and annual summaries with bar charts; saving a summary with the
    supervisor's improvement proposals (001 篇1 第四章(九)–(十一))."""
    project = current_project(request)
    kind, day, period = _period(request)
    err = None
    if request.method == "POST":
        post_day = safe_date(request.POST.get("day"))
        done, err = attempt(request, lambda: complaints_summary.save_summary(
            project=project, created_by=request.user, kind=request.POST.get("kind", ""),
            day=post_day or day, proposals=request.POST.get("proposals", "")), _("The summary is saved."))
        if done:
            return redirect("desk:complaints-summary", pk=done.pk)
    figures = selectors.summary_figures(project=project, kind=kind, period=period)
    return render(request, "desk/complaints/stats.html", {
        "kind": kind, "day": day, "period": period, "f": figures, "kinds": SummaryKind.choices, "err": err,
        "charts": charts(figures), "may_summarise": svc._may(request.user, project, "desk.complaints.summary_roles"),
        "saved": ComplaintSummary.objects.filter(project=project, kind=kind, start=period.start).first(),
        "summaries": ComplaintSummary.objects.filter(project=project)[:24],
    }, status=err_status(err))


def charts(figures: dict) -> list[dict]:
    out = [{"title": _("By subject"), "bars": selectors.bars(figures["by_subject"])},
           {"title": _("By department"), "bars": selectors.bars(figures["by_department"])},
           {"title": _("By channel"), "bars": selectors.bars(figures["by_channel"])}]
    if figures.get("by_month"):
        out.insert(0, {"title": _("By month"), "bars": selectors.bars(figures["by_month"])})
    for chart in out:
        chart["height"] = max(24, 24 * len(chart["bars"]))
    return out


def my_summary(request, pk: int) -> ComplaintSummary:
    """A saved summary of one of the user's projects (404 for another project's), readers only."""
    summary = get_object_or_404(restrict(ComplaintSummary.objects, request.user)
                                .select_related("project", "created_by"), pk=pk)
    require_complaint_reader(request.user, summary.project)
    return summary


@login_required
def summary_page(request, pk: int):
    try:
        summary = my_summary(request, pk)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "desk/complaints/summary.html", {"s": summary, "f": summary.figures,
                                                            "charts": charts(summary.figures)})


urlpatterns = [
    path("complaints/", list_page, name="complaints-list"),
    path("complaints/new/", new_page, name="complaints-new"),
    path("complaints/<id:pk>/", detail_page, name="complaints-detail"),
    path("complaints/statistics/", stats_page, name="complaints-stats"),
    path("complaints/summaries/<id:pk>/", summary_page, name="complaints-summary"),
]
