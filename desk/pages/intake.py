"""Pages of the intake area: register a contact (《客户信息登记表》), the list, one contact with its
routing, escalation, conversion into a repair / complaint / paid service and closing (DESK-INTAKE-1..2)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock, policies
from core.errors import DomainError
from core.models import Resident, Unit
from core.parsing import is_int
from core.permissions import restrict
from core.roles import DepartmentCode
from core.web.pages import attempt, checked_by, current_project, parse_local, pick, refusal_page
from desk.models import Contact, ContactChannel, ContactKind, ContactStatus, EscalationLevel
from desk.services import intake as service
from desk.services import intake_convert

refused = refusal_page(gettext_lazy("Contacts"))



def units_of(project):
    return Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")


@login_required
@checked_by(service.require_desk_staff, refused)
def new_page(request):
    """Register a call, visit, letter or other contact with the server's time (DESK-INTAKE-1)."""
    project = current_project(request)
    form, err = request.POST, None
    if request.method == "POST":
        contact, err = attempt(request, lambda: service.register_contact(
            project=project, received_by=request.user, channel=form.get("channel", ""), kind=form.get("kind", ""),
            person_name=form.get("person_name", ""), content=form.get("content", ""), phone=form.get("phone", ""),
            unit=pick(Unit, project, form.get("unit")), resident=pick(Resident, project, form.get("resident")),
            department=form.get("department", "")), _("The contact is registered."))
        if contact:
            return redirect("desk:intake-detail", pk=contact.pk)
    return render(request, "desk/intake/new.html", {
        "form": form, "err": err, "units": units_of(project), "channels": ContactChannel.choices,
        "kinds": ContactKind.choices, "departments": DepartmentCode.choices,
        "residents": Resident.objects.filter(project=project).order_by("name")[:500]})


@login_required
@checked_by(service.require_desk_staff, refused)
def list_page(request):
    project = current_project(request)
    status = request.GET.get("status", "open")
    q = request.GET.get("q", "").strip()[:50]
    qs = Contact.objects.filter(project=project).select_related("received_by", "unit__building")
    if status == "open":
        qs = qs.exclude(status=ContactStatus.CLOSED)
    elif status in ContactStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(serial__icontains=q) | Q(person_name__icontains=q) | Q(content__icontains=q))
    qs = qs.order_by("-is_vip", "-received_at", "-pk") if status == "open" else qs
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "desk/intake/list.html", {"page": page, "status": status, "q": q,
                                                     "statuses": ContactStatus.choices})


def my_contact(request, pk) -> Contact:
    return get_object_or_404(restrict(Contact.objects, request.user)
                             .select_related("project", "received_by", "unit__building", "resident", "closed_by",
                                             "escalated_by", "routed_by"), pk=pk)


@login_required
def detail_page(request, pk: int):
    contact = my_contact(request, pk)
    project = contact.project
    try:
        service.require_desk_staff(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "route": (lambda: service.route_contact(contact=contact, routed_by=user,
                                                    department=data.get("department", "")),
                      _("The contact is sent to the department.")),
            "escalate": (lambda: service.escalate_contact(contact=contact, escalated_by=user,
                                                          level=data.get("level", ""), reason=data.get("reason", "")),
                         _("The contact is escalated.")),
            "close": (lambda: service.close_contact(contact=contact, closed_by=user,
                                                    outcome=data.get("outcome", "")), _("The contact is closed.")),
            "repair": (lambda: intake_convert.contact_to_repair(
                contact=contact, actor=user, category=data.get("category", ""), location=data.get("location", ""),
                appointment_at=parse_local(data.get("appointment_at")), public_area=data.get("public_area") == "1"),
                _("The repair is registered.")),
            "complaint": (lambda: intake_convert.contact_to_complaint(
                contact=contact, actor=user, subject=data.get("subject", ""), department=data.get("department", ""),
                major=data.get("major") == "1"), _("The complaint is registered.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done is not None:
                if action == "repair":
                    return redirect("desk:repairs-detail", pk=done.pk)
                return redirect("desk:intake-detail", pk=contact.pk)
        contact = my_contact(request, pk)
    return render(request, "desk/intake/detail.html", {
        "c": contact, "err": err, "departments": DepartmentCode.choices,
        "levels": [c for c in EscalationLevel.choices if c[0]],
        "categories": policies.value("desk.repairs.categories", project), "subjects": complaint_subjects(project),
        "remind_hours": policies.value("desk.intake.remind_hours", project), "now": clock.now(),
        "matter_link": matter_link(contact.matter_ref)})


def complaint_subjects(project) -> list[str]:
    """The complaints area's subject list (its policy), when that area registers one."""
    try:
        return list(policies.value("desk.complaints.subjects", project))
    except KeyError:
        return []


def matter_link(ref: str) -> str:
    """The page of the matter a contact became, where that page exists."""
    from django.urls import NoReverseMatch, reverse

    kind, _sep, pk = ref.partition(":")
    name = {"repair": "desk:repairs-detail", "paid": "desk:paid-detail",
            "complaint": "desk:complaints-detail"}.get(kind)
    if not name or not is_int(pk):
        return ""
    try:
        return reverse(name, args=[int(pk)])
    except NoReverseMatch:
        return ""


urlpatterns = [
    path("contacts/", list_page, name="intake-list"),
    path("contacts/new/", new_page, name="intake-new"),
    path("contacts/<id:pk>/", detail_page, name="intake-detail"),
]
