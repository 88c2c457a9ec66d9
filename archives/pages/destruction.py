"""Pages of destruction (ARCH-10): the lists and the volumes past retention (the archivist draws up a list from
them, or names volumes to destroy early with a reason), one list — approved or rejected on a phone by the
manager and the GM, then recorded as carried out before a witness."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archives.models import DestructionList, Volume
from archives.pages.common import err_status, refused
from archives.permissions import may_keep, require_reader
from archives.selectors import destruction as selectors
from archives.services import destruction as svc
from archives.states import DestructionMethod, DestructionStatus
from core import approvals
from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project

VIEWS = (("all", gettext_lazy("All")), *DestructionStatus.choices)


def _chosen_volumes(project, form) -> list[Volume]:
    """The ticked volumes and any typed by number (one a line), all of this project."""
    ids = [safe_int(v, 0) for v in form.getlist("volume")]
    numbers = [n.strip() for n in form.get("numbers", "").splitlines() if n.strip()][:svc.MAX_VOLUMES]
    chosen = list(Volume.objects.filter(project=project, pk__in=ids)) if ids else []
    if numbers:
        found = list(Volume.objects.filter(project=project, number__in=numbers))
        missing = set(numbers) - {v.number for v in found}
        if missing:
            raise DomainError(_("No volume numbered %(number)s in this project.") % {"number": sorted(missing)[0]},
                              code="invalid_choice", rule=svc.RULE, details={"field": "numbers"})
        chosen += found
    return chosen


@login_required
@checked_by(require_reader, refused)
def destructions_page(request):
    project = current_project(request)
    err, form = None, {}
    keeper = may_keep(request.user, project)
    if request.method == "POST":
        form = request.POST
        done, err = attempt(request, lambda: svc.draw_up(
            project=project, by=request.user, volumes=_chosen_volumes(project, form), reason=form.get("reason", ""),
            early=bool(form.get("early"))), _("The destruction list is drawn up and sent for approval."))
        if done:
            return redirect("archives:destruction", pk=done.pk)
    view = request.GET.get("view", "all")
    qs = selectors.lists(project=project)
    if view in DestructionStatus.values:
        qs = qs.filter(status=view)
    return render(request, "archives/destructions.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "views": VIEWS, "view": view,
        "expired": selectors.expired(project=project)[:200] if keeper else [], "may_keep": keeper,
        "form": form, "err": err}, status=err_status(err))


def my_destruction(request, pk: int) -> DestructionList:
    return get_object_or_404(restrict(DestructionList.objects, request.user).select_related(
        "project", "drafted_by", "destroyed_by", "witness"), pk=pk)


def _action(request, destruction):
    form, action = request.POST, request.POST.get("action", "")
    if action in {"approve", "reject"}:
        return svc.decide(destruction=destruction, approver=request.user, approve=action == "approve",
                          comment=form.get("comment", ""))
    if action == "destroy":
        witness = None
        if form.get("witness"):
            witness = User.objects.filter(pk=safe_int(form.get("witness"), 0)).first()
            if witness is None:
                raise DomainError(_("Name a member of this project's staff."), code="invalid_person", rule=svc.RULE)
        return svc.carry_out(destruction=destruction, by=request.user, method=form.get("method", ""),
                             witness=witness, witness_password=form.get("witness_password", ""),
                             note=form.get("note", ""))
    raise DomainError(_("Unknown action."), code="invalid")


def _witnesses(destruction, user) -> list[User]:
    return list(User.objects.filter(memberships__project=destruction.project, is_active=True).exclude(pk=user.pk)
                .distinct().order_by("pk")[:200])


@login_required
def destruction_page(request, pk: int):
    destruction = my_destruction(request, pk)
    try:
        require_reader(request.user, destruction.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _action(request, destruction), _("Done."))
        if done:
            return redirect("archives:destruction", pk=destruction.pk)
        destruction = my_destruction(request, pk)
    step = approvals.next_step(destruction) if destruction.status == DestructionStatus.PENDING else None
    keeper = may_keep(request.user, destruction.project)
    return render(request, "archives/destruction.html", {
        "d": destruction, "err": err, "step": step[1] if step else None, "lines": selectors.lines_of(destruction),
        "decisions": destruction.approvals.select_related("approver"), "may_keep": keeper,
        "methods": DestructionMethod.choices,
        "staff": _witnesses(destruction, request.user) if keeper and destruction.status == DestructionStatus.APPROVED
        else [],
        "form": request.POST if err else {}}, status=err_status(err))


urlpatterns = [
    path("destructions/", destructions_page, name="destructions"),
    path("destructions/<id:pk>/", destruction_page, name="destruction"),
]
