"""Pages of filing (ARCH-3): the transfer record of a volume — the person handing over, the records listed, the
count made together, the handing person's password and the archivist's session as the two signatures — and the
list of transfer records with the late ones marked."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import Transfer
from archives.pages.common import err_status, my_volume, refused
from archives.permissions import require_keeper
from archives.selectors import catalogue as selectors
from archives.services import filing as svc
from archives.services.catalogue import may_see_items
from core.errors import DomainError
from core.models import User
from core.parsing import safe_date, safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project

ROWS = 10  # lines of the form; a longer hand-over is filed in several transfer records


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")


def _rows(form) -> list[dict]:
    rows = []
    for i in range(ROWS):
        title = form.get(f"title_{i}", "").strip()
        if not title and not form.get(f"pages_{i}", "").strip():
            continue
        rows.append({"title": title, "doc_number": form.get(f"number_{i}", ""),
                     "doc_date": safe_date(form.get(f"date_{i}")), "pages": safe_int(form.get(f"pages_{i}")),
                     "original": form.get(f"copy_{i}") != "on", "confidential": form.get(f"secret_{i}") == "on"})
    return rows


@login_required
def file_page(request, pk: int):
    volume = my_volume(request, pk)
    try:
        require_keeper(request.user, volume.project)
    except DomainError as exc:
        return refused(request, exc)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            handed_by = _staff(volume.project).filter(pk=safe_int(form.get("handed_by"), 0)).first()
            return svc.file_items(volume=volume, received_by=request.user, handed_by=handed_by,
                                  handed_by_password=form.get("password", ""),
                                  counted=safe_int(form.get("counted"), -1), items=_rows(form),
                                  note=form.get("note", ""))
        done, err = attempt(request, call, _("The records are filed."))
        if done:
            return redirect("archives:transfer", pk=done.pk)
    return render(request, "archives/file.html", {
        "v": volume, "form": form, "err": err, "rows": range(ROWS),
        "staff": _staff(volume.project).exclude(pk=request.user.pk)}, status=err_status(err))


@login_required
@checked_by(require_keeper, refused)
def transfers_page(request):
    project = current_project(request)
    return render(request, "archives/transfers.html", {
        "page": Paginator(selectors.transfers(project=project), 50).get_page(request.GET.get("page"))})


def my_transfer(request, pk: int) -> Transfer:
    return get_object_or_404(restrict(Transfer.objects, request.user).select_related(
        "project", "volume__category", "handed_by", "received_by"), pk=pk)


@login_required
def transfer_page(request, pk: int):
    transfer = my_transfer(request, pk)
    try:
        require_keeper(request.user, transfer.project)
    except DomainError as exc:
        return refused(request, exc)
    shown = may_see_items(request.user, transfer.volume)
    return render(request, "archives/transfer.html", {
        "t": transfer, "shown": shown, "items": transfer.items.order_by("seq") if shown else []})


urlpatterns = [
    path("volumes/<id:pk>/file/", file_page, name="volume-file"),
    path("transfers/", transfers_page, name="transfers"),
    path("transfers/<id:pk>/", transfer_page, name="transfer"),
]
