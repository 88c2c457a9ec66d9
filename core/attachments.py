"""Attachments on any record: photos, scans, ID copies (CORE-9). ID copies and authorization letters
are encrypted at rest and every download of them is audited (CORE-3)."""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from core import audit, clock, crypto
from core.errors import DomainError, NotAllowed
from core.models import Attachment, AttachmentKind, Project, User
from core.models.records import SENSITIVE_KINDS
from core.permissions import require_member

ALLOWED_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png", b"RIFF": "image/webp", b"%PDF": "application/pdf"}


def _sniff(data: bytes) -> str | None:
    for magic, mime in MAGIC.items():
        if data.startswith(magic):
            return mime
    return None


@transaction.atomic
def attach(*, target: models.Model, project: Project, uploaded_by: User, name: str, data: bytes,
           kind: str = AttachmentKind.PHOTO, from_portal: bool = False) -> Attachment:
    """`from_portal`: a resident's photo sent through the residents' door (uploaded_by is core.portal's account,
    which is no member of any project; the portal checked the resident's household instead)."""
    if not from_portal:
        require_member(uploaded_by, project)
    if kind not in AttachmentKind.values:
        raise DomainError(_("Unknown kind of attachment."), code="invalid_kind", rule="CORE-9")
    if not data:
        raise DomainError(_("The file is empty."), code="empty_file", rule="CORE-9")
    if len(data) > settings.ATTACHMENT_MAX_BYTES:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": settings.ATTACHMENT_MAX_BYTES // 2**20},
                          code="file_too_large", rule="CORE-9")
    mime = _sniff(data)
    if mime not in ALLOWED_TYPES:
        raise DomainError(_("Only photos (JPEG, PNG, WebP) and PDF scans can be attached."), code="invalid_file_type",
                          rule="CORE-9")
    encrypted = kind in SENSITIVE_KINDS
    stored = crypto.encrypt_bytes(data) if encrypted else data
    attachment = Attachment(project=project, content_type=ContentType.objects.get_for_model(target),
                            object_id=str(target.pk), kind=kind, original_name=name[:200], mime_type=mime,
                            size=len(data), sha256=hashlib.sha256(data).hexdigest(), encrypted=encrypted,
                            uploaded_by=uploaded_by, uploaded_at=clock.now())
    attachment.file.save(f"{attachment.sha256[:16]}.bin", ContentFile(stored), save=False)
    attachment.save()
    audit.record(actor=uploaded_by, action="core.attachment.added", target=target, project=project,
                 data={"attachment": attachment.pk, "kind": kind, "sha256": attachment.sha256, "size": len(data)})
    return attachment


# "app_label.model" → check(attachment, user) raising a DomainError: a room's own rule on who may open the files
# of its records (e.g. a secret document, archives), run by read() before any byte is answered.
READ_GUARDS: dict = {}


def guard_reading(label: str, check) -> None:
    READ_GUARDS[label] = check


# "app_label.model" → the lookup from the record to its project ("project", "loan__project"): the records a user
# may attach files to through core's upload page (core.attachment_views). Each room names its own in ready().
ATTACHABLE: dict[str, str] = {}


def accept_uploads(label: str, project_lookup: str = "project") -> None:
    ATTACHABLE[label] = project_lookup


def attachments_of(target: models.Model) -> models.QuerySet[Attachment]:
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(target),
                                     object_id=str(target.pk)).order_by("uploaded_at")


@transaction.atomic
def read(*, attachment: Attachment, user: User) -> bytes:
    """The file's bytes, decrypted; a sensitive document is shown only to roles that need it, audited."""
    from core.permissions import has_role
    from core import policies

    require_member(user, attachment.project)
    check = READ_GUARDS.get(f"{attachment.content_type.app_label}.{attachment.content_type.model}")
    if check is not None:
        check(attachment, user)
    try:
        with attachment.file.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:  # the media folder lost it (a restore without files, a disk replaced)
        raise DomainError(_("The stored file is missing; ask IT to restore the media folder from the backup."),
                          code="attachment_missing", status=410) from None
    if attachment.encrypted:
        roles = policies.value("core.pii.reveal_roles", attachment.project)
        if not (user.is_superuser or has_role(user, attachment.project, *roles)):
            raise NotAllowed(_("Your role may not open identity documents."), code="pii_not_allowed", rule="CORE-3")
        data = crypto.decrypt_bytes(data)
        audit.record(actor=user, action="core.attachment.opened", target=attachment, project=attachment.project,
                     data={"kind": attachment.kind})
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise DomainError(_("The stored file does not match its checksum."), code="attachment_corrupt")
    return data
