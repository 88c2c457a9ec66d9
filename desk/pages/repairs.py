"""Pages of the repairs area: register a repair on one screen, the list with set-out timers (late in red),
a repair with its actions — issue the slip, book an appointment, set out, complete, sign (REPAIR-1..5)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock, handoffs, policies
from core.errors import DomainError
from core.models import Resident, Unit, User
from core.parsing import is_int, safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, parse_local, pick, refusal_page
from desk.models import OPEN_REPAIR_STATUSES, Contact, Repair, RepairStatus
from desk.permissions import require_repairs_viewer
from desk.selectors import repairs as selectors
from desk.services import repairs as service
from desk.services import repairs_sign

refused = refusal_page(gettext_lazy("Repairs"))


def _units(project):
    return Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")


def initial_from(contact) -> dict:
    """A form started from a desk contact is filled from it."""
    if contact is None:
        return {"person_name": "", "phone": "", "content": "", "unit": None}
    return {"person_name": contact.person_name, "phone": contact.phone, "content": contact.content,
            "unit": contact.unit_id}


@login_required
@checked_by(require_repairs_viewer, refused)
def new_page(request):
    """《住户报修记录表》 on one screen: who, where, phone, what, category, appointment (REPAIR-1)."""
    project = current_project(request)
    form = request.POST if request.method == "POST" else request.GET
    err = None
    contact = pick(Contact, project, form.get("contact"))
    if request.method == "POST":
        unit = pick(Unit, project, form.get("unit"))
        resident = pick(Resident, project, form.get("resident"))
        appointment = parse_local(form.get("appointment_at"))
        if form.get("appointment_at") and appointment is None:
            err = {"message": _("The appointment time is not a valid date and time."), "code": "invalid",
                   "rule": "REPAIR-2", "clause": ""}
        else:
            repair, err = attempt(request, lambda: service.report_repair(
                project=project, reported_by=request.user, person_name=form.get("person_name", ""),
                phone=form.get("phone", ""), unit=unit, resident=resident, location=form.get("location", ""),
                content=form.get("content", ""), category=form.get("category", ""), appointment_at=appointment,
                public_area=form.get("public_area") == "1", contact=contact), _("The repair is registered."))
            if repair:
                return redirect("desk:repairs-detail", pk=repair.pk)
    return render(request, "desk/repairs/new.html", {
        "form": form, "err": err, "units": _units(project), "contact": contact, "initial": initial_from(contact),
        "categories": policies.value("desk.repairs.categories", project),
        "may_issue": service.is_issuer(request.user, project)})


@login_required
@checked_by(require_repairs_viewer, refused)
def list_page(request):
    """The repairs with their timers: slips not set out by their due time are late (REPAIR-2)."""
    project = current_project(request)
    status = request.GET.get("status", "open")
    late = request.GET.get("late") == "1"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.filtered(project=project, status=status, late=late, q=q), 50).get_page(
        request.GET.get("page"))
    return render(request, "desk/repairs/list.html", {
        "page": page, "status": status, "late": late, "q": q, "now": clock.now(), "statuses": RepairStatus.choices,
        "late_count": selectors.late_repairs(project=project).count(),
        "unsigned_count": selectors.unsigned_repairs(project=project).count(),
        "undispatched": selectors.undispatched_late(project=project).count()})


def my_repair(request, pk) -> Repair:
    return get_object_or_404(restrict(Repair.objects, request.user)
                             .select_related("project", "unit__building", "reported_by", "technician",
                                             "dispatched_by", "set_out_by", "completed_by", "signer_staff",
                                             "contact"), pk=pk)


def _actions(request, repair: Repair) -> dict:
    data, user = request.POST, request.user
    technician = _pick_staff(repair.project, data.get("technician"))
    return {
        "dispatch": (lambda: service.dispatch_repair(repair=repair, dispatched_by=user, technician=technician,
                                                     appointment_at=parse_local(data.get("appointment_at"))),
                     _("The work task slip is issued to engineering.")),
        "appointment": (lambda: service.book_appointment(repair=repair, booked_by=user,
                                                         appointment_at=parse_local(data.get("appointment_at"))),
                        _("The appointment is booked.")),
        "set_out": (lambda: service.set_out(repair=repair, technician=user), _("Set out recorded.")),
        "complete": (lambda: service.complete_repair(repair=repair, completed_by=user,
                                                     work_done=data.get("work_done", ""),
                                                     materials=data.get("materials", ""), drawn=drawn_from(data)),
                     _("The work is recorded as done; the slip still needs its signature.")),
        "sign_household": (lambda: repairs_sign.sign_by_household(
            repair=repair, witnessed_by=user, name=data.get("signer_name", ""), image=data.get("signature", ""),
            is_adult=data.get("is_adult") == "1"), _("Signed by the household; the repair is closed.")),
        "sign_staff": (lambda: repairs_sign.sign_by_staff(
            repair=repair, signer=repairs_sign.staff_signer(repair.project, data.get("signer_username", "")),
            password=data.get("password", ""), actor=user), _("Signed; the repair is closed.")),
        "cancel": (lambda: service.cancel_repair(repair=repair, cancelled_by=user, reason=data.get("reason", "")),
                   _("The repair is cancelled.")),
    }


DRAW_ROWS = 3


def drawn_from(data) -> list[handoffs.RepairMaterial]:
    """The materials picked from the site's stock on the slip (draw_1/qty_1 …); a row with nothing picked is left
    out, a quantity that is not a whole number above zero is refused by the store room."""
    return [handoffs.RepairMaterial(data.get(f"draw_{n}", "")[:30], safe_int(data.get(f"qty_{n}"), 0))
            for n in range(1, DRAW_ROWS + 1) if data.get(f"draw_{n}")]


def on_hand(project) -> list:
    return handoffs.materials_on_hand(project) if handoffs.materials_on_hand.provided else []


def _pick_staff(project, value):
    if not is_int(value or ""):
        return None
    return User.objects.filter(pk=int(value), memberships__project=project).distinct().first()


@login_required
def detail_page(request, pk: int):
    """One repair: its report, slip and timer, and the next step for whoever is at the screen."""
    repair = my_repair(request, pk)
    try:
        require_repairs_viewer(request.user, repair.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        calls = _actions(request, repair)
        action = request.POST.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:repairs-detail", pk=repair.pk)
        repair = my_repair(request, pk)
    project = repair.project
    now = clock.now()
    return render(request, "desk/repairs/detail.html", {
        "r": repair, "err": err, "now": now, "form": request.POST,
        "late": repair.status == RepairStatus.DISPATCHED and repair.due_at and repair.due_at < now,
        "is_open": repair.status in OPEN_REPAIR_STATUSES,
        "may_issue": service.is_issuer(request.user, project),
        "is_technician": service.is_technician(request.user, project),
        "technicians": selectors.engineering_staff(project),
        "setout_minutes": policies.value("desk.repairs.setout_minutes", project),
        "signer_clause": policies.resolve("desk.repairs.public_signer_roles", project).clause,
        "on_hand": on_hand(project) if repair.status == RepairStatus.SET_OUT else [], "draw_rows": range(1, DRAW_ROWS + 1),
    })


urlpatterns = [
    path("repairs/", list_page, name="repairs-list"),
    path("repairs/new/", new_page, name="repairs-new"),
    path("repairs/<id:pk>/", detail_page, name="repairs-detail"),
]
