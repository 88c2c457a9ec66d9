"""Pages of the shift handover (HANDOVER-1..8): the list with carried-forward work and equipment
operations, one handover's sheet with arrival, checklist, counts, both signatures on one phone."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core import clock, signatures
from core.errors import DomainError, NotFound
from core.models import User
from core.parsing import is_int
from core.permissions import restrict
from core.web.pages import attempt, current_project, local_input, parse_local
from duty.models import CarryItem, EquipmentOperation, Handover, HandoverStatus, ItemCondition, OperationKind
from duty.selectors import handover as selectors
from duty.services import handover as svc
from duty.services import handover_extra as extra


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("username")


def _person(project, pk: str):
    user = _staff(project).filter(pk=pk).first() if is_int(str(pk)) else None
    if user is None:
        raise NotFound(_("No such staff member in this project."), code="not_found")
    return user


def _start_form(request, project) -> dict:
    """The start form's defaults from the issued roster (HANDOVER-3): the shift change of the outgoing
    person's shift today and whoever is rostered on the next shift; the staff rostered that day listed
    first. Without a roster nothing is preselected and the form says so. What the clerk posted wins."""
    defaults = selectors.start_defaults(project=project, outgoing=request.user, at=clock.now())
    staff = list(_staff(project).exclude(pk=request.user.pk))
    members = {u.pk for u in staff}
    rostered = [(person, shifts) for person, shifts in defaults["rostered"] if person.pk in members]
    first = {person.pk for person, _shifts in rostered}
    change, incoming = defaults.get("shift_change_at"), defaults.get("incoming")
    note = ""
    if change is None:
        note = (_("You have no shift on the roster issued for today: choose the time of the shift change.")
                if defaults["roster_issued"] else
                _("No roster is issued for today: choose the time of the shift change."))
    form = {"incoming": str(incoming.pk) if incoming is not None and incoming.pk in members else "",
            "shift_change_at": local_input(change) if change else ""}
    if request.method == "POST" and request.POST.get("action") == "start":
        form = {name: request.POST.get(name, "") for name in form}
    return {"start_form": form, "roster_note": note, "roster_day": defaults["day"], "rostered": rostered,
            "other_staff": [u for u in staff if u.pk not in first]}


def _list_context(request, project, **extra_context):
    return {"open": selectors.open_handovers(project=project), "recent": selectors.handovers(project=project)[:30],
            "carry": selectors.open_carry_items(project=project),
            "operations": selectors.open_equipment_operations(project=project),
            "missed": set(selectors.missed_takeovers(project=project).values_list("pk", flat=True)),
            **_start_form(request, project), "operation_kinds": OperationKind.choices, **extra_context}


@login_required
def handover_list(request):
    """Open handovers, late/missed takeovers, carried-forward work, equipment starting or stopping."""
    project = current_project(request)
    err = None
    if request.method == "POST":
        action, form = request.POST.get("action", ""), request.POST
        if action == "start":
            handover, err = attempt(request, lambda: svc.start_handover(
                project=project, outgoing=request.user, incoming=_person(project, form.get("incoming", "")),
                shift_change_at=parse_local(form.get("shift_change_at"))), _("The handover sheet is open."))
            if handover:
                return redirect("duty:handover-detail", pk=handover.pk)
        elif action == "equipment_start":
            op, err = attempt(request, lambda: extra.start_equipment_operation(
                project=project, started_by=request.user, equipment=form.get("equipment", ""),
                kind=form.get("kind", ""), note=form.get("note", "")), _("The equipment operation is registered."))
            if op:
                return redirect("duty:handover")
        elif action == "equipment_finish":
            op = get_object_or_404(EquipmentOperation, project=project, pk=form.get("operation") or 0)
            done, err = attempt(request, lambda: extra.finish_equipment_operation(
                operation=op, finished_by=request.user), _("The equipment operation is finished."))
            if done:
                return redirect("duty:handover")
        elif action == "carry_done":
            item = get_object_or_404(CarryItem, project=project, pk=form.get("item") or 0)
            done, err = attempt(request, lambda: extra.mark_carry_done(
                item=item, done_by=request.user, note=form.get("note", "")), _("Marked as done."))
            if done:
                return redirect("duty:home" if form.get("next") == "hub" else "duty:handover")
    return render(request, "duty/handover/list.html", _list_context(request, project, err=err))


def _detail_context(request, handover, **extra_context):
    counts = svc.counts_of(handover)
    sheet = handover.snapshot if handover.status == HandoverStatus.COMPLETED else selectors.build_sheet(handover)
    return {"h": handover, "counts": counts, "sheet": sheet, "conditions": ItemCondition.choices,
            "blockers": [] if handover.status == HandoverStatus.COMPLETED else svc.blockers(handover),
            "missing": svc.preparation_missing(handover), "refusals": selectors.refusals_of(handover)[:10],
            "signed": {s.capacity: s for s in signatures.signatures_of(handover)},
            "carry_out": handover.carry_items.all(), "staff": _staff(handover.project),
            "is_outgoing": request.user.pk == handover.outgoing_id,
            "is_incoming": request.user.pk == handover.incoming_id,
            "is_supervisor": svc.is_supervisor(request.user, handover.project),
            "preparing": handover.status == HandoverStatus.PREPARING, **extra_context}


def _counts_from(form, handover) -> dict:
    return {c.pk: {"counted": form.get(f"counted-{c.pk}", "").strip(), "condition": form.get(f"condition-{c.pk}", ""),
                   "note": form.get(f"note-{c.pk}", "")} for c in handover.counts.all()}


def _keeping(call, caught: dict):
    """Keep the refusal itself: the page lists every reason from its details (HANDOVER-5)."""
    def run():
        try:
            return call()
        except DomainError as exc:
            caught["exc"] = exc
            raise
    return run


def _action(request, handover, action: str, caught: dict):
    """One service call per button; returns (result, error info)."""
    form, user = request.POST, request.user
    calls = {
        "checkin": (lambda: svc.check_in(handover=handover, actor=user, password=form.get("password", "")),
                    _("Arrival recorded.")),
        "prepare": (lambda: (svc.update_preparation(
            handover=handover, actor=user, records_read=bool(form.get("records_read")),
            equipment_checked=bool(form.get("equipment_checked")),
            environment_checked=bool(form.get("environment_checked")), public_repairs=form.get("public_repairs", ""),
            notes=form.get("notes", "")), svc.record_counts(handover=handover, counted_by=user,
                                                            counts=_counts_from(form, handover))),
                    _("Preparation saved.")),
        "explain": (lambda: svc.explain_discrepancy(
            count=get_object_or_404(handover.counts, pk=form.get("count") or 0), explained_by=user,
            explanation=form.get("explanation", "")), _("Explanation recorded.")),
        "carry": (lambda: extra.add_carry_item(handover=handover, added_by=user, text=form.get("text", "")),
                  _("Added to the work carried forward.")),
        "ready": (lambda: svc.mark_ready(handover=handover, actor=user), _("Ready to hand over.")),
        "reopen": (lambda: svc.reopen(handover=handover, actor=user), _("Back to preparing.")),
        "unfit": (lambda: extra.declare_unfit(handover=handover, declared_by=user, reason=form.get("reason", "")),
                  _("The incoming person is declared unfit.")),
        "substitute": (lambda: extra.name_substitute(handover=handover, named_by=user,
                                                     substitute=_person(handover.project, form.get("substitute", ""))),
                       _("The substitute takes over as incoming.")),
        "complete": (lambda: svc.complete_handover(
            handover=handover, actor=user, outgoing_password=form.get("outgoing_password", ""),
            incoming_password=form.get("incoming_password", "")),
                     _("Handover completed: both have signed; the outgoing person may leave.")),
    }
    if action not in calls:
        return None, {"message": _("Unknown action."), "code": "invalid", "rule": "", "clause": ""}
    call, success = calls[action]
    return attempt(request, _keeping(call, caught), success)


@login_required
def handover_detail(request, pk: int):
    handover = get_object_or_404(restrict(Handover.objects, request.user)
                                 .select_related("project", "outgoing", "incoming", "original_incoming"), pk=pk)
    err = reasons = None
    if request.method == "POST":
        caught: dict = {}
        result, err = _action(request, handover, request.POST.get("action", ""), caught)
        if err is None:
            return redirect("duty:handover-detail", pk=handover.pk)
        reasons = caught["exc"].details.get("reasons") if "exc" in caught else None
        handover.refresh_from_db()
    return render(request, "duty/handover/detail.html", _detail_context(request, handover, err=err, reasons=reasons))


def hub_context(request) -> dict:
    """What the duty hub shows of this area: work carried forward until marked done (HANDOVER-8),
    takeovers missed (HANDOVER-6). Used as `{% include "duty/handover/_hub.html" %}` with this context."""
    project = getattr(request, "project", None)
    if project is None:
        return {"handover_carry": [], "handover_missed": []}
    return {"handover_carry": list(selectors.open_carry_items(project=project)),
            "handover_missed": list(selectors.missed_takeovers(project=project)), "carry_next": "hub"}


urlpatterns = [
    path("handover/", handover_list, name="handover"),
    path("handover/<id:pk>/", handover_detail, name="handover-detail"),
]
