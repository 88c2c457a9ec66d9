"""Pages of lost property (失物招领; LOST-1): the register (held, due for disposal, returned, disposed of),
register a found item, hand it back against ID with the claimant's signature, dispose of it before a witness."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import attachments, clock
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import User
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, local_input, parse_local, refusal_page
from desk.models import DisposalMethod, LostItem, LostStatus
from desk.pages.passes import uploaded_photo
from desk.permissions import require_lost_keeper
from desk.selectors import lost as selectors
from desk.services import lost as service

refused = refusal_page(gettext_lazy("Lost property"))


@login_required
@checked_by(require_lost_keeper, refused)
def list_page(request):
    project = current_project(request)
    show = request.GET.get("show", "held")
    qs = selectors.items(project=project)
    if show == "due":
        qs = selectors.due_for_disposal(project=project)
    elif show in LostStatus.values:
        qs = qs.filter(status=show)
    page = Paginator(qs.order_by("-found_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "desk/lost/list.html", {"page": page, "show": show, "statuses": LostStatus.choices})


@login_required
@checked_by(require_lost_keeper, refused)
def new_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else {}
    err = None
    if request.method == "POST":
        item, err = attempt(request, lambda: service.register(
            project=project, registered_by=request.user, description=form.get("description", ""),
            found_at=parse_local(form.get("found_at")), place=form.get("place", ""),
            finder_name=form.get("finder_name", ""), finder_phone=form.get("finder_phone", ""),
            kept_at=form.get("kept_at", ""), photo=uploaded_photo(request)), _("The item is registered."))
        if item:
            return redirect("desk:lost-detail", pk=item.pk)
    return render(request, "desk/lost/new.html", {"form": form, "err": err, "now": local_input(clock.now())})


def my_item(request, pk) -> LostItem:
    return get_object_or_404(restrict(LostItem.objects, request.user).select_related(
        "project", "registered_by", "returned_by", "disposed_by", "disposal_witness"), pk=pk)


@login_required
def detail_page(request, pk: int):
    item = my_item(request, pk)
    project = item.project
    try:
        require_lost_keeper(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "return": (lambda: service.hand_back(
                item=item, returned_by=user, claimant_name=data.get("signer_name", ""),
                id_number=data.get("id_number", ""), claimant_phone=data.get("claimant_phone", ""),
                signature_image=data.get("signature", "")), _("Returned to the owner.")),
            "dispose": (lambda: service.dispose(
                item=item, disposed_by=user, method=data.get("method", ""), reason=data.get("reason", ""),
                witness=User.objects.filter(memberships__project=project, pk=safe_int(data.get("witness"), 0))
                .distinct().first()), _("Disposal recorded.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:lost-detail", pk=item.pk)
        item = my_item(request, pk)
    return render(request, "desk/lost/detail.html", {
        "i": item, "err": err, "keep_until": service.keep_until(item), "today": clock.today(),
        "masked_id": mask_id_number(item.claimant_id_hint), "photos": attachments.attachments_of(item),
        "may_dispose": service.may_dispose(request.user, project), "methods": DisposalMethod.choices,
        "staff": User.objects.filter(memberships__project=project, is_active=True).exclude(pk=request.user.pk)
        .distinct().order_by("pk")})


urlpatterns = [
    path("lost/", list_page, name="lost-list"),
    path("lost/new/", new_page, name="lost-new"),
    path("lost/<id:pk>/", detail_page, name="lost-detail"),
]
