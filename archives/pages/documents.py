"""Pages of documents (DOC-1..3): the registers of incoming, outgoing and internal documents; signing in an
incoming document with its scan; drafting an outgoing or internal one; one document's page where each person
does their part — the GM instructs or signs, readers read with an opinion, the handler records the result, the
clerk numbers, sends and archives — and where reading, copying or taking it out is requested, approved, lent and
taken back. A secret document's file is shown only to a person with an approved request (or the GM)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import DocDirection, DocKind, Document, DocumentLoan, DocumentUse
from archives.pages.common import err_status, refused
from archives.selectors import documents as selectors
from archives.services import documents as svc
from archives.services import documents_loans as loan_svc
from archives.services import documents_outgoing as out_svc
from core import approvals, clock, limits, uploads
from core.errors import DomainError
from core.models import User
from core.parsing import safe_int
from core.permissions import is_member, require_member, restrict
from core.roles import HEAD_ROLES
from core.web.pages import attempt, checked_by, current_project

CODES = {"secret_needs_approval": 403, "self_signing": 403, "not_department_head": 403, "not_a_reader": 403,
         "not_the_handler": 403, "document_signed": 409, "not_in_review": 409, "not_signed": 409,
         "not_registered": 409, "not_with_gm": 409, "not_circulating": 409, "already_read": 409,
         "result_missing": 409, "circulation_unread": 409, "result_recorded": 409, "file_altered": 409,
         "document_already_lent": 409, "not_taken_out": 409}


def _status(err):
    return CODES.get(err["code"], err_status(err)) if err else 200


def _staff(project):
    return User.objects.filter(memberships__project=project, is_active=True).distinct().order_by("pk")


@login_required
@checked_by(require_member, refused)
def documents_page(request):
    project = current_project(request)
    direction = request.GET.get("direction", DocDirection.INCOMING)
    direction = direction if direction in DocDirection.values else DocDirection.INCOMING
    rows = selectors.documents(project=project, direction=direction)
    return render(request, "archives/documents.html", {
        "direction": direction, "directions": DocDirection.choices,
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "may_sign_in": svc.is_clerk(request.user, project), "year": clock.today().year})


def _scan(request):
    upload = request.FILES.get("scan")
    return (upload.name, upload.read()) if upload is not None else ("", None)


@login_required
@checked_by(require_member, refused)
def new_page(request):
    """Sign in an incoming document (the clerk) or draft an outgoing or internal one (a department member)."""
    project = current_project(request)
    direction = request.GET.get("direction", request.POST.get("direction", DocDirection.INCOMING))
    direction = direction if direction in DocDirection.values else DocDirection.INCOMING
    err, form = None, {}
    if request.method == "POST":
        form = request.POST

        def call():
            name, data = _scan(request)
            common = {"title": form.get("title", ""), "kind": form.get("kind", ""),
                      "secret": form.get("secret") == "on", "pages": safe_int(form.get("pages"), 0),
                      "scan_name": name, "scan_data": data}
            if direction == DocDirection.INCOMING:
                return svc.sign_in(project=project, clerk=request.user, from_unit=form.get("from_unit", ""),
                                   their_number=form.get("their_number", ""), **common)
            return out_svc.draft(project=project, drafter=request.user, direction=direction,
                                 to_unit=form.get("to_unit", ""), **common)
        done, err = attempt(request, call, _("The document is registered."))
        if done:
            return redirect("archives:document", pk=done.pk)
    return render(request, "archives/document_new.html", {
        "direction": direction, "form": form, "err": err, "kinds": DocKind.choices}, status=_status(err))


def my_document(request, pk: int) -> Document:
    return get_object_or_404(restrict(Document.objects, request.user).select_related(
        "project", "scan", "department", "handler", "signed_by", "instructed_by", "created_by"), pk=pk)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise DomainError(_("Give a date as YYYY-MM-DD."), code="invalid_date", details={"field": "handle_by"}) \
            from None


def _instruct(doc, user, request):
    form = request.POST
    staff = _staff(doc.project)
    readers = list(staff.filter(pk__in=[safe_int(v, 0) for v in form.getlist("readers")]))
    handler = staff.filter(pk=safe_int(form.get("handler"), 0)).first() if form.get("handler") else None
    return svc.instruct(document=doc, gm=user, instruction=form.get("instruction", ""), readers=readers,
                        handler=handler, handle_by=_date(form.get("handle_by")))


def _loan(doc, request) -> DocumentLoan:
    loan = doc.loans.filter(pk=safe_int(request.POST.get("loan"), 0)).first()
    if loan is None:
        raise DomainError(_("No such record."), code="not_found", status=404)
    return loan


def _apply(doc, user, request):
    form = request.POST
    applicant = _staff(doc.project).filter(pk=safe_int(form.get("applicant"), 0)).first() or user
    days = safe_int(form.get("days")) if form.get("days") else None
    return loan_svc.apply(document=doc, applicant=applicant, registered_by=user, use=form.get("use", ""),
                          purpose=form.get("purpose", ""), days=days)


def _revise(doc, user, request):
    refusal = uploads.refused(request)
    if refusal is not None:
        raise refusal
    name, data = _scan(request)
    return out_svc.revise(document=doc, by=user, title=request.POST.get("title") or None, scan_name=name,
                          scan_data=data)


def _counted(request) -> dict:
    return {"counted": safe_int(request.POST.get("counted"), -1), "holder_password": request.POST.get("password", "")}


ACTIONS = {
    "instruct": _instruct,
    "read": lambda d, u, r: svc.read(document=d, reader=u, opinion=r.POST.get("text", "")),
    "result": lambda d, u, r: svc.record_result(document=d, handler=u, result=r.POST.get("text", "")),
    "archive": lambda d, u, r: svc.archive(document=d, clerk=u),
    "revise": _revise,
    "sign": lambda d, u, r: out_svc.sign(document=d, signer=u, password=r.POST.get("password", ""),
                                         comment=r.POST.get("text", "")),
    "reject": lambda d, u, r: out_svc.reject(document=d, signer=u, reason=r.POST.get("text", "")),
    "register": lambda d, u, r: out_svc.register(document=d, clerk=u),
    "send": lambda d, u, r: out_svc.send(document=d, clerk=u),
    "apply": _apply,
    "approve": lambda d, u, r: loan_svc.approve(loan=_loan(d, r), approver=u, comment=r.POST.get("text", "")),
    "deny": lambda d, u, r: loan_svc.reject(loan=_loan(d, r), approver=u, comment=r.POST.get("text", "")),
    "lend": lambda d, u, r: loan_svc.lend(loan=_loan(d, r), issuer=u, **_counted(r)),
    "return": lambda d, u, r: loan_svc.take_back(loan=_loan(d, r), receiver=u, **_counted(r)),
}
DONE = {"instruct": _("The instruction is given."), "read": _("Recorded as read."), "result": _("Result recorded."),
        "archive": _("Archived."), "revise": _("The draft is revised."), "sign": _("Signed."),
        "reject": _("Returned for revision."), "register": _("Numbered and registered."), "send": _("Recorded sent."),
        "apply": _("The request is registered."), "approve": _("Approved."), "deny": _("Rejected."),
        "lend": _("Taken out: counted and signed."), "return": _("Returned: counted and signed.")}


@login_required
def document_page(request, pk: int):
    doc = my_document(request, pk)
    try:
        require_member(request.user, doc.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ACTIONS:
            def call():
                limits.check_form(request.POST)
                return ACTIONS[action](doc, request.user, request)
            done, err = attempt(request, call, str(DONE[action]))
            if done:
                return redirect("archives:document", pk=doc.pk)
            doc = my_document(request, pk)
    user, project = request.user, doc.project
    mine = doc.circulation.filter(reader=user, read_at__isnull=True).exists()
    loans = []
    for loan in selectors.loans_of(doc):
        step = approvals.next_step(loan) if loan.status == "pending" else None
        loans.append((loan, step[1] if step else None))
    staff = _staff(project)
    return render(request, "archives/document.html", {
        "doc": doc, "err": err, "circulation": doc.circulation.select_related("reader"),
        "may_open": svc.may_open(doc, user), "is_gm": svc.is_gm(user, project), "is_clerk": svc.is_clerk(user, project),
        "may_sign": out_svc.may_sign(doc, user), "to_read": mine, "is_handler": doc.handler_id == user.pk,
        "managers": staff.filter(memberships__project=project, memberships__role__in=list(HEAD_ROLES)).distinct(),
        "staff": staff, "loans": loans, "uses": DocumentUse.choices, "today": clock.today()},
        status=_status(err))


@login_required
def document_file(request, pk: int):
    doc = my_document(request, pk)
    use = request.GET.get("use", DocumentUse.READ)
    try:
        if not is_member(request.user, doc.project):
            raise DomainError(_("No such record."), code="not_found", status=404)
        data = svc.open_file(document=doc, user=request.user, use=use)
    except DomainError as exc:
        return refused(request, exc)
    response = HttpResponse(data, content_type=doc.scan.mime_type)
    response["Content-Disposition"] = f'inline; filename="document-{doc.pk}.{doc.scan.mime_type.split("/")[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("documents/", documents_page, name="documents"),
    path("documents/new/", new_page, name="document-new"),
    path("documents/<id:pk>/", document_page, name="document"),
    path("documents/<id:pk>/file/", document_file, name="document-file"),
]
