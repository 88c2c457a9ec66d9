"""Outgoing and internal documents (DOC-2, DOC-3; 002 篇4 §1.9, §2.2, §2.3).

A member of a department drafts the document with its file. An outgoing one is reviewed by the GM, who signs it
with their password or returns it with a reason; the department clerk then numbers and registers it (FW…) and
records it sent; the original stays attached (no service removes a document's file). An internal one is
signed by the manager of the drafter's department (NW…). Nobody signs what they drafted. Once signed, nothing
of it changes (`document_signed`): the digest of its file is written in the signature's audit event."""
from __future__ import annotations

from django.utils.translation import gettext as _

from archives.models import DocDirection, DocStatus, Document
from archives.services.documents import (
    CLERKS,
    GMS,
    attach_scan,
    fields,
    is_gm,
    link,
    lock,
    require_scan,
    staff,
    subject,
    verify,
)
from core import audit, clock, limits, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Project, User
from core.notifications import notify_each, resolve
from core.permissions import is_department_head, require_member, require_policy_role

RULE, RULE_SIGNED = "DOC-2", "DOC-3"


@audit.atomic()
def draft(*, project: Project, drafter: User, direction: str, title: str, kind: str, to_unit: str = "",
          secret: bool = False, pages=1, scan_name: str = "", scan_data: bytes | None = None) -> Document:
    require_member(drafter, project)
    if direction not in (DocDirection.OUTGOING, DocDirection.INTERNAL):
        raise DomainError(_("Say whether the document is outgoing or internal."), code="invalid_direction",
                          rule=RULE, details={"field": "direction"})
    if drafter.department is None:
        raise DomainError(_("Only a member of a department drafts its documents."), code="no_department", rule=RULE)
    pages = fields(kind=kind, pages=pages, rule=RULE)
    document = Document(
        project=project, direction=direction, kind=kind, secret=bool(secret), pages=pages,
        title=limits.fit(Document, "title", title, required=True, rule=RULE),
        to_unit=limits.fit(Document, "to_unit", to_unit, required=direction == DocDirection.OUTGOING, rule=RULE),
        department=drafter.department, status=DocStatus.IN_REVIEW, created_by=drafter, created_at=clock.now())
    require_scan(scan_data, rule=RULE)
    document.save()
    attach_scan(document, by=drafter, name=scan_name, data=scan_data, rule=RULE)
    document.save(update_fields=["scan", "sha256"])
    audit.record(actor=drafter, action="archives.document.drafted", target=document, project=project,
                 data={"direction": direction, "title": document.title, "kind": kind, "sha256": document.sha256})
    if direction == DocDirection.OUTGOING:
        notify_each(project=project, people=staff(project, GMS), kind="archives.document_to_sign",
                    title=_("Outgoing document awaits your review: %(title)s") % {"title": document.title},
                    link=link(document), subject=subject(document),
                    dedupe_key=f"archives.document_to_sign:{document.pk}:{document.sha256[:12]}")
    return document


def _require_unsigned(document: Document) -> None:
    if document.signed_at is not None or document.status not in (DocStatus.IN_REVIEW, DocStatus.REJECTED):
        raise Conflict(_("A signed document can never be altered."), code="document_signed", rule=RULE_SIGNED)


@audit.atomic()
def revise(*, document: Document, by: User, title: str | None = None, scan_name: str = "",
           scan_data: bytes | None = None) -> Document:
    """The drafter changes the title or the file before signature; a returned draft goes back for review."""
    document = lock(document)
    require_member(by, document.project)
    if document.direction == DocDirection.INCOMING:
        raise Conflict(_("A signed document can never be altered."), code="document_signed", rule=RULE_SIGNED)
    _require_unsigned(document)
    if by.pk != document.created_by_id:
        raise NotAllowed(_("Only the drafter revises a draft."), code="forbidden", rule=RULE)
    before = {"title": document.title, "sha256": document.sha256}
    if title is not None:
        document.title = limits.fit(Document, "title", title, required=True, rule=RULE)
    if scan_data:
        attach_scan(document, by=by, name=scan_name, data=scan_data, rule=RULE)
    document.status, document.reject_reason = DocStatus.IN_REVIEW, ""
    document.save(update_fields=["title", "scan", "sha256", "status", "reject_reason"])
    audit.record(actor=by, action="archives.document.revised", target=document, project=document.project,
                 data={"before": before, "title": document.title, "sha256": document.sha256})
    return document


