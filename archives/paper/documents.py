"""Print views of documents (DOC-1, DOC-2; 002 篇4 §2.1, §2.2): the incoming register 《收文登记簿》 and the
outgoing register 《发文登记簿》 (a year at a time, one line per numbered document with the signatures), and the
circulation slip 《文件传阅单》 of one incoming document (one line per reader with their opinion and date, the
GM's instruction, the handler's result). A4; a register longer than the print limit says so, never cut silently."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path

from archives.models import DocDirection, Document
from archives.pages.common import refused
from archives.selectors import documents as selectors
from core import clock
from core.errors import DomainError
from core.parsing import safe_int
from core.permissions import require_member, restrict
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project

PRINT_LIMIT = 500


@login_required
@checked_by(require_member, refused)
def register_print(request):
    project = current_project(request)
    direction = request.GET.get("direction", DocDirection.INCOMING)
    direction = direction if direction in (DocDirection.INCOMING, DocDirection.OUTGOING) else DocDirection.INCOMING
    year = safe_int(request.GET.get("year"), clock.today().year, low=2000, high=2999)
    docs = selectors.register(project=project, direction=direction, year=year)
    rows = [(d, {s.capacity: s for s in signatures_of(d)}) for d in docs[:PRINT_LIMIT]]
    return render(request, "paper/archives_documents_register.html", {
        "incoming": direction == DocDirection.INCOMING, "year": year, "rows": rows, "total": len(docs),
        "limit": PRINT_LIMIT})


@login_required
def circulation_print(request, pk: int):
    doc = get_object_or_404(restrict(Document.objects, request.user).select_related(
        "project", "instructed_by", "handler"), pk=pk)
    try:
        require_member(request.user, doc.project)
        if doc.direction != DocDirection.INCOMING:
            raise DomainError("Only an incoming document circulates.", code="not_found", status=404)
    except DomainError as exc:
        return refused(request, exc)
    return render(request, "paper/archives_circulation.html", {
        "doc": doc, "rows": doc.circulation.select_related("reader")})


urlpatterns = [
    path("documents/register/", register_print, name="documents-register"),
    path("documents/<id:pk>/circulation/", circulation_print, name="document-circulation"),
]
