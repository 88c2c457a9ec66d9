"""Pages of visitor reception (FRONT-1): register a visitor, the day's visitors, one visitor with the host's
agreement, the refusal with its reason, the departure. Phone-usable: one column, big buttons."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import Resident, Unit, User
from core.parsing import safe_date
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick, refusal_page
from desk.models import ContactMethod, HostKind, IdType, RefusalReason, Visitor
from desk.permissions import require_registers
from desk.selectors.registers import visitors_of_day
from desk.services import visitors as service

refused = refusal_page(gettext_lazy("Visitor reception"))


def units_of(project):
    return Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")


def staff_of(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("full_name")


@login_required
@checked_by(require_registers, refused)
def list_page(request):
    project = current_project(request)
    day = safe_date(request.GET.get("day", "") or "") or clock.today()
    page = Paginator(visitors_of_day(project=project, day=day), 50).get_page(request.GET.get("page"))
    return render(request, "desk/registers/visitors_list.html", {"page": page, "day": day})


@login_required
@checked_by(require_registers, refused)
def new_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else request.GET
    err = None
    if request.method == "POST":
        staff = form.get("host_staff", "")
        visitor, err = attempt(request, lambda: service.register_visitor(
            project=project, registered_by=request.user, visitor_name=form.get("visitor_name", ""),
            id_type=form.get("id_type", ""), id_number=form.get("id_number", ""), host_kind=form.get("host_kind", ""),
            unit=pick(Unit, project, form.get("unit")), resident=pick(Resident, project, form.get("resident")),
            host_staff=staff_of(project).filter(pk=int(staff)).first() if staff.isdigit() else None,
            host_name=form.get("host_name", ""), purpose=form.get("purpose", ""),
            party_size=form.get("party_size", "1")), _("The visitor is registered; contact the host."))
        if visitor:
            return redirect("desk:visitors-detail", pk=visitor.pk)
    return render(request, "desk/registers/visitors_new.html", {
        "form": form, "err": err, "units": units_of(project), "staff": staff_of(project),
        "id_types": IdType.choices, "host_kinds": HostKind.choices})


def my_visitor(request, pk) -> Visitor:
    return get_object_or_404(restrict(Visitor.objects, request.user).select_related(
        "project", "unit__building", "registered_by", "contacted_by", "host_staff"), pk=pk)


@login_required
def detail_page(request, pk: int):
    visitor = my_visitor(request, pk)
    try:
        require_registers(request.user, visitor.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "admit": (lambda: service.admit_visitor(visitor=visitor, contacted_by=user, method=data.get("method", ""),
                                                    agreed_by=data.get("agreed_by", "")),
                      _("The host agreed; the visitor is let in.")),
            "identify": (lambda: service.show_identification(visitor=visitor, recorded_by=user,
                                                             id_type=data.get("id_type", ""),
                                                             id_number=data.get("id_number", "")),
                         _("Identification recorded.")),
            "refuse": (lambda: service.refuse_visitor(visitor=visitor, refused_by=user, reason=data.get("reason", ""),
                                                      note=data.get("note", "")), _("Entry refused.")),
            "leave": (lambda: service.record_departure(visitor=visitor, recorded_by=user), _("Departure recorded.")),
        }
        if data.get("action", "") in calls:
            call, success = calls[data["action"]]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:visitors-detail", pk=visitor.pk)
        visitor = my_visitor(request, pk)
    return render(request, "desk/registers/visitors_detail.html", {
        "v": visitor, "err": err, "id_shown": mask_id_number(visitor.id_number_hint), "methods": ContactMethod.choices,
        "reasons": RefusalReason.choices, "id_types": IdType.choices})


urlpatterns = [
    path("visitors/", list_page, name="visitors-list"),
    path("visitors/new/", new_page, name="visitors-new"),
    path("visitors/<id:pk>/", detail_page, name="visitors-detail"),
]