def _require_signer(document: Document, signer: User) -> None:
    project = document.project
    require_member(signer, project)
    if document.status != DocStatus.IN_REVIEW:
        raise Conflict(_("This document is not awaiting signature."), code="not_in_review", rule=RULE)
    if signer.pk == document.created_by_id:
        raise NotAllowed(_("Nobody signs a document they drafted."), code="self_signing", rule=RULE)
    if document.direction == DocDirection.OUTGOING:
        require_policy_role(signer, project, GMS, rule=RULE)
    elif not is_department_head(signer, project, document.department.code):
        raise NotAllowed(_("An internal document is signed by the manager of its department."),
                         code="not_department_head", rule=RULE)


@audit.atomic()
def sign(*, document: Document, signer: User, password: str, comment: str = "") -> Document:
    """签发: the GM (outgoing) or the department's manager (internal) signs with their password; the digest of
    the file as signed is written in the audit event of the signature."""
    document = lock(document)
    _require_signer(document, signer)
    comment = limits.text(comment, field=_("comment"))
    check = verify(document)
    if not check["intact"]:
        raise Conflict(_("The stored file differs from the one registered; it cannot be signed."),
                       code="file_altered", rule=RULE_SIGNED, details=check)
    signatures.sign_with_credentials(target=document, project=document.project, capacity="documents_signed_by",
                                     person=signer, password=password)
    now = clock.now()
    document.signed_by, document.signed_at, document.status = signer, now, DocStatus.SIGNED
    update = ["signed_by", "signed_at", "status"]
    if document.direction == DocDirection.INTERNAL:
        document.serial = f"NW{clock.beijing(now):%Y%m%d}-{document.pk:06d}"
        update.append("serial")
    document.save(update_fields=update)
    audit.record(actor=signer, action="archives.document.signed", target=document, project=document.project,
                 data={"sha256": document.sha256, "title": document.title, "direction": document.direction,
                       "comment": comment})
    resolve(subject=subject(document), kinds=["archives.document_to_sign"])
    return document


@audit.atomic()
def reject(*, document: Document, signer: User, reason: str) -> Document:
    document = lock(document)
    _require_signer(document, signer)
    document.reject_reason = limits.fit(Document, "reject_reason", reason, required=True, rule=RULE)
    document.status = DocStatus.REJECTED
    document.save(update_fields=["reject_reason", "status"])
    audit.record(actor=signer, action="archives.document.rejected", target=document, project=document.project,
                 data={"reason": document.reject_reason})
    resolve(subject=subject(document), kinds=["archives.document_to_sign"])
    return document


@audit.atomic()
def register(*, document: Document, clerk: User) -> Document:
    """编号、登记: the department clerk numbers a signed outgoing document (FW…)."""
    document = lock(document)
    require_member(clerk, document.project)
    require_policy_role(clerk, document.project, CLERKS, rule=RULE)
    if document.direction != DocDirection.OUTGOING or document.status != DocStatus.SIGNED:
        raise Conflict(_("Only an outgoing document signed by the GM is numbered."), code="not_signed", rule=RULE)
    now = clock.now()
    document.serial = f"FW{clock.beijing(now):%Y%m%d}-{document.pk:06d}"
    document.registered_by, document.registered_at, document.status = clerk, now, DocStatus.REGISTERED
    document.save(update_fields=["serial", "registered_by", "registered_at", "status"])
    audit.record(actor=clerk, action="archives.document.registered", target=document, project=document.project,
                 data={"serial": document.serial})
    return document


@audit.atomic()
def send(*, document: Document, clerk: User) -> Document:
    """外发: recorded sent; the original stays with the department clerk."""
    document = lock(document)
    require_member(clerk, document.project)
    require_policy_role(clerk, document.project, CLERKS, rule=RULE)
    if document.direction != DocDirection.OUTGOING or document.status != DocStatus.REGISTERED:
        raise Conflict(_("Only a numbered outgoing document is sent."), code="not_registered", rule=RULE)
    document.sent_at, document.status = clock.now(), DocStatus.SENT
    document.save(update_fields=["sent_at", "status"])
    audit.record(actor=clerk, action="archives.document.sent", target=document, project=document.project,
                 data={"serial": document.serial, "to": document.to_unit})
    return document


def may_sign(document: Document, user: User) -> bool:
    try:
        _require_signer(document, user)
    except (NotAllowed, Conflict, DomainError):
        return False
    return True


__all__ = ["draft", "is_gm", "may_sign", "register", "reject", "revise", "send", "sign"]
