"""Print views of documents (DOC-1, DOC-2; 002 篇4 §2.1, §2.2): the incoming register 《收文登记簿》 and the
outgoing register 《发文登记簿》 (a year at a time, one line per numbered document with the signatures), and the
circulation slip 《文件传阅单》 of one incoming document (one line per reader with their opinion and date, the
GM's instruction, the handler's result). A4; a register longer than the print limit says so, never cut silently.
Excel of either register: the same lines, every one of them."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import DocDirection, Document
from archives.pages.common import refused
from archives.selectors import documents as selectors
from core import clock
from core.errors import DomainError
from core.parsing import safe_int
from core.permissions import require_member, restrict
from core.signatures import signatures_of
from core.web.pages import checked_by, current_project
from core.xlsx import xlsx_response

PRINT_LIMIT = 500


def _register(request) -> tuple[str, int, list[Document]]:
    project = current_project(request)
    direction = request.GET.get("direction", DocDirection.INCOMING)
    direction = direction if direction in (DocDirection.INCOMING, DocDirection.OUTGOING) else DocDirection.INCOMING
    year = safe_int(request.GET.get("year"), clock.today().year, low=2000, high=2999)
    return direction, year, selectors.register(project=project, direction=direction, year=year)


def _when(moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return clock.beijing(moment).strftime(fmt) if moment else ""


@login_required
@checked_by(require_member, refused)
def register_print(request):
    direction, year, docs = _register(request)
    rows = [(d, {s.capacity: s for s in signatures_of(d)}) for d in docs[:PRINT_LIMIT]]
    return render(request, "paper/archives_documents_register.html", {
        "incoming": direction == DocDirection.INCOMING, "year": year, "rows": rows, "total": len(docs),
        "limit": PRINT_LIMIT})


@login_required
@checked_by(require_member, refused)
def register_export(request):
    """收文登记簿 / 发文登记簿 as a spreadsheet: a year's numbered documents with who signed them."""
    direction, year, docs = _register(request)
    if direction == DocDirection.INCOMING:
        headers = [_("Number"), _("Signed in at"), _("From unit"), _("Their number"), _("Title"), _("Kind"),
                   _("Pages"), _("Secret"), _("Signed in by (clerk)"), _("Handler"), _("Archived at")]
        widths = [16, 16, 20, 16, 36, 10, 6, 6, 12, 10, 12]

        def line(d, signed):
            clerk = signed.get("documents_signed_in")
            return [d.serial, _when(d.registered_at), d.from_unit, d.their_number, d.title, d.get_kind_display(),
                    d.pages, _("yes") if d.secret else "", clerk.signer_name if clerk else "",
                    d.handler.display_name if d.handler else "", _when(d.archived_at, "%Y-%m-%d")]
        name, title = f"incoming-documents-{year}.xlsx", _("Incoming documents register")
    else:
        headers = [_("Number"), _("Registered at"), _("To unit"), _("Title"), _("Kind"), _("Pages"),
                   _("Drafted by"), _("Signed and issued by"), _("Signed at"), _("Sent at"), _("Clerk")]
        widths = [16, 16, 20, 36, 10, 6, 10, 12, 12, 12, 10]

        def line(d, signed):
            signer = signed.get("documents_signed_by")
            return [d.serial, _when(d.registered_at), d.to_unit, d.title, d.get_kind_display(), d.pages,
                    d.created_by.display_name, signer.signer_name if signer else "", _when(d.signed_at, "%Y-%m-%d"),
                    _when(d.sent_at, "%Y-%m-%d"), d.registered_by.display_name if d.registered_by else ""]
        name, title = f"outgoing-documents-{year}.xlsx", _("Outgoing documents register")
    rows = (line(d, {s.capacity: s for s in signatures_of(d)}) for d in docs)
    return xlsx_response(filename=name, title=title, headers=headers, rows=rows, widths=widths)


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
    path("documents/register/export/", register_export, name="documents-register-export"),
    path("documents/<id:pk>/circulation/", circulation_print, name="document-circulation"),
]
