"""Pages of the day's collection (日收日清), the day's report of large fees (日收日报), the monthly statement and
fees due with their reminders (FEE-1, FEE-2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock
from core.errors import DomainError
from core.models import Unit
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick
from siteoffice.models import DailyClose, FeeDue, Price
from siteoffice.pages.common import day_of, err_status, month_of, refused, safe_day
from siteoffice.permissions import collect_fees, receive_closes, require_fee_reader
from siteoffice.selectors import fees as selectors
from siteoffice.services import collection as svc
from siteoffice.states import CloseStatus, ReminderChannel


@login_required
@checked_by(require_fee_reader, refused)
def closes_page(request):
    project = current_project(request)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.close_day(project=project, clerk=request.user,
                                                           day=safe_day(request.POST.get("day")) or clock.today()),
                            _("Your day is closed: hand the collection over for signature."))
        if done:
            return redirect("siteoffice:close", pk=done.pk)
    today = clock.today()
    mine = selectors.of_day(project=project, day=today, clerk=request.user)
    return render(request, "siteoffice/closes.html", {
        "err": err, "today": today, "mine": selectors.day_totals(mine),
        "closed_today": DailyClose.objects.filter(project=project, clerk=request.user, day=today).first(),
        "unclosed": selectors.unclosed_days(project=project),
        "page": Paginator(selectors.closes(project=project), 50).get_page(request.GET.get("page")),
        "may_collect": collect_fees(request.user, project)}, status=err_status(err))


@login_required
def close_page(request, pk: int):
    close = get_object_or_404(restrict(DailyClose.objects, request.user).select_related(
        "project", "clerk", "received_by"), pk=pk)
    try:
        require_fee_reader(request.user, close.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: svc.sign_close(close=close, receiver=request.user),
                            _("The day's collection is received."))
        if done:
            return redirect("siteoffice:close", pk=close.pk)
    rows = selectors.of_day(project=close.project, day=close.day, clerk=close.clerk).order_by("seq")
    return render(request, "siteoffice/close.html", {
        "c": close, "err": err, "rows": rows, "methods": selectors.labelled(close.totals),
        "may_sign": close.status == CloseStatus.CLOSED and receive_closes(request.user, close.project)
        and request.user.pk != close.clerk_id}, status=err_status(err))


@login_required
@checked_by(require_fee_reader, refused)
def daily_report_page(request):
    project = current_project(request)
    day = day_of(request)
    return render(request, "siteoffice/daily_report.html", {
        "day": day, "rows": selectors.large_fees(project=project, day=day),
        "threshold": selectors.large_amount(project),
        "totals": selectors.day_totals(selectors.of_day(project=project, day=day))})


@login_required
@checked_by(require_fee_reader, refused)
def statement_page(request):
    project = current_project(request)
    year, month = month_of(request)
    return render(request, "siteoffice/statement.html", {
        "s": selectors.statement(project=project, year=year, month=month)})


def _due_action(request, project):
    form = request.POST
    if form.get("action") == "remind":
        due = pick(FeeDue, project, form.get("due"))
        if due is None:
            raise DomainError(_("No such record."), code="not_found")
        return svc.remind(due=due, by=request.user, channel=form.get("channel", ""), note=form.get("note", ""))
    return svc.record_due(project=project, by=request.user, unit=pick(Unit, project, form.get("unit")),
                          price=pick(Price, project, form.get("price")) or _missing_price(),
                          quantity=form.get("quantity", ""), period=form.get("period", ""),
                          due_date=safe_day(form.get("due_date")), payer=form.get("payer", ""))


def _missing_price():
    raise DomainError(_("Choose the fee item."), code="required", details={"field": "price"})


@login_required
@checked_by(require_fee_reader, refused)
def dues_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: _due_action(request, project), _("Done."))
        if done:
            return redirect("siteoffice:dues")
    state = request.GET.get("state", "unpaid")
    rows = (selectors.overdue(project=project) if state == "overdue" else
            selectors.unpaid(project=project).order_by("due_date", "pk") if state == "unpaid" else
            selectors.dues(project=project).order_by("-due_date", "pk"))
    return render(request, "siteoffice/dues.html", {
        "page": Paginator(rows.prefetch_related("reminders"), 50).get_page(request.GET.get("page")),
        "state": state, "err": err, "form": form, "today": clock.today(),
        "prices": selectors.price_list(project=project), "channels": ReminderChannel.choices,
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number"),
        "may_collect": collect_fees(request.user, project)}, status=err_status(err))


urlpatterns = [
    path("closes/", closes_page, name="closes"),
    path("closes/<id:pk>/", close_page, name="close"),
    path("daily-report/", daily_report_page, name="daily-report"),
    path("statement/", statement_page, name="statement"),
    path("dues/", dues_page, name="dues"),
]
