"""Documents (DOC-1, DOC-3; 002 篇4): incoming documents and what every document shares — the stored file and
its digest, and who may open a secret one.

Incoming (§2.1): the department clerk signs the document in with its scan and registers it (SW…); it goes to
the GM, whose instruction names the department managers who read it (传阅) and the person who handles it by a
date (承办); each reader reads it with an opinion, the handler records the result, and the clerk archives it
only when both are done. A signed document never changes (§1.9): its SHA-256 digest is kept on it and
`verify` recomputes it from the stored file."""
from __future__ import annotations

import datetime as dt
import hashlib

from django.utils.translation import gettext as _

from archives.models import Circulation, DocDirection, DocKind, DocStatus, Document, DocumentLoan, DocumentUse
from core import attachments, audit, clock, crypto, limits, policies, signatures
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from core.lending.states import LoanStatus
from core.models import AttachmentKind, Project, User
from core.notifications import notify_each, resolve
from core.permissions import has_role, is_member, require_member, require_policy_role
from core.roles import HEAD_ROLES

RULE_IN, RULE_SECRET = "DOC-1", "DOC-3"
CLERKS, GMS = "archives.documents.clerk_roles", "archives.documents.gm_roles"


def subject(document: Document) -> str:
    return f"archives.document:{document.pk}"


def link(document: Document) -> str:
    return f"/archives/documents/{document.pk}/"


