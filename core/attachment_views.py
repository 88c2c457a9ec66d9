"""Upload and download of attachments, for pages and the API alike (CORE-9)."""
from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from core import attachments, uploads
from core.errors import DomainError
from core.models import Attachment
from core.parsing import safe_int
from core.permissions import projects_for, restrict

ATTACHABLE = attachments.ATTACHABLE  # filled by the rooms in ready(): core.attachments.accept_uploads


def _target(label: str, pk: str, user):
    if label not in ATTACHABLE:
        raise Http404
    model = apps.get_model(label)
    lookup = ATTACHABLE[label]
    obj = get_object_or_404(model.objects.filter(**{f"{lookup}__in": projects_for(user)}), pk=safe_int(pk, 0))
    project = obj
    for part in lookup.split("__"):
        project = getattr(project, part)
    return obj, project


@login_required
@require_POST
def upload(request, label: str, pk: str):
    target, project = _target(label, pk, request.user)
    upload_file = request.FILES.get("file")  # over the limit: not read at all (core/uploads.py)
    refusal = uploads.refused(request)
    if refusal is None and upload_file is not None and upload_file.size > settings.ATTACHMENT_MAX_BYTES:
        refusal = uploads.too_large()  # whole, but over the limit: not read into memory
    if refusal is not None:
        return JsonResponse(refusal.as_dict(), status=refusal.status)
    if upload_file is None:
        return JsonResponse({"code": "file_required", "message": "file is required"}, status=400)
    try:
        att = attachments.attach(target=target, project=project, uploaded_by=request.user, name=upload_file.name,
                                 data=upload_file.read(), kind=request.POST.get("kind", "photo"))
    except DomainError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    return JsonResponse({"id": att.pk, "name": att.original_name, "kind": att.kind, "size": att.size}, status=201)


@login_required
def download(request, pk: int):
    att = get_object_or_404(restrict(Attachment.objects, request.user), pk=pk)
    try:
        data = attachments.read(attachment=att, user=request.user)
    except DomainError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    response = HttpResponse(data, content_type=att.mime_type)
    response["Content-Disposition"] = f'inline; filename="{att.pk}"'
    response["Cache-Control"] = "no-store"
    return response
