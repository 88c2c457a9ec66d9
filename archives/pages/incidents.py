"""Pages of archive incidents (ARCH-6) and outsiders' readings (ARCH-8): the written reports and the manager's
decision; the outsiders' register, the letter's scan, the leader's approval, the visitor's signature on the screen."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import Accountability, ArchiveIncident, IncidentKind, OutsiderReading, Volume
from archives.pages.common import err_status, refused
from archives.permissions import may_keep, require_keeper, require_reader
from archives.services import incidents as incident_svc
from archives.services import outsiders as outsider_svc
from core import approvals, attachments, uploads
from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project


def _volume(request, project, raw) -> Volume | None:
    return restrict(Volume.objects, request.user).filter(project=project, pk=safe_int(raw, 0)).first()


def _need(value, message: str, field: str):
    if value is None:
        raise DomainError(message, code="required", details={"field": field})
    return value


@login_required
@checked_by(require_reader, refused)
def incidents_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        try:  # a reader who may see the register but not keep it: refused with a page, never a server error
            require_keeper(request.user, project)
        except DomainError as exc:
            return refused(request, exc)
        form = request.POST

        def call():
            volume = _need(_volume(request, project, form.get("volume")), _("Choose a volume."), "volume")
            staff = User.objects.filter(memberships__project=project, pk=safe_int(form.get("responsible"), 0)).first()
            return incident_svc.report(volume=volume, kind=form.get("kind", ""), text=form.get("report", ""),
                                       reported_by=request.user, responsible=staff,
                                       responsible_name=form.get("responsible_name", ""))
        done, err = attempt(request, call, _("The report is written; the manager decides."))
        if done:
            return redirect("archives:incident", pk=done.pk)
    rows = (ArchiveIncident.objects.filter(project=project).select_related("volume", "reported_by")
            .order_by("-reported_at", "-pk"))
    return render(request, "archives/incidents.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "form": form, "err": err,
        "kinds": IncidentKind.choices, "may_keep": may_keep(request.user, project),
        "volumes": Volume.objects.filter(project=project).order_by("number")[:500],
        "staff": User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")},
        status=err_status(err))


@login_required
def incident_page(request, pk: int):
    incident = get_object_or_404(restrict(ArchiveIncident.objects, request.user).select_related(
        "project", "volume", "loan", "reported_by", "decided_by", "responsible"), pk=pk)
    try:
        require_reader(request.user, incident.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: incident_svc.decide(
            incident=incident, decided_by=request.user, accountability=request.POST.get("accountability", ""),
            note=request.POST.get("note", "")), _("Accountability is decided."))
        if done:
            return redirect("archives:incident", pk=incident.pk)
    return render(request, "archives/incident.html", {"i": incident, "err": err,
                                                      "choices": Accountability.choices}, status=err_status(err))


@login_required
@checked_by(require_keeper, refused)
def outsiders_page(request):
    project = current_project(request)
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            volume = _need(_volume(request, project, form.get("volume")), _("Choose a volume."), "volume")
            return outsider_svc.register(volume=volume, registered_by=request.user,
                                         visitor_name=form.get("visitor_name", ""),
                                         visitor_unit=form.get("visitor_unit", ""),
                                         id_number=form.get("id_number", ""), purpose=form.get("purpose", ""))
        done, err = attempt(request, call, _("The visit is registered: scan the introduction letter."))
        if done:
            return redirect("archives:outsider", pk=done.pk)
    rows = OutsiderReading.objects.filter(project=project).select_related("volume").order_by("-registered_at", "-pk")
    return render(request, "archives/outsiders.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "form": form, "err": err,
        "volumes": Volume.objects.filter(project=project, category__confidential=False).order_by("number")[:500]},
        status=err_status(err))


def _outsider_action(request, reading):
    action, form = request.POST.get("action", ""), request.POST
    if action == "letter":
        refusal = uploads.refused(request)
        if refusal is not None:
            raise refusal
        upload = _need(request.FILES.get("letter"), _("Choose the scan of the introduction letter."), "letter")
        return outsider_svc.attach_letter(reading=reading, uploaded_by=request.user, name=upload.name,
                                          data=upload.read())
    if action in {"approve", "reject"}:
        return outsider_svc.decide(reading=reading, approver=request.user, approve=action == "approve",
                                   comment=form.get("comment", ""))
    if action == "begin":
        return outsider_svc.begin(reading=reading, archivist=request.user, counted=safe_int(form.get("counted"), -1),
                                  signature_image=form.get("signature", ""))
    if action == "finish":
        return outsider_svc.finish(reading=reading, archivist=request.user, counted=safe_int(form.get("counted"), -1),
                                   note=form.get("note", ""))
    raise DomainError(_("Unknown action."), code="invalid")


@login_required
def outsider_page(request, pk: int):
    reading = get_object_or_404(restrict(OutsiderReading.objects, request.user).select_related(
        "project", "volume", "registered_by"), pk=pk)
    try:
        require_reader(request.user, reading.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        done, err = attempt(request, lambda: _outsider_action(request, reading), _("Done."))
        if done:
            return redirect("archives:outsider", pk=reading.pk)
    step = approvals.next_step(reading) if reading.status == "pending" else None
    return render(request, "archives/outsider.html", {
        "r": reading, "err": err, "step": step[1] if step else None, "decisions": reading.approvals.all(),
        "letters": attachments.attachments_of(reading), "may_keep": may_keep(request.user, reading.project),
        "form": request.POST if err else {}}, status=err_status(err))


urlpatterns = [
    path("incidents/", incidents_page, name="incidents"),
    path("incidents/<id:pk>/", incident_page, name="incident"),
    path("outsiders/", outsiders_page, name="outsiders"),
    path("outsiders/<id:pk>/", outsider_page, name="outsider"),
]