def lock(document: Document | int) -> Document:
    pk = getattr(document, "pk", document)
    found = (Document.objects.select_for_update(of=("self",)).select_related("project", "scan", "department")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound(_("No such record."), code="not_found")
    return found


def in_roles(user: User, project: Project, key: str) -> bool:
    return user.is_superuser or (is_member(user, project) and has_role(user, project, *policies.value(key, project)))


def is_clerk(user: User, project: Project) -> bool:
    return in_roles(user, project, CLERKS)


def is_gm(user: User, project: Project) -> bool:
    return in_roles(user, project, GMS)


def fields(*, kind: str, pages, rule: str) -> int:
    if kind not in DocKind.values:
        raise DomainError(_("Choose the kind of document."), code="invalid_kind", rule=rule, details={"field": "kind"})
    try:
        pages = int(pages)
    except (TypeError, ValueError):
        pages = 0
    if not 1 <= pages <= 9999:
        raise DomainError(_("Give the number of pages (1 to 9999)."), code="invalid_pages", rule=rule,
                          details={"field": "pages"})
    return pages


def require_scan(data: bytes | None, *, rule: str) -> None:
    if not data:
        raise DomainError(_("Attach the scan of the document."), code="scan_required", rule=rule,
                          details={"field": "scan"})


def attach_scan(document: Document, *, by: User, name: str, data: bytes | None, rule: str) -> None:
    """The document's file (kind SCAN): its digest is kept on the document."""
    require_scan(data, rule=rule)
    scan = attachments.attach(target=document, project=document.project, uploaded_by=by, name=name or "scan",
                              data=data, kind=AttachmentKind.SCAN)
    document.scan, document.sha256 = scan, scan.sha256


def stored_bytes(document: Document) -> bytes:
    scan = document.scan
    try:
        with scan.file.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise DomainError(_("The stored file is missing; ask IT to restore the media folder from the backup."),
                          code="attachment_missing", status=410) from None
    return crypto.decrypt_bytes(data) if scan.encrypted else data


def verify(document: Document) -> dict:
    """Recompute the digest of the stored file (DOC-3): `intact` says whether it is the one kept on the document."""
    if document.scan_id is None:
        return {"intact": False, "kept": document.sha256, "found": None}
    found = hashlib.sha256(stored_bytes(document)).hexdigest()
    return {"intact": found == document.sha256 == document.scan.sha256, "kept": document.sha256, "found": found}


# --- secret documents: who may open the file (DOC-3; §1.4) -----------------------------------------------

def approved_use(document: Document, user: User, use: str) -> DocumentLoan | None:
    """The user's approved request of this use (or a document taken out and not yet back), still in its period."""
    uses = [use, DocumentUse.TAKE_OUT] if use == DocumentUse.READ else [use]
    return (DocumentLoan.objects.filter(document=document, holder=user, use__in=uses, period_end__gt=clock.now(),
                                        status__in=[LoanStatus.APPROVED, LoanStatus.LENT]).order_by("-pk").first())


def may_open(document: Document, user: User, use: str = DocumentUse.READ) -> bool:
    if not (user.is_superuser or is_member(user, document.project)):
        return False
    if not document.secret:
        return True
    return is_gm(user, document.project) or approved_use(document, user, use) is not None


def require_may_open(document: Document, user: User, use: str = DocumentUse.READ) -> None:
    require_member(user, document.project)
    if not may_open(document, user, use):
        raise NotAllowed(_("A secret document is read, copied or taken out only with the GM's approval."),
                         code="secret_needs_approval", rule=RULE_SECRET,
                         clause=policies.resolve("archives.documents.approval.secret", document.project).clause)


def guard_scan(attachment, user: User) -> None:
    """core.attachments' read guard: a document's file through the generic download obeys the same rule."""
    document = Document.objects.filter(pk=attachment.object_id).select_related("project").first()
    if document is not None:
        require_may_open(document, user)


@audit.atomic()
def open_file(*, document: Document, user: User, use: str = DocumentUse.READ) -> bytes:
    """The file's bytes for reading or copying; a secret document's opening is audited."""
    if use not in (DocumentUse.READ, DocumentUse.COPY):
        raise DomainError(_("Say whether the document is read or copied."), code="invalid_use", rule=RULE_SECRET)
    require_may_open(document, user, use)
    if document.scan_id is None:
        raise NotFound(_("No such record."), code="not_found")
    data = stored_bytes(document)
    if document.secret or use == DocumentUse.COPY:
        audit.record(actor=user, action=f"archives.document.{'copied' if use == DocumentUse.COPY else 'opened'}",
                     target=document, project=document.project, data={"secret": document.secret})
    return data


# --- incoming (DOC-1; §2.1) -----------------------------------------------------------------------------

@audit.atomic()
def sign_in(*, project: Project, clerk: User, title: str, from_unit: str, their_number: str = "", kind: str,
            secret: bool = False, pages=1, scan_name: str = "", scan_data: bytes | None = None) -> Document:
    """签收、分类、登记: registered with its number and sent to the GM."""
    require_member(clerk, project)
    require_policy_role(clerk, project, CLERKS, rule=RULE_IN)
    pages = fields(kind=kind, pages=pages, rule=RULE_IN)
    now = clock.now()
    document = Document(
        project=project, direction=DocDirection.INCOMING, kind=kind, secret=bool(secret), pages=pages,
        title=limits.fit(Document, "title", title, required=True, rule=RULE_IN),
        from_unit=limits.fit(Document, "from_unit", from_unit, required=True, rule=RULE_IN),
        their_number=limits.fit(Document, "their_number", their_number),
        department=clerk.department, status=DocStatus.WITH_GM, created_by=clerk, created_at=now,
        registered_by=clerk, registered_at=now)
    require_scan(scan_data, rule=RULE_IN)
    document.save()
    attach_scan(document, by=clerk, name=scan_name, data=scan_data, rule=RULE_IN)
    document.serial = f"SW{clock.beijing(now):%Y%m%d}-{document.pk:06d}"
    document.save(update_fields=["serial", "scan", "sha256"])
    signatures.sign_as_session_user(target=document, project=project, capacity="documents_signed_in", person=clerk)
    audit.record(actor=clerk, action="archives.document.signed_in", target=document, project=project,
                 data={"serial": document.serial, "title": document.title, "from": document.from_unit,
                       "kind": kind, "secret": document.secret, "sha256": document.sha256})
    title_text = _("Incoming document %(serial)s awaits your instruction: %(title)s") % {
        "serial": document.serial, "title": document.title}
    notify_each(project=project, people=staff(project, GMS), kind="archives.document_to_instruct",
                title=title_text, link=link(document), subject=subject(document),
                dedupe_key=f"archives.document_to_instruct:{document.pk}")
    return document


def staff(project: Project, key: str) -> list[User]:
    from core.permissions import staff_in_policy_roles

    return staff_in_policy_roles(project, key)


@audit.atomic()
def instruct(*, document: Document, gm: User, instruction: str, readers=(), handler: User | None = None,
             handle_by: dt.date | None = None) -> Document:
    """The GM's instruction (批示): who reads it, who handles it and by when."""
    document = lock(document)
    project = document.project
    require_member(gm, project)
    require_policy_role(gm, project, GMS, rule=RULE_IN)
    if document.direction != DocDirection.INCOMING or document.status != DocStatus.WITH_GM:
        raise Conflict(_("This document is not awaiting the GM's instruction."), code="not_with_gm", rule=RULE_IN)
    instruction = limits.fit(Document, "instruction", instruction, required=True, rule=RULE_IN)
    readers = list(dict.fromkeys(readers))
    limits.count(readers, field="readers", limit=50)
    for reader in readers:
        if not (reader.is_active and is_member(reader, project) and has_role(reader, project, *HEAD_ROLES)):
            raise DomainError(_("%(name)s is not a department manager of this project.")
                              % {"name": reader.display_name}, code="reader_not_manager", rule=RULE_IN,
                              details={"field": "readers"})
    if handler is not None:
        if not (handler.is_active and is_member(handler, project)):
            raise DomainError(_("The handler must be a member of staff of this project."), code="invalid_handler",
                              rule=RULE_IN, details={"field": "handler"})
        if handle_by is None or handle_by < clock.today():
            raise DomainError(_("Give the date by which it must be handled (today or later)."),
                              code="invalid_date", rule=RULE_IN, details={"field": "handle_by"})
    elif handle_by is not None:
        raise DomainError(_("Name the person who handles it."), code="invalid_handler", rule=RULE_IN,
                          details={"field": "handler"})
    if not readers and handler is None:
        raise DomainError(_("Name the readers, the handler, or both."), code="nothing_instructed", rule=RULE_IN)
    document.instruction, document.instructed_by, document.instructed_at = instruction, gm, clock.now()
    document.handler, document.handle_by, document.status = handler, handle_by, DocStatus.INSTRUCTED
    document.save(update_fields=["instruction", "instructed_by", "instructed_at", "handler", "handle_by", "status"])
    Circulation.objects.bulk_create([Circulation(document=document, reader=r, position=i)
                                     for i, r in enumerate(readers)])
    audit.record(actor=gm, action="archives.document.instructed", target=document, project=project,
                 data={"instruction": instruction, "readers": [r.pk for r in readers],
                       "handler": getattr(handler, "pk", None),
                       "handle_by": handle_by.isoformat() if handle_by else None})
    resolve(subject=subject(document), kinds=["archives.document_to_instruct"])
    for reader in readers:
        notify_each(project=project, people=[reader], kind="archives.document_to_read", link=link(document),
                    title=_("Please read document %(serial)s: %(title)s") % {"serial": document.serial,
                                                                            "title": document.title},
                    subject=f"{subject(document)}:reader:{reader.pk}",
                    dedupe_key=f"archives.document_to_read:{document.pk}")
    if handler is not None:
        notify_each(project=project, people=[handler], kind="archives.document_to_handle", link=link(document),
                    title=_("Please handle document %(serial)s by %(date)s: %(title)s")
                    % {"serial": document.serial, "date": handle_by.isoformat(), "title": document.title},
                    subject=f"{subject(document)}:handler", dedupe_key=f"archives.document_to_handle:{document.pk}")
    return document


@audit.atomic()
def read(*, document: Document, reader: User, opinion: str) -> Circulation:
    """A reader has read the circulated document and writes an opinion (阅文意见)."""
    document = lock(document)
    require_member(reader, document.project)
    row = Circulation.objects.select_for_update().filter(document=document, reader=reader).first()
    if row is None:
        raise NotAllowed(_("The GM's instruction does not name you as a reader."), code="not_a_reader",
                         rule=RULE_IN)
    if row.read_at is not None:
        raise Conflict(_("You have already read it."), code="already_read", rule=RULE_IN)
    if document.status != DocStatus.INSTRUCTED:
        raise Conflict(_("This document is no longer circulating."), code="not_circulating", rule=RULE_IN)
    row.opinion = limits.fit(Circulation, "opinion", opinion, required=True, rule=RULE_IN)
    row.read_at = clock.now()
    row.save(update_fields=["opinion", "read_at"])
    audit.record(actor=reader, action="archives.document.read", target=document, project=document.project,
                 data={"opinion": row.opinion})
    resolve(subject=f"{subject(document)}:reader:{reader.pk}")
    return row


@audit.atomic()
def record_result(*, document: Document, handler: User, result: str) -> Document:
    """The handler's result and report (承办结果)."""
    document = lock(document)
    require_member(handler, document.project)
    if document.handler_id != handler.pk:
        raise NotAllowed(_("Only the person the GM named handles this document."), code="not_the_handler",
                         rule=RULE_IN)
    if document.status != DocStatus.INSTRUCTED:
        raise Conflict(_("This document is no longer being handled."), code="not_circulating", rule=RULE_IN)
    if document.result:
        raise Conflict(_("The result is already recorded."), code="result_recorded", rule=RULE_IN)
    document.result = limits.fit(Document, "result", result, required=True, rule=RULE_IN)
    document.result_at = clock.now()
    document.save(update_fields=["result", "result_at"])
    audit.record(actor=handler, action="archives.document.handled", target=document, project=document.project,
                 data={"result": document.result, "late": document.result_at.date() > document.handle_by
                       if document.handle_by else False})
    resolve(subject=f"{subject(document)}:handler")
    return document


@audit.atomic()
def archive(*, document: Document, clerk: User) -> Document:
    """Back to the clerk and archived — only once every reader has read it and the result is recorded."""
    document = lock(document)
    project = document.project
    require_member(clerk, project)
    require_policy_role(clerk, project, CLERKS, rule=RULE_IN)
    if document.status != DocStatus.INSTRUCTED:
        raise Conflict(_("Only an instructed incoming document is archived."), code="not_circulating", rule=RULE_IN)
    if document.handler_id and not document.result:
        raise Conflict(_("The handler has not recorded the result yet."), code="result_missing", rule=RULE_IN)
    unread = list(document.circulation.filter(read_at__isnull=True).select_related("reader"))
    if unread:
        raise Conflict(_("Not yet read by: %(names)s.") % {"names": "、".join(r.reader.display_name for r in unread)},
                       code="circulation_unread", rule=RULE_IN, details={"readers": [r.reader_id for r in unread]})
    document.status, document.archived_by, document.archived_at = DocStatus.ARCHIVED, clerk, clock.now()
    document.save(update_fields=["status", "archived_by", "archived_at"])
    audit.record(actor=clerk, action="archives.document.archived", target=document, project=project,
                 data={"serial": document.serial})
    resolve(subject=subject(document))
    return document
